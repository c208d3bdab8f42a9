import NN
import Tensor

/// A Linear factored through rank r, the compressed twin of `compress.lowrank.svd`:
/// `y = B·(A·x) + b` with A [r, in] and B [out, r], both trainable (recovery heals them).
/// Its kernel is two thin GEMMs, r·(in + out) multiply-adds per row instead of in·out.
public final class LowRankCompressedLinear: TrainableCompressedLinear {
    /// A = Σ_r^{1/2}·V_rᵀ [r, in] (visited as `a`).
    public let a: Parameter
    /// B = U_r·Σ_r^{1/2} [out, r] (visited as `b`).
    public let b: Parameter
    public let bias: Parameter?
    /// The rank r.
    public var rank: Int { a.shape[0] }
    public var inFeatures: Int { a.shape[1] }
    public var outFeatures: Int { b.shape[0] }
    public static var format: String { "lowrank" }
    /// 0: both factors are visited Float32 parameters.
    public var codeBytes: Int { 0 }
    public var effectiveWeightCount: Int { 0 }
    /// Two smaller GEMMs: latency is real.
    public var speed: SpeedLabel { .measured }
    private var hidden = Buffer()
    private var hiddenGrad = Buffer()

    /// A twin with factors `a` [r, in] and `b` [out, r] and an optional `bias` [out] (copied).
    public init(a: Tensor, b: Tensor, bias: Tensor?) {
        precondition(a.rank == 2 && b.rank == 2 && a.shape[0] == b.shape[1], "low-rank twin: A \(a.shape), B \(b.shape)")
        self.a = Parameter.copying(a, decays: true)!
        self.b = Parameter.copying(b, decays: true)!
        self.bias = Parameter.copying(bias, decays: false)
    }

    /// The rank-r truncation of `svd` (of the layer's weight [out, in]):
    /// A = Σ_r^{1/2}·V_rᵀ, B = U_r·Σ_r^{1/2}, so B·A is the best rank-r approximation (Eckart–Young).
    public convenience init(truncating svd: SingularValueDecomposition<Double>, rank r: Int, bias: Tensor?) {
        precondition(r >= 1 && r <= svd.k, "low-rank twin: rank \(r) outside 1...\(svd.k)")
        let (out, inputs, k) = (svd.rows, svd.cols, svd.k)
        let a = Tensor(shape: [r, inputs]), b = Tensor(shape: [out, r])
        for i in 0..<r {
            let root = svd.singularValues[i].squareRoot()
            for j in 0..<inputs { a.data[i &* inputs &+ j] = Float(root * svd.vt[i &* inputs &+ j]) }
            for o in 0..<out { b.data[o &* r &+ i] = Float(svd.u[o &* k &+ i] * root) }
        }
        self.init(a: a, b: b, bias: bias)
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        visit(qualified(prefix, "a"), a)
        visit(qualified(prefix, "b"), b)
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    public func apply(_ x: Tensor, into y: Tensor) {
        let rows = x.count / inFeatures, r = rank, out = outFeatures
        let h = hidden.get([rows, r])
        sgemm(.none, .transposed, m: rows, n: r, k: inFeatures, a: x.data, lda: inFeatures,
              b: a.value.data, ldb: inFeatures, beta: 0, c: h.data, ldc: r)
        if let bias { for row in 0..<rows { (y.data + row &* out).update(from: bias.value.data, count: out) } }
        sgemm(.none, .transposed, m: rows, n: out, k: r, a: h.data, lda: r, b: b.value.data, ldb: r,
              beta: bias == nil ? 0 : 1, c: y.data, ldc: out)
    }

    public func backward(_ dy: Tensor, input x: Tensor, into dx: Tensor) {
        let rows = x.count / inFeatures, r = rank, out = outFeatures
        let h = hidden.get([rows, r]), dh = hiddenGrad.get([rows, r])
        if let bias { Kernels.addColumnSums(rows: rows, cols: out, dy.data, into: bias.grad.data) }
        // dB += dyᵀ·h ; dh = dy·B ; dA += dhᵀ·x ; dx = dh·A
        sgemm(.transposed, .none, m: out, n: r, k: rows, a: dy.data, lda: out, b: h.data, ldb: r,
              beta: 1, c: b.grad.data, ldc: r)
        sgemm(.none, .none, m: rows, n: r, k: out, a: dy.data, lda: out, b: b.value.data, ldb: r,
              beta: 0, c: dh.data, ldc: r)
        sgemm(.transposed, .none, m: r, n: inFeatures, k: rows, a: dh.data, lda: r, b: x.data, ldb: inFeatures,
              beta: 1, c: a.grad.data, ldc: inFeatures)
        sgemm(.none, .none, m: rows, n: inFeatures, k: r, a: dh.data, lda: r, b: a.value.data, ldb: inFeatures,
              beta: 0, c: dx.data, ldc: inFeatures)
    }

    /// B·A [out, in].
    public func decodedWeight() -> Tensor {
        let w = Tensor(shape: [outFeatures, inFeatures])
        sgemm(.none, .none, m: outFeatures, n: inFeatures, k: rank, a: b.value.data, lda: rank,
              b: a.value.data, ldb: inFeatures, beta: 0, c: w.data, ldc: inFeatures)
        return w
    }

    /// Nothing beyond the visited factors and bias; the options give the shapes.
    public func encode(prefix: String, into file: inout SafeTensors) -> [String: String] {
        ["in": String(inFeatures), "out": String(outFeatures), "rank": String(rank)]
    }

    /// Rebuilds an empty twin of the stored shapes; its factors and bias load by name.
    public static func decode(_ file: SafeTensors, _ prefix: String, _ options: [String: String]) throws -> LowRankCompressedLinear {
        guard let i = options["in"].flatMap(Int.init), let o = options["out"].flatMap(Int.init),
              let r = options["rank"].flatMap(Int.init), i > 0, o > 0, r > 0 else {
            throw SafeTensorsError("\(prefix): low-rank twin without valid in/out/rank options")
        }
        return LowRankCompressedLinear(a: Tensor(shape: [r, i]), b: Tensor(shape: [o, r]),
                                       bias: options["bias"] == "1" ? Tensor(shape: [o]) : nil)
    }

    /// 2·r·(in + out).
    public var forwardFLOPsPerRow: Int { 2 * rank * (inFeatures + outFeatures) }
}
