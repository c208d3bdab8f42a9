import NN
import Tensor

/// A block-diagonal linear map `W = diag(W₁, …, W_b)`: x [rows, in] split into b groups of
/// in/b features, each mapped by its own dense block to out/b features (no mixing across
/// groups), plus an optional bias [out]. Blocks [b, out/b, in/b]; one strided `sgemm` each.
public final class BlockDiagonalLinear: Layer {
    /// The blocks [b, out/b, in/b].
    public let weight: Parameter
    public let bias: Parameter?
    public let inFeatures: Int
    public let outFeatures: Int
    public let blocks: Int
    private var input: Tensor?
    private var output = Buffer()
    private var inputGrad = Buffer()

    /// `blocks` must divide both `inFeatures` and `outFeatures`.
    public init(_ inFeatures: Int, _ outFeatures: Int, blocks: Int, bias: Bool = true) {
        precondition(blocks > 0 && inFeatures % blocks == 0 && outFeatures % blocks == 0,
                     "block-diagonal: \(blocks) blocks must divide \(inFeatures) and \(outFeatures)")
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.blocks = blocks
        weight = Parameter(shape: [blocks, outFeatures / blocks, inFeatures / blocks], decays: true)
        self.bias = bias ? Parameter(shape: [outFeatures], decays: false) : nil
    }

    private var blockIn: Int { inFeatures / blocks }
    private var blockOut: Int { outFeatures / blocks }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        visit(qualified(prefix, "weight"), weight)
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    /// Per-block init σ = (1/√fan_in)·min(1, √(fan_out/fan_in)) (`perCore`) or 1/√fan_in; bias 0.
    public func initialize(perCore: Bool, zero: Bool = false, rng: inout RNG) {
        let scale = perCore ? min(1, (Float(blockOut) / Float(blockIn)).squareRoot()) : 1
        weight.value.fillNormal(std: scale / Float(blockIn).squareRoot(), rng: &rng)
        if zero { weight.value.fill(0) }
        bias?.value.fill(0)
    }

    /// The μP-style Adam learning-rate multiplier of the blocks: in / fan_in(block) = b.
    public var learningRateMultiplier: Float { Float(inFeatures) / Float(blockIn) }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == inFeatures, "block-diagonal(\(inFeatures)→\(outFeatures)) got input \(x.shape)")
        let rows = x.count / inFeatures, bi = blockIn, bo = blockOut
        let y = output.get(Array(x.shape.dropLast()) + [outFeatures])
        if let bias { for r in 0..<rows { (y.data + r &* outFeatures).update(from: bias.value.data, count: outFeatures) } }
        for j in 0..<blocks {
            sgemm(.none, .transposed, m: rows, n: bo, k: bi, a: x.data + j &* bi, lda: inFeatures,
                  b: weight.value.data + j &* bo &* bi, ldb: bi, beta: bias == nil ? 0 : 1, c: y.data + j &* bo, ldc: outFeatures)
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("block-diagonal backward before forward") }
        let rows = x.count / inFeatures, bi = blockIn, bo = blockOut
        if let bias { Kernels.addColumnSums(rows: rows, cols: outFeatures, dy.data, into: bias.grad.data) }
        let dx = inputGrad.get(x.shape)
        for j in 0..<blocks {
            let dyj = dy.data + j &* bo
            sgemm(.transposed, .none, m: bo, n: bi, k: rows, a: dyj, lda: outFeatures, b: x.data + j &* bi, ldb: inFeatures,
                  beta: 1, c: weight.grad.data + j &* bo &* bi, ldc: bi)
            sgemm(.none, .none, m: rows, n: bi, k: bo, a: dyj, lda: outFeatures, b: weight.value.data + j &* bo &* bi,
                  ldb: bi, beta: 0, c: dx.data + j &* bi, ldc: inFeatures)
        }
        return dx
    }

    /// 2·in·out/b.
    public var forwardFLOPsPerRow: Int { 2 * inFeatures * outFeatures / blocks }
}
