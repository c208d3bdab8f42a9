import Configuration
import NN

/// The `attn.*` family, in catalogue order.
public let attentionVariants: [VariantDescriptor] = [
    VariantDescriptor(
        id: "attn.softmax", summary: "Causal multi-head softmax attention.",
        paper: "Attention Is All You Need (Vaswani et al., 2017)",
        realCost: "baseline",
        factory: .tokenMixer { _, ctx, rng in
            let a = CausalSelfAttention(width: ctx.width, heads: ctx.heads, bias: ctx.bias)
            a.qkv.initializeNormal(std: 0.02, rng: &rng)
            a.proj.initializeNormal(std: 0.02 / Float(2 * ctx.depth).squareRoot(), rng: &rng)
            return a
        }),
]
