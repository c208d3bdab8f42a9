import Configuration
import NN
import Tensor

/// N(0, 0.02²) for the input matrix, N(0, (0.02/√(2L))²) for the one writing into the residual stream.
private func initializeMLP(fc1: Linear, fc2: Linear, ctx: LayerContext, rng: inout RNG) {
    fc1.initializeNormal(std: 0.02, rng: &rng)
    fc2.initializeNormal(std: 0.02 / Float(2 * ctx.depth).squareRoot(), rng: &rng)
}

private func makeMLP(width: Int, hidden: Int, bias: Bool, ctx: LayerContext, rng: inout RNG) -> GELUFeedForward {
    let m = GELUFeedForward(width: width, hidden: hidden, bias: bias)
    initializeMLP(fc1: m.fc1, fc2: m.fc2, ctx: ctx, rng: &rng)
    return m
}

private func makeSwiGLU(width: Int, hidden: Int, ctx: LayerContext, rng: inout RNG) -> SwiGLUFeedForward {
    let m = SwiGLUFeedForward(width: width, hidden: hidden)
    m.w1.initializeNormal(std: 0.02, rng: &rng)
    m.w3.initializeNormal(std: 0.02, rng: &rng)
    m.w2.initializeNormal(std: 0.02 / Float(2 * ctx.depth).squareRoot(), rng: &rng)
    return m
}

private func invalid(_ id: String, _ key: String, _ value: Int, _ allowed: String) -> ParameterError {
    .invalidParameterValue(owner: id, key: key, value: String(value), allowed: allowed)
}

/// The `ffn.*` family, in catalogue order.
public let feedForwardVariants: [VariantDescriptor] = [
    VariantDescriptor(
        id: "ffn.mlp", summary: "Two-layer MLP with GELU (tanh approximation).",
        paper: "Gaussian Error Linear Units (GELUs) (Hendrycks & Gimpel, 2016)",
        realCost: "baseline",
        parameterCount: feedForwardParameterCounts["ffn.mlp"],
        factory: .feedForward { _, ctx, rng in
            makeMLP(width: ctx.width, hidden: ctx.ffnHidden, bias: ctx.bias, ctx: ctx, rng: &rng)
        }),
    VariantDescriptor(
        id: "ffn.swiglu", summary: "Gated FFN W₂·(SiLU(W₁x) ⊙ W₃x), no biases, hidden ⅔ of the MLP's for equal parameters.",
        paper: "GLU Variants Improve Transformer (Shazeer, 2020)",
        parameters: [.int("hidden", default: 0, in: 0...1_048_576, unit: "features",
                          "Hidden width h (0: ⅔ of the model's FFN hidden width rounded up to a multiple of 8).")],
        realCost: "none at matched hidden width: three GEMMs of d×⅔h cost what two of d×h do",
        parameterCount: feedForwardParameterCounts["ffn.swiglu"],
        factory: .feedForward { v, ctx, rng in
            let h = v.int("hidden") == 0 ? SwiGLUFeedForward.matchedHidden(mlpHidden: ctx.ffnHidden) : v.int("hidden")
            return makeSwiGLU(width: ctx.width, hidden: h, ctx: ctx, rng: &rng)
        }),
    VariantDescriptor(
        id: "ffn.lowrank", summary: "GELU MLP whose matrices are products U·V of rank r, spectrally initialized.",
        paper: "Building on Efficient Foundations: Effectively Training LLMs with Structured Feedforward Layers (Wei et al., 2024); Compute Better Spent: Replacing Dense Layers with Structured Matrices (Qiu et al., 2024)",
        parameters: [
            .int("rank", default: 0, in: 0...1_048_576, "Rank r of both matrices (0: from param_fraction)."),
            .double("param_fraction", default: 0.5, in: 0.001...1, unit: "× dense",
                    "Fraction ρ of the dense parameters: r = ⌊ρ·d·h/(d+h)⌋ (used when rank is 0)."),
        ],
        realCost: "real: r·(d+h) parameters and multiply-adds per matrix instead of d·h, less the thin-GEMM penalty at small r",
        parameterCount: feedForwardParameterCounts["ffn.lowrank"],
        factory: .feedForward { v, ctx, rng in
            let r = v.int("rank") > 0 ? v.int("rank")
                : LowRankLinear.rank(fraction: v.double("param_fraction"), inFeatures: ctx.width, outFeatures: ctx.ffnHidden)
            let m = LowRankFeedForward(width: ctx.width, hidden: ctx.ffnHidden, rank1: r, rank2: r, bias: ctx.bias)
            m.fc1.initializeSpectral(rng: &rng)
            m.fc2.initializeSpectral(rng: &rng)
            return m
        }),
    VariantDescriptor(
        id: "ffn.blockdiag",
        summary: "GELU MLP with structured matrices: Monarch or block tensor-train (2 block-diagonal cores and a stride permutation), per-core μP init.",
        paper: "Compute Better Spent: Replacing Dense Layers with Structured Matrices (Qiu et al., 2024); Monarch: Expressive Structured Matrices for Efficient and Accurate Training (Dao et al., 2022); Building on Efficient Foundations: Effectively Training LLMs with Structured Feedforward Layers (Wei et al., 2024)",
        parameters: [
            .choice("structure", default: "monarch", ["monarch", "btt", "blockdiag"],
                    "monarch: intermediate width b²·r ≈ min(in, out); btt: rank btt_rank; blockdiag: b independent blocks (no mixing, a baseline)."),
            .int("blocks", default: 4, in: 1...4096, "Blocks b of each core (divides d and the hidden width)."),
            .int("btt_rank", default: 1, in: 1...4096, "Tensor-train rank r for structure btt."),
            .choice("init", default: "mup-core", ["mup-core", "standard"],
                    "mup-core: per-core σ = min(1, √(fan_out/fan_in))/√fan_in, last core of fc2 zero, LR multipliers; standard: N(0, 1/fan_in) per core."),
        ],
        realCost: "real in FLOPs and parameters (about b/2 to b fewer); wall time gains only when blocks are large (≥ 64): at d ≤ 128 the many small GEMMs are slower than one dense GEMM. The per-core learning-rate multipliers (learningRateMultipliers) need optimizer support to take effect",
        parameterCount: feedForwardParameterCounts["ffn.blockdiag"],
        factory: .feedForward { v, ctx, rng in
            let b = v.int("blocks")
            guard ctx.width % b == 0, ctx.ffnHidden % b == 0 else {
                throw invalid("ffn.blockdiag", "blocks", b, "a divisor of the width \(ctx.width) and the FFN hidden width \(ctx.ffnHidden)")
            }
            if v.string("structure") == "blockdiag" {
                let m = BlockDiagonalFeedForward(width: ctx.width, hidden: ctx.ffnHidden, blocks: b, bias: ctx.bias)
                let perCore = v.string("init") == "mup-core"
                m.fc1.initialize(perCore: perCore, rng: &rng)
                m.fc2.initialize(perCore: perCore, zero: perCore, rng: &rng)
                m.scalesLearningRates = perCore
                return m
            }
            let monarch = v.string("structure") == "monarch"
            let r1 = monarch ? StructuredFeedForward.monarchRank(ctx.width, ctx.ffnHidden, blocks: b) : v.int("btt_rank")
            let r2 = monarch ? StructuredFeedForward.monarchRank(ctx.ffnHidden, ctx.width, blocks: b) : v.int("btt_rank")
            let m = StructuredFeedForward(width: ctx.width, hidden: ctx.ffnHidden, blocks: b, rank1: r1, rank2: r2, bias: ctx.bias)
            if v.string("init") == "mup-core" {
                m.fc1.initializePerCore(zeroSecond: false, rng: &rng)
                m.fc2.initializePerCore(zeroSecond: true, rng: &rng)
            } else {
                m.scalesLearningRates = false
                for layer in [m.fc1, m.fc2] {
                    for (p, shape) in zip([layer.first, layer.second], layer.coreShapes) {
                        p.value.fillNormal(std: 1 / Float(shape.fanIn).squareRoot(), rng: &rng)
                    }
                }
            }
            return m
        }),
    VariantDescriptor(
        id: "ffn.moe",
        summary: "Mixture of E expert FFNs with top-k routing (dropless, or a capacity factor dropping tokens), load-balancing loss (sequence, micro-batch or global scope) and optional router z-loss.",
        paper: "Outrageously Large Neural Networks: The Sparsely-Gated Mixture-of-Experts Layer (Shazeer et al., 2017); Switch Transformers: Scaling to Trillion Parameter Models with Simple and Efficient Sparsity (Fedus et al., 2021); Demons in the Detail: On Implementing Load Balancing Loss for Training Specialized Mixture-of-Expert Models (Qiu et al., 2025)",
        parameters: [
            .int("experts", default: 8, in: 1...1024, "Experts E."),
            .int("top_k", default: 2, in: 1...1024, "Experts per token k (≤ E)."),
            .choice("expert", default: "mlp", ["mlp", "swiglu"], "Expert FFN type."),
            .int("expert_hidden", default: 0, in: 0...1_048_576, unit: "features",
                 "Hidden width per expert (0: the dense hidden width / k, equal active FLOPs; ⅔ of that for swiglu)."),
            .double("lbl_coef", default: 0.01, in: 0...10, "Load-balancing coefficient c."),
            .choice("lbl_scope", default: "global", MixtureOfExperts.BalancingScope.allCases.map(\.rawValue),
                    "Tokens sharing one load count: each sequence, the micro-batch, or the whole optimizer step."),
            .double("z_loss_coef", default: 0, in: 0...10, "Router z-loss coefficient c_z (1e-3 is typical; 0: off)."),
            .double("capacity_factor", default: 0, in: 0...64,
                    "Capacity factor cf (0: dropless): each expert serves at most ⌈cf·k·n/E⌉ of a micro-batch's n·k routing slots, first choices first, earlier tokens first; a dropped slot passes the token on the residual alone (1.25 is typical).")
                .omittedAtDefault(),
        ],
        realCost: "real: active FLOPs ≈ k experts + router per token against E experts' parameters (fewer when slots drop); gather/scatter copies and per-expert GEMMs on thin token sets cost extra on a CPU",
        parameterCount: feedForwardParameterCounts["ffn.moe"],
        factory: .feedForward { v, ctx, rng in
            let e = v.int("experts"), k = v.int("top_k")
            guard k <= e else { throw invalid("ffn.moe", "top_k", k, "at most experts = \(e)") }
            let swiglu = v.string("expert") == "swiglu"
            var h = v.int("expert_hidden")
            if h == 0 { h = swiglu ? SwiGLUFeedForward.matchedHidden(mlpHidden: max(1, ctx.ffnHidden / k)) : max(1, ctx.ffnHidden / k) }
            let experts: [FeedForward] = (0..<e).map { _ in
                swiglu ? makeSwiGLU(width: ctx.width, hidden: h, ctx: ctx, rng: &rng) as FeedForward
                    : makeMLP(width: ctx.width, hidden: h, bias: ctx.bias, ctx: ctx, rng: &rng) as FeedForward
            }
            let m = MixtureOfExperts(width: ctx.width, experts: experts, topK: k, balanceCoefficient: Float(v.double("lbl_coef")),
                                     zLossCoefficient: Float(v.double("z_loss_coef")),
                                     scope: MixtureOfExperts.BalancingScope(rawValue: v.string("lbl_scope"))!,
                                     capacityFactor: v.double("capacity_factor"))
            m.router.initializeNormal(std: 0.02, rng: &rng)
            return m
        }),
]

/// Analytic parameter counts of the `ffn.*` variants from their resolved parameters and
/// context (no layer is built), by id; tests check them against the visitor's count.
let feedForwardParameterCounts: [String: (ParameterValues, LayerContext) -> Int] = [
    "ffn.mlp": { _, c in mlpParameterCount(width: c.width, hidden: c.ffnHidden, bias: c.bias) },
    "ffn.swiglu": { v, c in
        3 * c.width * (v.int("hidden") == 0 ? SwiGLUFeedForward.matchedHidden(mlpHidden: c.ffnHidden) : v.int("hidden"))
    },
    "ffn.lowrank": { v, c in
        let r = v.int("rank") > 0 ? v.int("rank")
            : LowRankLinear.rank(fraction: v.double("param_fraction"), inFeatures: c.width, outFeatures: c.ffnHidden)
        return 2 * r * (c.width + c.ffnHidden) + (c.bias ? c.width + c.ffnHidden : 0)
    },
    "ffn.blockdiag": { v, c in
        let b = v.int("blocks"), monarch = v.string("structure") == "monarch"
        if v.string("structure") == "blockdiag" { return 2 * c.width * c.ffnHidden / b + (c.bias ? c.width + c.ffnHidden : 0) }
        let r1 = monarch ? StructuredFeedForward.monarchRank(c.width, c.ffnHidden, blocks: b) : v.int("btt_rank")
        let r2 = monarch ? StructuredFeedForward.monarchRank(c.ffnHidden, c.width, blocks: b) : v.int("btt_rank")
        return (r1 + r2) * b * (c.width + c.ffnHidden) + (c.bias ? c.width + c.ffnHidden : 0)
    },
    "ffn.moe": { v, c in
        let e = v.int("experts"), k = v.int("top_k"), swiglu = v.string("expert") == "swiglu"
        var h = v.int("expert_hidden")
        if h == 0 { h = swiglu ? SwiGLUFeedForward.matchedHidden(mlpHidden: max(1, c.ffnHidden / k)) : max(1, c.ffnHidden / k) }
        let expert = swiglu ? 3 * c.width * h : mlpParameterCount(width: c.width, hidden: h, bias: c.bias)
        return c.width * e + e * expert
    },
]

private func mlpParameterCount(width: Int, hidden: Int, bias: Bool) -> Int {
    2 * width * hidden + (bias ? width + hidden : 0)
}
