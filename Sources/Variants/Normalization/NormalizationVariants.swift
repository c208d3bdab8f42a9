import Configuration
import NN

private let epsilonSpec = ParameterSpec.double("epsilon", default: 1e-5, in: 0...0.1, "Added to the variance (or mean square) before the square root.")
private let biasSpec = ParameterSpec.bool("bias", default: true, "Learned per-feature shift β.")

private func epsilon(_ v: ParameterValues) -> Float { Float(v.double("epsilon")) }

/// The norm's shift β: its own `bias` parameter, off in a model without biases (`model.bias: false`).
private func hasBias(_ v: ParameterValues, _ c: LayerContext) -> Bool { v.bool("bias") && c.bias }

/// DyT's initial α at the context's norm site: the site's own parameter when set, else `alpha`.
private func dytAlpha(_ v: ParameterValues, _ c: LayerContext) -> Double {
    let alpha = v.double("alpha")
    switch c.normSite {
    case .mixer?: return v.double("alpha_mixer", unset: alpha)
    case .ffn?: return v.double("alpha_ffn", unset: alpha)
    case .final?: return v.double("alpha_final", unset: alpha)
    case nil: return alpha
    }
}

/// The `norm.*` family, in catalogue order.
public let normalizationVariants: [VariantDescriptor] = [
    VariantDescriptor(
        id: "norm.layernorm", summary: "Layer normalization: centre, scale by 1/σ, learned gain and bias.",
        paper: "Layer Normalization (Ba, Kiros, Hinton, 2016)",
        parameters: [biasSpec, epsilonSpec],
        realCost: "baseline (two reductions per token, ~8d FLOPs: negligible next to the GEMMs)",
        parameterCount: { v, c in c.width * (hasBias(v, c) ? 2 : 1) },
        factory: .normalization { v, c, _ in LayerNorm(c.width, bias: hasBias(v, c), epsilon: epsilon(v)) }),
    VariantDescriptor(
        id: "norm.rmsnorm", summary: "RMS normalization: scale by 1/rms, learned gain, no centring.",
        paper: "Root Mean Square Layer Normalization (Zhang & Sennrich, 2019)",
        parameters: [.bool("bias", default: false, "Learned per-feature shift β."), epsilonSpec],
        realCost: "real but small: one reduction instead of two",
        // 1: the shared vectorized kernels (relaxed Float sum of squares; NormAffine).
        revision: 1,
        parameterCount: { v, c in c.width * (hasBias(v, c) ? 2 : 1) },
        factory: .normalization { v, c, _ in RMSNorm(c.width, bias: hasBias(v, c), epsilon: epsilon(v)) }),
    VariantDescriptor(
        id: "norm.layernorm-noscale", summary: "LayerNorm without a learned gain: only the shift β remains.",
        paper: "Outlier Suppression: Pushing the Limit of Low-bit Transformer Language Models (Wei et al., 2022)",
        parameters: [biasSpec, epsilonSpec],
        realCost: "none: same cost as LayerNorm",
        // 1: the shared vectorized kernels (relaxed variance sum; NormAffine).
        revision: 1,
        parameterCount: { v, c in hasBias(v, c) ? c.width : 0 },
        factory: .normalization { v, c, _ in LayerNormNoScale(c.width, bias: hasBias(v, c), epsilon: epsilon(v)) }),
    VariantDescriptor(
        id: "norm.batchnorm", summary: "Batch normalization over batch × sequence rows; running averages in evaluation.",
        paper: "Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift (Ioffe & Szegedy, 2015)",
        parameters: [biasSpec, .double("momentum", default: 0.1, in: 0...1, "Weight of the newest batch in the running averages."), epsilonSpec],
        realCost: "training ≈ LayerNorm; foldable into the next linear at inference (real, small)",
        // 1: Float column statistics in the shared vectorized kernels (NormKernels).
        revision: 1,
        parameterCount: { v, c in c.width * (hasBias(v, c) ? 2 : 1) },
        factory: .normalization { v, c, _ in
            BatchNorm(c.width, bias: hasBias(v, c), momentum: Float(v.double("momentum")), epsilon: epsilon(v))
        }),
    VariantDescriptor(
        id: "norm.powernorm", summary: "PowerNorm: per-feature running quadratic mean, no centring, approximate backward.",
        paper: "PowerNorm: Rethinking Batch Normalization in Transformers (Shen et al., 2020)",
        parameters: [biasSpec,
                     .double("alpha_forward", default: 0.9, in: 0...1, "Running-average factor of ψ²."),
                     .double("alpha_backward", default: 0.9, in: 0...1, "Running-average factor of the backward correction."),
                     .double("warmup", default: 0.05, in: 0...1, unit: "fraction of steps", "Steps normalizing by the batch quadratic mean."),
                     epsilonSpec],
        realCost: "no mean pass; foldable into the next linear at inference (real, small)",
        exactBackward: false,
        // 1: rows scaled to unit quadratic mean first, as the official code's GroupScaling1D.
        // 2: the shared vectorized kernels (Float row and column sums; NormAffine, NormKernels).
        revision: 2,
        parameterCount: { v, c in c.width * (hasBias(v, c) ? 2 : 1) },
        factory: .normalization { v, c, _ in
            PowerNorm(c.width, bias: hasBias(v, c), alphaForward: Float(v.double("alpha_forward")),
                      alphaBackward: Float(v.double("alpha_backward")), warmupFraction: v.double("warmup"), epsilon: epsilon(v))
        }),
    VariantDescriptor(
        id: "norm.dyt", summary: "Dynamic Tanh: γ ⊙ tanh(α·x) + β with a learnable scalar α; no statistics.",
        paper: "Transformers without Normalization (Zhu et al., 2025)",
        parameters: [biasSpec, .double("alpha", default: 0.5, in: 0.001...100, "Initial α of every norm whose site has no alpha_* of its own."),
                     .optionalDouble("alpha_mixer", in: 0.001...100, "Initial α of the token mixer's norm, norm1 (unset: alpha)."),
                     .optionalDouble("alpha_ffn", in: 0.001...100, "Initial α of the feed-forward's norm, norm2 (unset: alpha)."),
                     .optionalDouble("alpha_final", in: 0.001...100, "Initial α of the final norm before the head (unset: alpha).")],
        realCost: "no reductions but an exp per element; not foldable: expect no real speedup",
        parameterCount: { v, c in 1 + c.width * (hasBias(v, c) ? 2 : 1) },
        factory: .normalization { v, c, _ in
            DynamicTanh(c.width, alpha: Float(dytAlpha(v, c)), bias: hasBias(v, c))
        }),
    VariantDescriptor(
        id: "norm.prepbn", summary: "Progressive LayerNorm → re-parameterized BatchNorm (λ schedule), folded to an affine at inference.",
        paper: "SLAB: Efficient Transformers with Simplified Linear Attention and Progressive Re-parameterized Batch Normalization (Guo et al., 2024)",
        parameters: [biasSpec,
                     .double("warmup", default: 0, in: 0...1, unit: "fraction of steps", "Steps at λ = 1 (pure LayerNorm)."),
                     .double("decay", default: 0.8, in: 0...1, unit: "fraction of steps", "Steps over which λ falls linearly to 0."),
                     .double("momentum", default: 0.1, in: 0...1, "BatchNorm running-average weight."),
                     epsilonSpec],
        realCost: "training pays for both norms; the norm folds into an affine at inference (real)",
        // 1: its BatchNorm's revision 1 (the shared vectorized kernels).
        revision: 1,
        parameterCount: { v, c in 2 * c.width * (hasBias(v, c) ? 2 : 1) + 1 },
        factory: .normalization { v, c, _ in
            PRepBN(c.width, bias: hasBias(v, c), warmupFraction: v.double("warmup"), decayFraction: v.double("decay"),
                   momentum: Float(v.double("momentum")), epsilon: epsilon(v))
        }),
    VariantDescriptor(
        id: "norm.crmsnorm", summary: "Pre-RMSNorm with gain and shift: the exact form of a Pre-LN model after centring its residual stream (PreLNConversion).",
        paper: "Pre-RMSNorm and Pre-CRMSNorm Transformers: Equivalent and Efficient Pre-LN Transformers (Jiang et al., 2023)",
        parameters: [epsilonSpec],
        realCost: "real, small: removes the mean reduction of every norm",
        // 1: RMSNorm's revision 1 (the shared vectorized kernels).
        revision: 1,
        parameterCount: { _, c in c.width * (c.bias ? 2 : 1) },
        factory: .normalization { v, c, _ in RMSNorm(c.width, bias: c.bias, epsilon: epsilon(v)) }),
    VariantDescriptor(
        id: "norm.none", summary: "No normalization: the identity; blocks become x + F(x).",
        paper: "Transformers without Normalization (Zhu et al., 2025) (the motivation: the unnormalized floor)",
        realCost: "real, negligible: saves the norm",
        parameterCount: { _, _ in 0 },
        factory: .normalization { _, c, _ in IdentityNorm(c.width) }),
]
