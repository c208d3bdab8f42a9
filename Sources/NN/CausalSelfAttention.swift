import Tensor

/// Causal multi-head softmax self-attention with fused QKV and output projections.
///
/// x [B, T, d] → qkv = x·Wqkvᵀ + b [B, T, 3d] (q | k | v, head h in columns h·hd..<(h+1)·hd)
/// → per (b, h): S = QKᵀ/√hd [T, T], P = causal softmax(S), O = P·V [T, hd] written into
/// o [B, T, d] → y = o·Wprojᵀ + b. P is kept for backward ([B, H, T, T]).
/// Every per-head product is one `sgemm` on strided views, with no transposes copied.
public final class CausalSelfAttention: Layer {
    public let qkv: Linear
    public let proj: Linear
    public let width: Int
    public let heads: Int
    public var headWidth: Int { width / heads }
    private var probabilities = Buffer()
    private var mixed = Buffer()
    private var qkvGrad = Buffer()
    private var scoreGrad = Buffer()
    private var qkvOut: Tensor?

    /// `heads` must divide `width`.
    public init(width: Int, heads: Int, bias: Bool = true) {
        precondition(heads > 0 && width % heads == 0, "attention: \(heads) heads do not divide width \(width)")
        self.width = width
        self.heads = heads
        qkv = Linear(width, 3 * width, bias: bias)
        proj = Linear(width, width, bias: bias)
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        qkv.visitParameters(prefix: qualified(prefix, "qkv"), visit)
        proj.visitParameters(prefix: qualified(prefix, "proj"), visit)
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.rank == 3 && x.shape[2] == width, "attention expects [B, T, \(width)], got \(x.shape)")
        let (batch, time) = (x.shape[0], x.shape[1])
        let q = qkv.forward(x)
        qkvOut = q
        let p = probabilities.get([batch, heads, time, time])
        let o = mixed.get([batch, time, width])
        let hd = headWidth, d = width, heads = heads, scale = 1 / Float(hd).squareRoot()
        Parallel.forEach(batch * heads) { item, _ in
            let (b, h) = item.quotientAndRemainder(dividingBy: heads)
            let qp = q.data + (b &* time &* 3 &* d &+ h &* hd)
            let pp = p.data + ((b &* heads &+ h) &* time &* time)
            sgemm(.none, .transposed, m: time, n: time, k: hd, alpha: scale, a: qp, lda: 3 * d,
                  b: qp + d, ldb: 3 * d, beta: 0, c: pp, ldc: time)
            for i in 0..<time {
                let row = pp + (i &* time)
                Kernels.softmax(i &+ 1, row)
                (row + (i &+ 1)).update(repeating: 0, count: time &- i &- 1)
            }
            sgemm(.none, .none, m: time, n: hd, k: time, a: pp, lda: time, b: qp + (2 &* d), ldb: 3 * d,
                  beta: 0, c: o.data + (b &* time &* d &+ h &* hd), ldc: d)
        }
        return proj.forward(o)
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let q = qkvOut else { preconditionFailure("attention backward before forward") }
        let (batch, time) = (q.shape[0], q.shape[1])
        let dO = proj.backward(dy)
        let p = probabilities.get([batch, heads, time, time])
        let dq = qkvGrad.get(q.shape)
        let dSAll = scoreGrad.get([max(1, BLAS.threads), time, time])
        let hd = headWidth, d = width, heads = heads, scale = 1 / Float(hd).squareRoot()
        Parallel.forEach(batch * heads) { item, worker in
            let (b, h) = item.quotientAndRemainder(dividingBy: heads)
            let dS = dSAll.data + worker &* time &* time
            let qp = q.data + (b &* time &* 3 &* d &+ h &* hd)
            let dqp = dq.data + (b &* time &* 3 &* d &+ h &* hd)
            let pp = p.data + ((b &* heads &+ h) &* time &* time)
            let dop = dO.data + (b &* time &* d &+ h &* hd)
            // dP = dO·Vᵀ ; dV = Pᵀ·dO
            sgemm(.none, .transposed, m: time, n: time, k: hd, a: dop, lda: d, b: qp + (2 &* d), ldb: 3 * d,
                  beta: 0, c: dS, ldc: time)
            sgemm(.transposed, .none, m: time, n: hd, k: time, a: pp, lda: time, b: dop, ldb: d,
                  beta: 0, c: dqp + (2 &* d), ldc: 3 * d)
            // dS = P ⊙ (dP − rowsum(P ⊙ dP)), on the causal part only
            for i in 0..<time {
                let pr = pp + (i &* time), gr = dS + (i &* time)
                let n = i &+ 1
                let c = Kernels.dot(n, pr, gr)
                for j in 0..<n { gr[j] = pr[j] * (gr[j] - c) }
                (gr + n).update(repeating: 0, count: time &- n)
            }
            // dQ = scale·dS·K ; dK = scale·dSᵀ·Q
            sgemm(.none, .none, m: time, n: hd, k: time, alpha: scale, a: dS, lda: time, b: qp + d,
                  ldb: 3 * d, beta: 0, c: dqp, ldc: 3 * d)
            sgemm(.transposed, .none, m: time, n: hd, k: time, alpha: scale, a: dS, lda: time, b: qp,
                  ldb: 3 * d, beta: 0, c: dqp + d, ldc: 3 * d)
        }
        return qkv.backward(dq)
    }
}
