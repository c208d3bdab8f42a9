import Configuration
import NN

/// The `norm.*` family, in catalogue order.
public let normalizationVariants: [VariantDescriptor] = [
    VariantDescriptor(
        id: "norm.layernorm", summary: "Layer normalization: centre, scale by 1/σ, learned gain and bias.",
        paper: "Layer Normalization (Ba, Kiros, Hinton, 2016)",
        realCost: "baseline",
        factory: .normalization { _, ctx, _ in LayerNorm(ctx.width, bias: ctx.bias) }),
]
