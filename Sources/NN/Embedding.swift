import Tensor

/// Token embedding plus learned positional embedding: tokens [batch, time] → x [batch, time, d].
///
/// `x[b, t] = tokenTable[tokens[b, t]] + positionTable[t]`. Token ids are checked against
/// the vocabulary; positions against the context length.
public final class Embedding: ParameterVisitable {
    /// [vocab, d].
    public let tokens: Parameter
    /// [context, d], or nil for no positional embedding.
    public let positions: Parameter?
    public let vocabulary: Int
    public let context: Int
    public let width: Int
    private var lastTokens: [Int32] = []
    private var lastShape = (batch: 0, time: 0)
    private var output = Buffer()

    /// An embedding for `vocabulary` ids of width `width`, with positions up to `context` when `positional`.
    public init(vocabulary: Int, width: Int, context: Int, positional: Bool = true) {
        self.vocabulary = vocabulary
        self.width = width
        self.context = context
        tokens = Parameter(shape: [vocabulary, width], decays: false)
        positions = positional ? Parameter(shape: [context, width], decays: false) : nil
    }

    /// Both tables ~ N(0, std²).
    public func initialize(std: Float, rng: inout RNG) {
        tokens.value.fillNormal(std: std, rng: &rng)
        positions?.value.fillNormal(std: std, rng: &rng)
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        visit(qualified(prefix, "tokens"), tokens)
        if let positions { visit(qualified(prefix, "positions"), positions) }
    }

    /// Looks up `ids` (row-major [batch, time]).
    public func forward(_ ids: [Int32], batch: Int, time: Int) -> Tensor {
        precondition(ids.count == batch * time, "Embedding: \(ids.count) ids for batch \(batch) × time \(time)")
        precondition(time <= context || positions == nil, "Embedding: sequence of \(time) exceeds context \(context)")
        let x = output.get([batch, time, width])
        let d = width
        for b in 0..<batch {
            for t in 0..<time {
                let id = Int(ids[b &* time &+ t])
                precondition(id >= 0 && id < vocabulary, "Embedding: token id \(id) outside vocabulary 0..<\(vocabulary)")
                let row = x.data + (b &* time &+ t) &* d
                let tok = tokens.value.data + id &* d
                if let positions {
                    Kernels.add(d, tok, positions.value.data + t &* d, into: row)
                } else {
                    row.update(from: tok, count: d)
                }
            }
        }
        lastTokens = ids
        lastShape = (batch, time)
        return x
    }

    /// Accumulates table gradients from ∂loss/∂x.
    public func backward(_ dx: Tensor) {
        let d = width
        for b in 0..<lastShape.batch {
            for t in 0..<lastShape.time {
                let row = dx.data + (b &* lastShape.time &+ t) &* d
                Kernels.add(d, row, tokens.grad.data + Int(lastTokens[b &* lastShape.time &+ t]) &* d)
                if let positions { Kernels.add(d, row, positions.grad.data + t &* d) }
            }
        }
    }
}
