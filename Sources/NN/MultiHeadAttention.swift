import Tensor

/// Causal softmax attention with `kvHeads` key/value heads shared by groups of query heads
/// (multi-head when `kvHeads == heads`, grouped-query in between, multi-query at 1), and
/// optional qk-norm (LayerNorm over each head's features with a learned gain, shared by heads).
///
/// x [B, T, d] → qkv = x·Wᵀ + b [B, T, (H + 2G)·hd] laid out q (H heads) | k (G) | v (G)
/// → per query head h with group g = h / (H/G): S = QₕK_gᵀ/√hd [T, T], P = causal softmax(S),
/// Oₕ = P·V_g into o [B, T, H·hd] → y = o·W_projᵀ + b. With G = H this is GPT-2's attention,
/// q | k | v each d wide. P is kept for backward ([B, H, T, T]).
///
/// Every per-head product is one `sgemm` on strided views (no transposed copies). Queries
/// go in blocks of `queryBlock` rows, and a block only multiplies the keys up to its last
/// row, so the masked upper triangle is mostly skipped (at T = 128, 3/4 of the full
/// products). (Sequence, head) pairs run in parallel across cores.
public final class MultiHeadAttention: TokenMixer {
    /// Fused projection d → (H + 2G)·hd.
    public let qkv: Linear
    /// Output projection H·hd → d (d → d as built).
    public let proj: Linear
    /// Gains of the query LayerNorm [hd], present with qk-norm.
    public let queryNorm: Parameter?
    /// Gains of the key LayerNorm [hd], present with qk-norm.
    public let keyNorm: Parameter?
    /// Model width d.
    public let width: Int
    /// Query heads H (fewer than d / hd after head pruning).
    public private(set) var heads: Int
    /// Key/value heads G (divides H).
    public private(set) var kvHeads: Int
    /// Features per head hd (d / H as built).
    public let headWidth: Int
    /// Width of the attended heads, H·hd: the output projection's input (d unless pruned).
    public var innerWidth: Int { heads * headWidth }
    /// LayerNorm epsilon of qk-norm.
    public let normEpsilon: Float = 1e-5
    /// Query rows per block of the causal products.
    public let queryBlock: Int
    /// The block size used unless another is given.
    public static let defaultQueryBlock = 64

    /// Whether forward passes gather `attention.max_logit` and `attention.entropy`.
    public var recordsInternals = false
    var internals = AttentionInternals()
    private var probabilities = Buffer()
    private var mixed = Buffer()
    private var normalized = Buffer()
    private var normStats = Buffer()
    private var qkvGrad = Buffer()
    private var rawGrad = Buffer()
    private var scoreGrad = Buffer()
    private var projected: Tensor?
    private var attended: Tensor?

    /// `heads` must divide `width` and `kvHeads` (default: `heads`) must divide `heads`.
    public init(width: Int, heads: Int, kvHeads: Int? = nil, qkNorm: Bool = false, bias: Bool = true,
                queryBlock: Int = defaultQueryBlock) {
        let kvHeads = kvHeads ?? heads
        precondition(heads > 0 && width % heads == 0, "attention: \(heads) heads do not divide width \(width)")
        precondition(kvHeads > 0 && heads % kvHeads == 0, "attention: \(kvHeads) kv heads do not divide \(heads) heads")
        precondition(queryBlock > 0, "attention: query block must be positive")
        self.width = width
        self.heads = heads
        self.kvHeads = kvHeads
        self.queryBlock = queryBlock
        let hd = width / heads
        self.headWidth = hd
        qkv = Linear(width, (heads + 2 * kvHeads) * hd, bias: bias)
        proj = Linear(width, width, bias: bias)
        if qkNorm {
            queryNorm = Parameter(shape: [hd], decays: false)
            keyNorm = Parameter(shape: [hd], decays: false)
            queryNorm!.value.fill(1)
            keyNorm!.value.fill(1)
        } else {
            queryNorm = nil
            keyNorm = nil
        }
    }

    /// Records that whole key/value groups were removed (head pruning): the caller has already
    /// replaced `qkv` and `proj` by twins of the smaller shapes, (H + 2G)·hd outputs and
    /// H·hd inputs for the new counts.
    public func removeHeads(keeping heads: Int, kvHeads: Int) {
        precondition(heads > 0 && kvHeads > 0 && heads % kvHeads == 0, "attention: \(kvHeads) kv heads do not divide \(heads) heads")
        precondition(heads / kvHeads == self.heads / self.kvHeads, "attention: head pruning keeps the group size")
        precondition(qkv.outFeatures == (heads + 2 * kvHeads) * headWidth && proj.inFeatures == heads * headWidth,
                     "attention: qkv/proj shapes do not match \(heads) heads and \(kvHeads) kv heads")
        self.heads = heads
        self.kvHeads = kvHeads
    }

    /// Whether queries and keys are normalized per head.
    public var qkNorm: Bool { queryNorm != nil }

    /// Σ over query blocks of rows × keys: the score entries the kernels compute for length `time`.
    public static func blockedScoreCount(time: Int, block: Int = defaultQueryBlock) -> Int {
        stride(from: 0, to: time, by: block).reduce(0) { total, start in
            let end = min(start + block, time)
            return total + (end - start) * end
        }
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        qkv.visitParameters(prefix: qualified(prefix, "qkv"), visit)
        if let queryNorm, let keyNorm {
            visit(qualified(prefix, "q_norm.weight"), queryNorm)
            visit(qualified(prefix, "k_norm.weight"), keyNorm)
        }
        proj.visitParameters(prefix: qualified(prefix, "proj"), visit)
    }

    /// Columns of the fused projection.
    private var qkvWidth: Int { (heads + 2 * kvHeads) * headWidth }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.rank == 3 && x.shape[2] == width, "attention expects [B, T, \(width)], got \(x.shape)")
        let (batch, time) = (x.shape[0], x.shape[1])
        let raw = qkv.forward(x)
        projected = raw
        let q = qkNorm ? normalizeQueriesAndKeys(raw) : raw
        attended = q
        let p = probabilities.get([batch, heads, time, time])
        let o = mixed.get([batch, time, innerWidth])
        let hd = headWidth, d = innerWidth, w = qkvWidth, block = queryBlock, scale = 1 / Float(hd).squareRoot()
        let group = heads / kvHeads, heads = heads, kvHeads = kvHeads
        // per (sequence, head): the largest score and the summed row entropies
        let gathered = recordsInternals ? internals.slots.get([batch * heads, 2]) : nil
        let slots = gathered?.data
        Parallel.forEach(batch * heads) { item, _ in
            let (b, h) = item.quotientAndRemainder(dividingBy: heads)
            let base = q.data + b &* time &* w
            let g = h / group
            let qp = base + h &* hd
            let kp = base + (heads &+ g) &* hd
            let vp = base + (heads &+ kvHeads &+ g) &* hd
            let pp = p.data + (item &* time &* time)
            let op = o.data + (b &* time &* d &+ h &* hd)
            let slot = slots.map { $0 + item &* 2 }
            if let slot { (slot[0], slot[1]) = (-.infinity, 0) }
            for start in stride(from: 0, to: time, by: block) {
                let end = min(start + block, time), rows = end - start
                // S[start..<end, 0..<end] = scale · Q[start..<end] · K[0..<end]ᵀ
                sgemm(.none, .transposed, m: rows, n: end, k: hd, alpha: scale, a: qp + start &* w, lda: w,
                      b: kp, ldb: w, beta: 0, c: pp + start &* time, ldc: time)
                for i in start..<end {
                    let row = pp + (i &* time)
                    if let slot { slot[0] = Swift.max(slot[0], Kernels.max(i &+ 1, row)) }
                    Kernels.softmax(i &+ 1, row)
                    if let slot { slot[1] += Float(Self.entropy(i &+ 1, row)) }
                    (row + (i &+ 1)).update(repeating: 0, count: time &- i &- 1)
                }
                // O[start..<end] = P[start..<end, 0..<end] · V[0..<end]
                sgemm(.none, .none, m: rows, n: hd, k: end, a: pp + start &* time, lda: time, b: vp, ldb: w,
                      beta: 0, c: op + start &* d, ldc: d)
            }
        }
        if let gathered { internals.add(gathered, rows: time) }
        return proj.forward(o)
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let q = attended, let raw = projected else { preconditionFailure("attention backward before forward") }
        let (batch, time) = (q.shape[0], q.shape[1])
        let dO = proj.backward(dy)
        let p = probabilities.get([batch, heads, time, time])
        let dq = qkvGrad.get(q.shape)
        dq.fill(0)  // key/value gradients accumulate over the query heads of a group
        let block = queryBlock, blockRows = min(block, time)
        let dSAll = scoreGrad.get([max(1, BLAS.threads), blockRows, time])
        let hd = headWidth, d = innerWidth, w = qkvWidth, scale = 1 / Float(hd).squareRoot()
        let group = heads / kvHeads, heads = heads, kvHeads = kvHeads
        // one item per (sequence, kv group): the query heads of a group accumulate into the
        // same dK, dV, so they stay on one worker
        Parallel.forEach(batch * kvHeads) { item, worker in
            let (b, g) = item.quotientAndRemainder(dividingBy: kvHeads)
            let dS = dSAll.data + worker &* blockRows &* time
            let base = q.data + b &* time &* w
            let dbase = dq.data + b &* time &* w
            let kp = base + (heads &+ g) &* hd, vp = base + (heads &+ kvHeads &+ g) &* hd
            let dkp = dbase + (heads &+ g) &* hd, dvp = dbase + (heads &+ kvHeads &+ g) &* hd
            for h in (g &* group)..<((g &+ 1) &* group) {
                let qp = base + h &* hd, dqp = dbase + h &* hd
                let pp = p.data + ((b &* heads &+ h) &* time &* time)
                let dop = dO.data + (b &* time &* d &+ h &* hd)
                for start in stride(from: 0, to: time, by: block) {
                    let end = min(start + block, time), rows = end - start
                    // dP = dO[start..<end] · V[0..<end]ᵀ ; dV[0..<end] += P[start..<end, 0..<end]ᵀ · dO[start..<end]
                    sgemm(.none, .transposed, m: rows, n: end, k: hd, a: dop + start &* d, lda: d, b: vp, ldb: w,
                          beta: 0, c: dS, ldc: time)
                    sgemm(.transposed, .none, m: end, n: hd, k: rows, a: pp + start &* time, lda: time,
                          b: dop + start &* d, ldb: d, beta: 1, c: dvp, ldc: w)
                    // dS = P ⊙ (dP − rowsum(P ⊙ dP)) on the causal part; zero beyond it
                    for i in start..<end {
                        let pr = pp + (i &* time), gr = dS + ((i &- start) &* time)
                        let n = i &+ 1
                        let c = Kernels.dot(n, pr, gr)
                        for j in 0..<n { gr[j] = pr[j] * (gr[j] - c) }
                        (gr + n).update(repeating: 0, count: end &- n)
                    }
                    // dQ[start..<end] = s · dS · K[0..<end] ; dK[0..<end] += s · dSᵀ · Q[start..<end]
                    sgemm(.none, .none, m: rows, n: hd, k: end, alpha: scale, a: dS, lda: time, b: kp, ldb: w,
                          beta: 0, c: dqp + start &* w, ldc: w)
                    sgemm(.transposed, .none, m: end, n: hd, k: rows, alpha: scale, a: dS, lda: time,
                          b: qp + start &* w, ldb: w, beta: 1, c: dkp, ldc: w)
                }
            }
        }
        return qkv.backward(qkNorm ? normalizeBackward(dq, raw) : dq)
    }

    /// qk-norm: copies `raw` with every query and key head replaced by γ ⊙ LN(head);
    /// keeps the normalized-without-gain values and 1/σ per (token, head) for backward.
    private func normalizeQueriesAndKeys(_ raw: Tensor) -> Tensor {
        guard let queryNorm, let keyNorm else { return raw }
        let rows = raw.count / qkvWidth
        let out = normalized.get(raw.shape)
        let nh = heads + kvHeads
        let stats = normStats.get([rows, nh])
        let hd = headWidth, w = qkvWidth
        let hdf = Float(hd)
        for r in 0..<rows {
            let src = raw.data + r &* w, dst = out.data + r &* w
            for j in 0..<nh {
                let gain = j < heads ? queryNorm.value.data : keyNorm.value.data
                let s = src + j &* hd, t = dst + j &* hd
                let mean = Kernels.sum(hd, s) / hdf
                var v: Float = 0
                for c in 0..<hd { let u = s[c] - mean; v += u * u }
                let rstd = 1 / (v / hdf + normEpsilon).squareRoot()
                stats.data[r &* nh &+ j] = rstd
                for c in 0..<hd { t[c] = (s[c] - mean) * rstd * gain[c] }
            }
            let vOff = nh &* hd
            (dst + vOff).update(from: src + vOff, count: w &- vOff)
        }
        return out
    }

    /// Gradient through qk-norm: accumulates gain gradients and returns ∂loss/∂raw.
    private func normalizeBackward(_ dq: Tensor, _ raw: Tensor) -> Tensor {
        guard let queryNorm, let keyNorm else { return dq }
        let rows = raw.count / qkvWidth
        let nh = heads + kvHeads
        let stats = normStats.get([rows, nh])
        let out = rawGrad.get(raw.shape)
        let hd = headWidth, w = qkvWidth, hdf = Float(hd)
        var xhat = [Float](repeating: 0, count: hd)
        for r in 0..<rows {
            let src = raw.data + r &* w, g = dq.data + r &* w, dst = out.data + r &* w
            for j in 0..<nh {
                let param = j < heads ? queryNorm : keyNorm
                let s = src + j &* hd, gy = g + j &* hd, dx = dst + j &* hd
                let rstd = stats.data[r &* nh &+ j]
                let mean = Kernels.sum(hd, s) / hdf
                // with ĝ = γ ⊙ dy: dx = r·(ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂))
                var mg: Float = 0, mgx: Float = 0
                for c in 0..<hd {
                    let xh = (s[c] - mean) * rstd
                    xhat[c] = xh
                    param.grad.data[c] += gy[c] * xh
                    let gh = gy[c] * param.value.data[c]
                    mg += gh
                    mgx += gh * xh
                }
                mg /= hdf
                mgx /= hdf
                for c in 0..<hd { dx[c] = rstd * (gy[c] * param.value.data[c] - mg - xhat[c] * mgx) }
            }
            let vOff = nh &* hd
            (dst + vOff).update(from: g + vOff, count: w &- vOff)
        }
        return out
    }

    /// qkv 2·d·(H+2G)·hd, output projection 2·d·H·hd, and the scores and weighted sum
    /// 2·2·H·hd per computed score entry (the blocked causal products), averaged per token.
    public func forwardFLOPsPerToken(context: Int) -> Int {
        let scores = Self.blockedScoreCount(time: context, block: queryBlock)
        return 2 * width * qkvWidth + 2 * width * innerWidth + 4 * heads * headWidth * scores / context
    }

    public func activationBytesPerToken(context: Int) -> Int {
        // input, qkv (and its normalized copy), mixed heads, output, the [H, T] probability rows
        4 * (width + qkvWidth * (qkNorm ? 2 : 1) + innerWidth + width + heads * context)
    }
}
