import Tensor

/// The shape of a decoder-only transformer language model.
public struct TransformerConfig: Codable, Equatable, Sendable {
    public var vocabulary: Int
    public var context: Int
    public var width: Int
    public var depth: Int
    public var heads: Int
    public var ffn: Int
    /// Biases in Linear and LayerNorm layers.
    public var bias: Bool

    public init(vocabulary: Int, context: Int, width: Int, depth: Int, heads: Int, ffn: Int? = nil, bias: Bool = true) {
        self.vocabulary = vocabulary
        self.context = context
        self.width = width
        self.depth = depth
        self.heads = heads
        self.ffn = ffn ?? 4 * width
        self.bias = bias
    }

    /// Matrix-product FLOPs per token of one forward pass over a full context: every Linear
    /// plus attention's QKᵀ and P·V over the score entries the blocked causal kernels compute.
    public var forwardFLOPsPerToken: Int {
        let scores = MultiHeadAttention.blockedScoreCount(time: context)
        let perBlock = 2 * (3 * width * width + width * width + 2 * width * ffn) + 2 * 2 * width * scores / context
        return depth * perBlock + 2 * width * vocabulary
    }
}

/// A decoder-only transformer LM: token + learned positional embedding, pre-LN blocks,
/// final LayerNorm and an untied output head without bias.
/// tokens [B, T] → logits [B, T, vocabulary].
public final class TransformerLM: ParameterVisitable {
    public let config: TransformerConfig
    public let embedding: Embedding
    public let blocks: [TransformerBlock]
    public let finalNorm: LayerNorm
    public let head: Linear

    /// A model initialised GPT-2 style from `rng`.
    public init(_ config: TransformerConfig, rng: inout RNG) {
        self.config = config
        embedding = Embedding(vocabulary: config.vocabulary, width: config.width, context: config.context)
        blocks = (0..<config.depth).map { _ in
            TransformerBlock(width: config.width, heads: config.heads, ffn: config.ffn, bias: config.bias)
        }
        finalNorm = LayerNorm(config.width, bias: config.bias)
        head = Linear(config.width, config.vocabulary, bias: false)
        embedding.initialize(std: 0.02, rng: &rng)
        for b in blocks { b.initialize(layers: config.depth, rng: &rng) }
        head.initializeNormal(std: 0.02, rng: &rng)
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        embedding.visitParameters(prefix: qualified(prefix, "embed"), visit)
        for (i, b) in blocks.enumerated() { b.visitParameters(prefix: qualified(prefix, "blocks.\(i)"), visit) }
        finalNorm.visitParameters(prefix: qualified(prefix, "ln_f"), visit)
        head.visitParameters(prefix: qualified(prefix, "head"), visit)
    }

    /// Logits [batch, time, vocabulary] for `tokens` (row-major [batch, time]).
    public func forward(tokens: [Int32], batch: Int, time: Int) -> Tensor {
        var x = embedding.forward(tokens, batch: batch, time: time)
        for b in blocks { x = b.forward(x) }
        return head.forward(finalNorm.forward(x))
    }

    /// Accumulates every parameter gradient from ∂loss/∂logits of the last `forward`.
    public func backward(_ dLogits: Tensor) {
        var g = finalNorm.backward(head.backward(dLogits))
        for b in blocks.reversed() { g = b.backward(g) }
        embedding.backward(g)
    }
}
