import Tensor

/// Causal multi-head softmax self-attention with fused QKV and output projections.
///
/// x [B, T, d] → qkv = x·Wqkvᵀ + b [B, T, 3d] (q | k | v, head h in columns h·hd..<(h+1)·hd)
/// → per (b, h): S = QKᵀ/√hd, P = causal softmax(S) [T, T], O = P·V [T, hd] written into
/// o [B, T, d] → y = o·Wprojᵀ + b. P is kept for backward ([B, H, T, T]).
///
/// Every per-head product is one `sgemm` on strided views (no transposed copies). Queries
/// go in blocks of `queryBlock` rows, and a block only multiplies the keys up to its last
/// row, so the masked upper triangle is mostly skipped (at T = 128, 3/4 of the full
/// products). Heads run in parallel, one (batch, head) pair per item.
public final class CausalSelfAttention: Layer {
    public let qkv: Linear
    public let proj: Linear
    public let width: Int
    public let heads: Int
    public var headWidth: Int { width / heads }
    /// Query rows per block of the causal products.
    public let queryBlock: Int
    /// The block size used unless another is given.
    public static let defaultQueryBlock = 64
    private var probabilities = Buffer()
    private var mixed = Buffer()
    private var qkvGrad = Buffer()
    private var scoreGrad = Buffer()
    private var qkvOut: Tensor?

    /// `heads` must divide `width`.
    public init(width: Int, heads: Int, bias: Bool = true, queryBlock: Int = defaultQueryBlock) {
        precondition(heads > 0 && width % heads == 0, "attention: \(heads) heads do not divide width \(width)")
        precondition(queryBlock > 0, "attention: query block must be positive")
        self.width = width
        self.heads = heads
        self.queryBlock = queryBlock
        qkv = Linear(width, 3 * width, bias: bias)
        proj = Linear(width, width, bias: bias)
    }

    /// Σ over query blocks of rows × keys: the score entries the kernels compute for length `time`.
    public static func blockedScoreCount(time: Int, block: Int = defaultQueryBlock) -> Int {
        stride(from: 0, to: time, by: block).reduce(0) { total, start in
            let end = min(start + block, time)
            return total + (end - start) * end
        }
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
        let hd = headWidth, d = width, heads = heads, block = queryBlock, scale = 1 / Float(hd).squareRoot()
        Parallel.forEach(batch * heads) { item, _ in
            let (b, h) = item.quotientAndRemainder(dividingBy: heads)
            let qp = q.data + (b &* time &* 3 &* d &+ h &* hd), kp = qp + d, vp = qp + 2 &* d
            let pp = p.data + (item &* time &* time)
            let op = o.data + (b &* time &* d &+ h &* hd)
            for start in stride(from: 0, to: time, by: block) {
                let end = min(start + block, time), rows = end - start
                // S[start..<end, 0..<end] = scale · Q[start..<end] · K[0..<end]ᵀ
                sgemm(.none, .transposed, m: rows, n: end, k: hd, alpha: scale, a: qp + start &* 3 &* d, lda: 3 * d,
                      b: kp, ldb: 3 * d, beta: 0, c: pp + start &* time, ldc: time)
                for i in start..<end {
                    let row = pp + (i &* time)
                    Kernels.softmax(i &+ 1, row)
                    (row + (i &+ 1)).update(repeating: 0, count: time &- i &- 1)
                }
                // O[start..<end] = P[start..<end, 0..<end] · V[0..<end]
                sgemm(.none, .none, m: rows, n: hd, k: end, a: pp + start &* time, lda: time, b: vp, ldb: 3 * d,
                      beta: 0, c: op + start &* d, ldc: d)
            }
        }
        return proj.forward(o)
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let q = qkvOut else { preconditionFailure("attention backward before forward") }
        let (batch, time) = (q.shape[0], q.shape[1])
        let dO = proj.backward(dy)
        let p = probabilities.get([batch, heads, time, time])
        let dq = qkvGrad.get(q.shape)
        let block = queryBlock, blockRows = min(block, time)
        let dSAll = scoreGrad.get([max(1, BLAS.threads), blockRows, time])
        let hd = headWidth, d = width, heads = heads, scale = 1 / Float(hd).squareRoot()
        Parallel.forEach(batch * heads) { item, worker in
            let (b, h) = item.quotientAndRemainder(dividingBy: heads)
            let dS = dSAll.data + worker &* blockRows &* time
            let qp = q.data + (b &* time &* 3 &* d &+ h &* hd), kp = qp + d, vp = qp + 2 &* d
            let dqp = dq.data + (b &* time &* 3 &* d &+ h &* hd), dkp = dqp + d, dvp = dqp + 2 &* d
            let pp = p.data + (item &* time &* time)
            let dop = dO.data + (b &* time &* d &+ h &* hd)
            // Last block first: it covers every key, so it overwrites dK and dV (beta 0) and the
            // earlier blocks accumulate into their key prefixes.
            let starts = Array(stride(from: 0, to: time, by: block)).reversed()
            for (n, start) in starts.enumerated() {
                let end = min(start + block, time), rows = end - start
                let beta: Float = n == 0 ? 0 : 1
                let pb = pp + start &* time
                // dP = dO[start..<end] · V[0..<end]ᵀ ; dV[0..<end] += P[start..<end, 0..<end]ᵀ · dO[start..<end]
                sgemm(.none, .transposed, m: rows, n: end, k: hd, a: dop + start &* d, lda: d, b: vp, ldb: 3 * d,
                      beta: 0, c: dS, ldc: time)
                sgemm(.transposed, .none, m: end, n: hd, k: rows, a: pb, lda: time, b: dop + start &* d, ldb: d,
                      beta: beta, c: dvp, ldc: 3 * d)
                // dS = P ⊙ (dP − rowsum(P ⊙ dP)) on the causal part; zero beyond it
                for i in start..<end {
                    let pr = pp + (i &* time), gr = dS + ((i &- start) &* time)
                    let n = i &+ 1
                    let c = Kernels.dot(n, pr, gr)
                    for j in 0..<n { gr[j] = pr[j] * (gr[j] - c) }
                    (gr + n).update(repeating: 0, count: end &- n)
                }
                // dQ[start..<end] = scale · dS · K[0..<end] ; dK[0..<end] += scale · dSᵀ · Q[start..<end]
                sgemm(.none, .none, m: rows, n: hd, k: end, alpha: scale, a: dS, lda: time, b: kp, ldb: 3 * d,
                      beta: 0, c: dqp + start &* 3 &* d, ldc: 3 * d)
                sgemm(.transposed, .none, m: end, n: hd, k: rows, alpha: scale, a: dS, lda: time,
                      b: qp + start &* 3 &* d, ldb: 3 * d, beta: beta, c: dkp, ldc: 3 * d)
            }
        }
        return qkv.backward(dq)
    }
}
