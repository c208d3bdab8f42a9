import NN
import Tensor

/// A structured linear map from two block-diagonal cores and a fixed stride permutation
/// (block tensor-train with 2 cores and rank r; Monarch when r·b² equals the width):
///
///     W[(i₀,i₁),(j₀,j₁)] = Σ_α R[j₁][(i₀,α), j₀] · L[i₀][i₁, (j₁,α)]
///
/// with in = m₀·m₁ (x viewed as (m₁, m₀)) and out = n₀·n₁. x [rows, in] → for each j₁ a dense
/// R[j₁]: m₀ → n₀·r, z [rows, m₁, n₀·r] → permuted to [rows, n₀, m₁·r] → for each i₀ a dense
/// L[i₀]: m₁·r → n₁ → y [rows, out] (+ bias). Every block product is one strided `sgemm`.
public final class BlockTensorTrainLinear: Layer {
    /// First core R [m₁, n₀·r, m₀].
    public let first: Parameter
    /// Second core L [n₀, n₁, m₁·r].
    public let second: Parameter
    /// Bias [out], optional.
    public let bias: Parameter?
    public let inFeatures: Int
    public let outFeatures: Int
    /// m₁: blocks of the first core (input split).
    public let inBlocks: Int
    /// n₀: blocks of the second core (output split).
    public let outBlocks: Int
    /// Tensor-train rank r.
    public let rank: Int
    private var input: Tensor?
    private var stage1 = Buffer()
    private var stage2 = Buffer()
    private var output = Buffer()
    private var stage2Grad = Buffer()
    private var stage1Grad = Buffer()
    private var inputGrad = Buffer()

    /// `inBlocks` must divide `inFeatures` and `outBlocks` must divide `outFeatures`.
    public init(_ inFeatures: Int, _ outFeatures: Int, inBlocks: Int, outBlocks: Int, rank: Int, bias: Bool = true) {
        precondition(inBlocks > 0 && inFeatures % inBlocks == 0, "BTT: \(inBlocks) blocks do not divide \(inFeatures) inputs")
        precondition(outBlocks > 0 && outFeatures % outBlocks == 0, "BTT: \(outBlocks) blocks do not divide \(outFeatures) outputs")
        precondition(rank > 0)
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.inBlocks = inBlocks
        self.outBlocks = outBlocks
        self.rank = rank
        first = Parameter(shape: [inBlocks, outBlocks * rank, inFeatures / inBlocks], decays: true)
        second = Parameter(shape: [outBlocks, outFeatures / outBlocks, inBlocks * rank], decays: true)
        self.bias = bias ? Parameter(shape: [outFeatures], decays: false) : nil
    }

    private var m0: Int { inFeatures / inBlocks }
    private var n1: Int { outFeatures / outBlocks }
    /// Width of the intermediate z: m₁·n₀·r.
    public var intermediate: Int { inBlocks * outBlocks * rank }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        visit(qualified(prefix, "cores.0"), first)
        visit(qualified(prefix, "cores.1"), second)
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    /// (fan-in, fan-out) of one block of the first and the second core.
    public var coreShapes: [(fanIn: Int, fanOut: Int)] { [(m0, outBlocks * rank), (inBlocks * rank, n1)] }

    /// μP-style per-core init: each block ~ N(0, σ²) with σ = (1/√fan_in)·min(1, √(fan_out/fan_in));
    /// `zeroSecond` zero-initializes the second core (a residual branch's last layer). Bias 0.
    public func initializePerCore(zeroSecond: Bool, rng: inout RNG) {
        for (p, shape) in zip([first, second], coreShapes) {
            let std = 1 / Float(shape.fanIn).squareRoot() * min(1, (Float(shape.fanOut) / Float(shape.fanIn)).squareRoot())
            p.value.fillNormal(std: std, rng: &rng)
        }
        if zeroSecond { second.value.fill(0) }
        bias?.value.fill(0)
    }

    /// Adam learning-rate multipliers per core, in/fan_in_core/2 (keeps feature updates as
    /// large as a dense layer's): [first, second]. The bias keeps 1.
    public var learningRateMultipliers: [Float] {
        coreShapes.map { Float(inFeatures) / Float($0.fanIn) / 2 }
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == inFeatures, "BTT(\(inFeatures)→\(outFeatures)) got input \(x.shape)")
        let rows = x.count / inFeatures
        let mid = intermediate, nr = outBlocks * rank, mr = inBlocks * rank
        let z1 = stage1.get([rows, mid]), z2 = stage2.get([rows, mid])
        for j in 0..<inBlocks {
            sgemm(.none, .transposed, m: rows, n: nr, k: m0, a: x.data + j &* m0, lda: inFeatures,
                  b: first.value.data + j &* nr &* m0, ldb: m0, beta: 0, c: z1.data + j &* nr, ldc: mid)
        }
        permute(rows: rows, from: z1.data, to: z2.data, forward: true)
        let y = output.get(Array(x.shape.dropLast()) + [outFeatures])
        if let bias { for r in 0..<rows { (y.data + r &* outFeatures).update(from: bias.value.data, count: outFeatures) } }
        for i in 0..<outBlocks {
            sgemm(.none, .transposed, m: rows, n: n1, k: mr, a: z2.data + i &* mr, lda: mid,
                  b: second.value.data + i &* n1 &* mr, ldb: mr, beta: bias == nil ? 0 : 1,
                  c: y.data + i &* n1, ldc: outFeatures)
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("BTT backward before forward") }
        let rows = x.count / inFeatures
        let mid = intermediate, nr = outBlocks * rank, mr = inBlocks * rank
        let z2 = stage2.get([rows, mid])
        let dz2 = stage2Grad.get([rows, mid]), dz1 = stage1Grad.get([rows, mid])
        if let bias { Kernels.addColumnSums(rows: rows, cols: outFeatures, dy.data, into: bias.grad.data) }
        for i in 0..<outBlocks {
            let dyi = dy.data + i &* n1
            // dL[i] += dy_iᵀ·z2_i ; dz2_i = dy_i·L[i]
            sgemm(.transposed, .none, m: n1, n: mr, k: rows, a: dyi, lda: outFeatures, b: z2.data + i &* mr, ldb: mid,
                  beta: 1, c: second.grad.data + i &* n1 &* mr, ldc: mr)
            sgemm(.none, .none, m: rows, n: mr, k: n1, a: dyi, lda: outFeatures, b: second.value.data + i &* n1 &* mr,
                  ldb: mr, beta: 0, c: dz2.data + i &* mr, ldc: mid)
        }
        permute(rows: rows, from: dz2.data, to: dz1.data, forward: false)
        let dx = inputGrad.get(x.shape)
        for j in 0..<inBlocks {
            let dzj = dz1.data + j &* nr
            sgemm(.transposed, .none, m: nr, n: m0, k: rows, a: dzj, lda: mid, b: x.data + j &* m0, ldb: inFeatures,
                  beta: 1, c: first.grad.data + j &* nr &* m0, ldc: m0)
            sgemm(.none, .none, m: rows, n: m0, k: nr, a: dzj, lda: mid, b: first.value.data + j &* nr &* m0, ldb: m0,
                  beta: 0, c: dx.data + j &* m0, ldc: inFeatures)
        }
        return dx
    }

    /// z2[·, i₀, j₁, α] = z1[·, j₁, i₀, α] (forward) or its inverse.
    private func permute(rows: Int, from: UnsafePointer<Float>, to: UnsafeMutablePointer<Float>, forward: Bool) {
        let mid = intermediate, r = rank, m1 = inBlocks, n0 = outBlocks
        for row in 0..<rows {
            let s = from + row &* mid, d = to + row &* mid
            for j in 0..<m1 {
                for i in 0..<n0 {
                    let a = (j &* n0 &+ i) &* r, b = (i &* m1 &+ j) &* r
                    if forward { (d + b).update(from: s + a, count: r) } else { (d + a).update(from: s + b, count: r) }
                }
            }
        }
    }

    /// 2·r·(in·n₀ + m₁·out).
    public var forwardFLOPsPerRow: Int { 2 * rank * (inFeatures * outBlocks + inBlocks * outFeatures) }
}
