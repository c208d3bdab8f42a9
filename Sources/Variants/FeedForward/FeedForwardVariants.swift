import Configuration
import NN

/// The `ffn.*` family, in catalogue order.
public let feedForwardVariants: [VariantDescriptor] = [
    VariantDescriptor(
        id: "ffn.mlp", summary: "Two-layer MLP with GELU (tanh approximation).",
        paper: "Gaussian Error Linear Units (GELUs) (Hendrycks & Gimpel, 2016)",
        realCost: "baseline",
        factory: .feedForward { _, ctx, rng in
            let m = GELUFeedForward(width: ctx.width, hidden: ctx.ffnHidden, bias: ctx.bias)
            m.fc1.initializeNormal(std: 0.02, rng: &rng)
            m.fc2.initializeNormal(std: 0.02 / Float(2 * ctx.depth).squareRoot(), rng: &rng)
            return m
        }),
]
