import NN
import Tensor

/// A Linear stored as a matrix-product operator, the compressed twin of `compress.tt`:
///
///     W[(i₁…i_K), (j₁…j_K)] = Σ_α G₁[1, i₁, j₁, α₁]·G₂[α₁, i₂, j₂, α₂] ⋯ G_K[α_{K−1}, i_K, j_K, 1]
///
/// (zero-padded to ∏m_k × ∏n_k). Core k is stored as [m_k, r_k, r_{k−1}, n_k], the matrix
/// [(i_k, α_k), (α_{k−1}, j_k)] its GEMM multiplies by. Inference contracts the cores left to
/// right on the transposed input (batch innermost): each core is one GEMM per (i₁…i_{k−1}).
/// The cores are trainable.
public final class TensorTrainLinear: TrainableCompressedLinear {
    /// Mode sizes and bond ranks.
    public let shape: TensorTrainShape
    /// The cores, core k [m_k, r_k, r_{k−1}, n_k] (visited as `cores.k`).
    public let cores: [Parameter]
    public let bias: Parameter?
    public let inFeatures: Int
    public let outFeatures: Int
    public static var format: String { "tt" }
    /// 0: the cores are visited Float32 parameters.
    public var codeBytes: Int { 0 }
    public var effectiveWeightCount: Int { 0 }
    /// Its own contraction kernel (whether it beats dense BLAS is what the latency shows).
    public var speed: SpeedLabel { .measured }
    /// States of the last `apply`: states[0] the padded xᵀ, states[k] after core k.
    private var states: [Buffer]
    private var stateGrads: [Buffer]

    /// A twin of `shape` for a W [outFeatures, inFeatures] with the given cores (in the stored
    /// layout, copied) and optional bias [out] (copied).
    public init(shape: TensorTrainShape, inFeatures: Int, outFeatures: Int, cores: [Tensor], bias: Tensor?) {
        precondition(inFeatures <= shape.paddedIn && outFeatures <= shape.paddedOut, "TT twin: \(outFeatures)×\(inFeatures) exceeds \(shape)")
        precondition(cores.count == shape.cores && cores.indices.allSatisfy { cores[$0].count == shape.coreCount($0) },
                     "TT twin: core sizes do not match \(shape)")
        self.shape = shape
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.cores = cores.enumerated().map { k, c in
            let p = Parameter(shape: [shape.outFactors[k], shape.ranks[k + 1], shape.ranks[k], shape.inFactors[k]], decays: true)
            p.value.data.update(from: c.data, count: c.count)
            return p
        }
        self.bias = Parameter.copying(bias, decays: false)
        states = Array(repeating: Buffer(), count: shape.cores + 1)
        stateGrads = Array(repeating: Buffer(), count: shape.cores + 1)
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        for (k, c) in cores.enumerated() { visit(qualified(prefix, "cores.\(k)"), c) }
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    /// (P, Q, R) of the state entering core k: P = ∏_{l<k} m_l, Q = r_{k−1}·n_k,
    /// R = rows·∏_{l>k} n_l; core k maps each [Q, R] slice to [m_k·r_k, R].
    private func dimensions(_ k: Int, rows: Int) -> (p: Int, q: Int, r: Int, out: Int) {
        (shape.outFactors[..<k].reduce(1, *), shape.ranks[k] * shape.inFactors[k],
         rows * shape.inFactors[(k + 1)...].reduce(1, *), shape.outFactors[k] * shape.ranks[k + 1])
    }

    /// Contracts every core into `states` for xᵀ in states[0]; the result [∏m, rows] is the last.
    private static func contract(_ cores: [Parameter], _ dims: (Int) -> (p: Int, q: Int, r: Int, out: Int),
                                 _ states: [Tensor]) {
        for k in cores.indices {
            let (p, q, r, out) = dims(k)
            let g = cores[k].value.data, s = states[k].data, t = states[k + 1].data
            for i in 0..<p {
                sgemm(.none, .none, m: out, n: r, k: q, a: g, lda: q, b: s + i &* q &* r, ldb: r,
                      beta: 0, c: t + i &* out &* r, ldc: r)
            }
        }
    }

    /// The state tensors for `rows` inputs, from `buffers` (states[0] zero-padded).
    private func stateTensors(_ buffers: inout [Buffer], rows: Int) -> [Tensor] {
        (0...shape.cores).map { k in
            k == 0 ? buffers[0].get([shape.paddedIn, rows]) : buffers[k].get([shape.paddedOut / outAfter(k), rows * inAfter(k)])
        }
    }

    /// ∏_{l ≥ k} m_l (1 for k = K), so state k has ∏_{l<k} m_l = paddedOut / outAfter(k) leading rows.
    private func outAfter(_ k: Int) -> Int { shape.outFactors[k...].reduce(1, *) }
    /// r_k·∏_{l ≥ k} n_l: the state's trailing factor per input row.
    private func inAfter(_ k: Int) -> Int { shape.ranks[k] * shape.inFactors[k...].reduce(1, *) }

    public func apply(_ x: Tensor, into y: Tensor) {
        let rows = x.count / inFeatures, n = inFeatures, m = outFeatures
        let s = stateTensors(&states, rows: rows)
        let s0 = s[0].data, xp = x.data
        for j in 0..<n { for b in 0..<rows { s0[j &* rows &+ b] = xp[b &* n &+ j] } }
        Self.contract(cores, { self.dimensions($0, rows: rows) }, s)
        let last = s[shape.cores].data, yp = y.data
        for b in 0..<rows { for i in 0..<m { yp[b &* m &+ i] = last[i &* rows &+ b] } }
        if let bias { Kernels.addRowBroadcast(rows: rows, cols: m, bias.value.data, yp) }
    }

    public func backward(_ dy: Tensor, input x: Tensor, into dx: Tensor) {
        let rows = x.count / inFeatures, n = inFeatures, m = outFeatures
        let s = stateTensors(&states, rows: rows), ds = stateTensors(&stateGrads, rows: rows)
        if let bias { Kernels.addColumnSums(rows: rows, cols: m, dy.data, into: bias.grad.data) }
        let dLast = ds[shape.cores].data, dyp = dy.data
        for b in 0..<rows { for i in 0..<m { dLast[i &* rows &+ b] = dyp[b &* m &+ i] } }
        for k in cores.indices.reversed() {
            let (p, q, r, out) = dimensions(k, rows: rows)
            let g = cores[k].value.data, dg = cores[k].grad.data
            let sk = s[k].data, dsk = ds[k].data, dt = ds[k + 1].data
            for i in 0..<p {
                // dG += dT_i·S_iᵀ ; dS_i = Gᵀ·dT_i
                sgemm(.none, .transposed, m: out, n: q, k: r, a: dt + i &* out &* r, lda: r, b: sk + i &* q &* r, ldb: r,
                      beta: 1, c: dg, ldc: q)
                sgemm(.transposed, .none, m: q, n: r, k: out, a: g, lda: q, b: dt + i &* out &* r, ldb: r,
                      beta: 0, c: dsk + i &* q &* r, ldc: r)
            }
        }
        let d0 = ds[0].data, dxp = dx.data
        for b in 0..<rows { for j in 0..<n { dxp[b &* n &+ j] = d0[j &* rows &+ b] } }
    }

    /// W [out, in]: the cores contracted against the identity (own buffers, so the states of
    /// the last `apply` stay intact for backward).
    public func decodedWeight() -> Tensor {
        var buffers = Array(repeating: Buffer(), count: shape.cores + 1)
        let rows = inFeatures
        let s = stateTensors(&buffers, rows: rows)
        for j in 0..<inFeatures { s[0].data[j &* rows &+ j] = 1 }
        Self.contract(cores, { self.dimensions($0, rows: rows) }, s)
        let w = Tensor(shape: [outFeatures, inFeatures])
        w.data.update(from: s[shape.cores].data, count: w.count)
        return w
    }

    /// Nothing beyond the visited cores and bias; the options give the shape.
    public func encode(prefix: String, into file: inout SafeTensors) -> [String: String] {
        func list(_ v: [Int]) -> String { v.map(String.init).joined(separator: ",") }
        return ["in": String(inFeatures), "out": String(outFeatures), "in_modes": list(shape.inFactors),
                "out_modes": list(shape.outFactors), "ranks": list(shape.ranks)]
    }

    /// Rebuilds a zero twin of the stored shape; its cores and bias load by name.
    public static func decode(_ file: SafeTensors, _ prefix: String, _ options: [String: String]) throws -> TensorTrainLinear {
        func list(_ key: String) -> [Int]? {
            options[key].map { $0.split(separator: ",").compactMap { Int($0) } }
        }
        guard let i = options["in"].flatMap(Int.init), let o = options["out"].flatMap(Int.init),
              let n = list("in_modes"), let m = list("out_modes"), let r = list("ranks"),
              !n.isEmpty, n.count == m.count, r.count == n.count + 1, r.first == 1, r.last == 1,
              (n + m + r).allSatisfy({ $0 > 0 }), i <= n.reduce(1, *), o <= m.reduce(1, *) else {
            throw SafeTensorsError("\(prefix): tensor-train twin without valid in/out/in_modes/out_modes/ranks options")
        }
        let shape = TensorTrainShape(inFactors: n, outFactors: m, ranks: r)
        return TensorTrainLinear(shape: shape, inFeatures: i, outFeatures: o,
                                 cores: (0..<shape.cores).map { Tensor(shape: [shape.coreCount($0)]) },
                                 bias: options["bias"] == "1" ? Tensor(shape: [o]) : nil)
    }

    /// 2·multiply-adds per row of the contraction (`TensorTrainShape.forwardFLOPsPerRow`).
    public var forwardFLOPsPerRow: Int { shape.forwardFLOPsPerRow }
}
