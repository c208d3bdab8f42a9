import Configuration
import NN
import Variants

/// `norm.scalenorm`: ScaleNorm as a registry entry. Register it with
/// `Registry.register(scaleNormVariant)` before parsing a suite that names it.
public let scaleNormVariant = VariantDescriptor(
    id: "norm.scalenorm", summary: "ScaleNorm: g · x / max(‖x‖₂, ε) with one learnable scalar g (init √d); no centring, no per-feature gain.",
    paper: "Transformers without Tears: Improving the Normalization of Self-Attention (Nguyen & Salazar, 2019)",
    // ε > 0: a zero row would otherwise divide by zero.
    parameters: [.double("epsilon", default: 1e-5, in: 1e-12...0.1, "Lower bound on ‖x‖₂.")],
    realCost: "real but small: one reduction per token like RMSNorm, one scalar gain instead of d",
    parameterCount: { _, _ in 1 },
    factory: .normalization { v, c, _ in ScaleNorm(c.width, epsilon: Float(v.double("epsilon"))) })
