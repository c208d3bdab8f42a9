import Tensor

/// How the state of a linear recurrence decays each step.
public enum ScanDecay {
    /// log γ ≤ 0 for every key channel and step (0: no decay, plain linear attention).
    case constant(Float)
    /// log αₜ ≤ 0 per step and key channel: rows of [T, dk] with row stride `ld`.
    case perChannel(UnsafePointer<Float>, ld: Int)
}

/// The chunked form of the decayed linear recurrence shared by the linear-attention mixers,
/// for one sequence of one head:
///
///     Sₜ = diag(αₜ)·Sₜ₋₁ + kₜᵀvₜ   (S [dk, dv]),   oₜ = qₜ·Sₜ
///
/// q, k [T, dk], v [T, dv], o [T, dv] are strided row views (no copies). Positions are cut
/// into chunks of C; inside a chunk with cumulative log-decay B_r (from the chunk start):
/// o_r = (q_r ⊙ e^{B_r})·S_in + Σ_{s≤r} A_rs v_s with A_rs = Σ_c q_rc k_sc e^{B_rc − B_sc}, and
/// S_out = diag(e^{B_C})·S_in + (k ⊙ e^{B_C − B})ᵀ·V. Every exponent is ≤ 0, so nothing
/// overflows. GEMMs: A (constant decay only), A·V, the inter-chunk product and the state
/// update; with per-channel decay A is a C×C×dk loop (not a GEMM, not in the FLOP count).
public final class ChunkedDecayScan {
    /// Key width dk.
    public let keyWidth: Int
    /// Value width dv.
    public let valueWidth: Int
    /// Chunk length C.
    public let chunk: Int
    // Workspaces: A and dA [C, C], B, q ⊙ e^B and k ⊙ e^{B_C − B} [C, dk], dS [dk, dv].
    private let attention: Tensor
    private let attentionGrad: Tensor
    private let cumulative: Tensor
    private let decayedQueries: Tensor
    private let decayedKeys: Tensor
    private let stateGrad: Tensor

    public init(keyWidth: Int, valueWidth: Int, chunk: Int) {
        precondition(keyWidth > 0 && valueWidth > 0 && chunk > 0)
        self.keyWidth = keyWidth
        self.valueWidth = valueWidth
        self.chunk = chunk
        attention = Tensor(shape: [chunk, chunk])
        attentionGrad = Tensor(shape: [chunk, chunk])
        cumulative = Tensor(shape: [chunk, keyWidth])
        decayedQueries = Tensor(shape: [chunk, keyWidth])
        decayedKeys = Tensor(shape: [chunk, keyWidth])
        stateGrad = Tensor(shape: [keyWidth, valueWidth])
    }

    /// Number of chunks for `time` positions.
    public func chunkCount(time: Int) -> Int { (time + chunk - 1) / chunk }

    /// Floats of the state buffer `forward` fills: one state per chunk boundary [chunks + 1, dk, dv].
    public func stateCount(time: Int) -> Int { (chunkCount(time: time) + 1) * keyWidth * valueWidth }

    /// The GEMM FLOPs of one `forward` over `time` positions.
    public func forwardFLOPs(time: Int, constantDecay: Bool) -> Int {
        var total = 0, t0 = 0
        while t0 < time {
            let c = min(chunk, time - t0)
            total += 2 * c * c * valueWidth + 4 * c * keyWidth * valueWidth
            if constantDecay { total += 2 * c * c * keyWidth }
            t0 += c
        }
        return total
    }

    /// Computes o [T, dv] (overwritten) and the state entering every chunk plus the final
    /// state into `states` (`stateCount(time:)` floats; the first state is zero).
    public func forward(time: Int, q: UnsafePointer<Float>, ldq: Int, k: UnsafePointer<Float>, ldk: Int,
                        v: UnsafePointer<Float>, ldv: Int, decay: ScanDecay,
                        out o: UnsafeMutablePointer<Float>, ldo: Int, states: UnsafeMutablePointer<Float>) {
        let dk = keyWidth, dv = valueWidth, stateSize = dk * dv
        states.update(repeating: 0, count: stateSize)
        var t0 = 0, index = 0
        let a = attention.data, cum = cumulative.data, qe = decayedQueries.data, ke = decayedKeys.data
        while t0 < time {
            let c = min(chunk, time - t0)
            let qc = q + t0 &* ldq, kc = k + t0 &* ldk, vc = v + t0 &* ldv, oc = o + t0 &* ldo
            let sIn = states + index &* stateSize, sOut = sIn + stateSize
            fillCumulative(c: c, t0: t0, decay: decay, cum)
            intraScores(c: c, qc: qc, ldq: ldq, kc: kc, ldk: ldk, decay: decay, cum: cum, a: a)
            sgemm(.none, .none, m: c, n: dv, k: c, a: a, lda: c, b: vc, ldb: ldv, beta: 0, c: oc, ldc: ldo)
            decayRows(c: c, src: qc, ld: ldq, cum: cum, fromEnd: false, into: qe)
            sgemm(.none, .none, m: c, n: dv, k: dk, a: qe, lda: dk, b: sIn, ldb: dv, beta: 1, c: oc, ldc: ldo)
            decayRows(c: c, src: kc, ld: ldk, cum: cum, fromEnd: true, into: ke)
            let last = cum + (c &- 1) &* dk
            for i in 0..<dk {
                let g = FastMath.exp(last[i])
                for j in 0..<dv { sOut[i &* dv &+ j] = g * sIn[i &* dv &+ j] }
            }
            sgemm(.transposed, .none, m: dk, n: dv, k: c, a: ke, lda: dk, b: vc, ldb: ldv, beta: 1, c: sOut, ldc: dv)
            t0 &+= c
            index &+= 1
        }
    }

    /// Given ∂loss/∂o and the `states` of the matching `forward`, writes ∂loss/∂q, ∂loss/∂k and
    /// ∂loss/∂v (overwriting). The decay's own gradient follows from these:
    /// ∂loss/∂(log αⱼ) = Σ_{t≥j} (qₜ ⊙ dqₜ − kₜ ⊙ dkₜ).
    public func backward(time: Int, q: UnsafePointer<Float>, ldq: Int, k: UnsafePointer<Float>, ldk: Int,
                         v: UnsafePointer<Float>, ldv: Int, decay: ScanDecay, states: UnsafePointer<Float>,
                         outGrad dO: UnsafePointer<Float>, lddo: Int,
                         dq: UnsafeMutablePointer<Float>, lddq: Int, dk dK: UnsafeMutablePointer<Float>, lddk: Int,
                         dv dV: UnsafeMutablePointer<Float>, lddv: Int) {
        let dk = keyWidth, dv = valueWidth, stateSize = dk * dv
        let chunks = chunkCount(time: time)
        let a = attention.data, da = attentionGrad.data, cum = cumulative.data
        let qe = decayedQueries.data, ke = decayedKeys.data, ds = stateGrad.data
        ds.update(repeating: 0, count: stateSize)  // the final state does not reach the loss
        for index in stride(from: chunks - 1, through: 0, by: -1) {
            let t0 = index &* chunk, c = min(chunk, time &- t0)
            let qc = q + t0 &* ldq, kc = k + t0 &* ldk, vc = v + t0 &* ldv
            let doc = dO + t0 &* lddo, dqc = dq + t0 &* lddq, dkc = dK + t0 &* lddk, dvc = dV + t0 &* lddv
            let sIn = states + index &* stateSize
            fillCumulative(c: c, t0: t0, decay: decay, cum)
            intraScores(c: c, qc: qc, ldq: ldq, kc: kc, ldk: ldk, decay: decay, cum: cum, a: a)
            decayRows(c: c, src: qc, ld: ldq, cum: cum, fromEnd: false, into: qe)
            decayRows(c: c, src: kc, ld: ldk, cum: cum, fromEnd: true, into: ke)
            // dV = Aᵀ·dO + Ke·dS_out
            sgemm(.transposed, .none, m: c, n: dv, k: c, a: a, lda: c, b: doc, ldb: lddo, beta: 0, c: dvc, ldc: lddv)
            sgemm(.none, .none, m: c, n: dv, k: dk, a: ke, lda: dk, b: ds, ldb: dv, beta: 1, c: dvc, ldc: lddv)
            // dq = (dO·S_inᵀ) ⊙ e^B ; dk = (V·dS_outᵀ) ⊙ e^{B_C − B}
            sgemm(.none, .transposed, m: c, n: dk, k: dv, a: doc, lda: lddo, b: sIn, ldb: dv, beta: 0, c: dqc, ldc: lddq)
            sgemm(.none, .transposed, m: c, n: dk, k: dv, a: vc, lda: ldv, b: ds, ldb: dv, beta: 0, c: dkc, ldc: lddk)
            let last = cum + (c &- 1) &* dk
            for r in 0..<c {
                let br = cum + r &* dk, gq = dqc + r &* lddq, gk = dkc + r &* lddk
                for i in 0..<dk {
                    gq[i] *= FastMath.exp(br[i])
                    gk[i] *= FastMath.exp(last[i] - br[i])
                }
            }
            // dA = dO·Vᵀ on the causal part
            sgemm(.none, .transposed, m: c, n: c, k: dv, a: doc, lda: lddo, b: vc, ldb: ldv, beta: 0, c: da, ldc: c)
            intraBackward(c: c, qc: qc, ldq: ldq, kc: kc, ldk: ldk, decay: decay, cum: cum, da: da,
                          dqc: dqc, lddq: lddq, dkc: dkc, lddk: lddk)
            // dS_in = diag(e^{B_C})·dS_out + Qeᵀ·dO
            for i in 0..<dk {
                let g = FastMath.exp(last[i])
                for j in 0..<dv { ds[i &* dv &+ j] *= g }
            }
            sgemm(.transposed, .none, m: dk, n: dv, k: c, a: qe, lda: dk, b: doc, ldb: lddo, beta: 1, c: ds, ldc: dv)
        }
    }

    /// cum[r, :] = Σ_{j≤r} log α_{t0+j} (per channel; the constant case fills every channel).
    private func fillCumulative(c: Int, t0: Int, decay: ScanDecay, _ cum: UnsafeMutablePointer<Float>) {
        let dk = keyWidth
        switch decay {
        case .constant(let lg):
            for r in 0..<c { (cum + r &* dk).update(repeating: Float(r + 1) * lg, count: dk) }
        case .perChannel(let la, let ld):
            var prev = [Float](repeating: 0, count: dk)
            for r in 0..<c {
                let src = la + (t0 &+ r) &* ld, dst = cum + r &* dk
                for i in 0..<dk { prev[i] += src[i]; dst[i] = prev[i] }
            }
        }
    }

    /// into[r] = src[r] ⊙ e^{B_r} (queries) or src[r] ⊙ e^{B_C − B_r} (keys), [c, dk] dense.
    private func decayRows(c: Int, src: UnsafePointer<Float>, ld: Int, cum: UnsafePointer<Float>, fromEnd: Bool,
                           into: UnsafeMutablePointer<Float>) {
        let dk = keyWidth
        let last = cum + (c &- 1) &* dk
        for r in 0..<c {
            let s = src + r &* ld, b = cum + r &* dk, d = into + r &* dk
            if fromEnd {
                for i in 0..<dk { d[i] = s[i] * FastMath.exp(last[i] - b[i]) }
            } else {
                for i in 0..<dk { d[i] = s[i] * FastMath.exp(b[i]) }
            }
        }
    }

    /// A [c, c] with A_rs = Σ_i q_ri k_si e^{B_ri − B_si} for s ≤ r, 0 above the diagonal.
    private func intraScores(c: Int, qc: UnsafePointer<Float>, ldq: Int, kc: UnsafePointer<Float>, ldk: Int,
                             decay: ScanDecay, cum: UnsafePointer<Float>, a: UnsafeMutablePointer<Float>) {
        let dk = keyWidth
        switch decay {
        case .constant(let lg):
            sgemm(.none, .transposed, m: c, n: c, k: dk, a: qc, lda: ldq, b: kc, ldb: ldk, beta: 0, c: a, ldc: c)
            for r in 0..<c {
                let row = a + r &* c
                if lg != 0 { for s in 0...r { row[s] *= FastMath.exp(Float(r &- s) * lg) } }
                (row + (r &+ 1)).update(repeating: 0, count: c &- r &- 1)
            }
        case .perChannel:
            for r in 0..<c {
                let qr = qc + r &* ldq, br = cum + r &* dk, row = a + r &* c
                for s in 0...r {
                    let ks = kc + s &* ldk, bs = cum + s &* dk
                    var acc: Float = 0
                    for i in 0..<dk { acc += qr[i] * ks[i] * FastMath.exp(br[i] - bs[i]) }
                    row[s] = acc
                }
                (row + (r &+ 1)).update(repeating: 0, count: c &- r &- 1)
            }
        }
    }

    /// Adds the intra-chunk parts of dq and dk given dA = dO·Vᵀ (masked here).
    private func intraBackward(c: Int, qc: UnsafePointer<Float>, ldq: Int, kc: UnsafePointer<Float>, ldk: Int,
                               decay: ScanDecay, cum: UnsafePointer<Float>, da: UnsafeMutablePointer<Float>,
                               dqc: UnsafeMutablePointer<Float>, lddq: Int, dkc: UnsafeMutablePointer<Float>, lddk: Int) {
        let dk = keyWidth
        switch decay {
        case .constant(let lg):
            for r in 0..<c {
                let row = da + r &* c
                if lg != 0 { for s in 0...r { row[s] *= FastMath.exp(Float(r &- s) * lg) } }
                (row + (r &+ 1)).update(repeating: 0, count: c &- r &- 1)
            }
            sgemm(.none, .none, m: c, n: dk, k: c, a: da, lda: c, b: kc, ldb: ldk, beta: 1, c: dqc, ldc: lddq)
            sgemm(.transposed, .none, m: c, n: dk, k: c, a: da, lda: c, b: qc, ldb: ldq, beta: 1, c: dkc, ldc: lddk)
        case .perChannel:
            for r in 0..<c {
                let qr = qc + r &* ldq, br = cum + r &* dk, gq = dqc + r &* lddq
                for s in 0...r {
                    let g = da[r &* c &+ s]
                    let ks = kc + s &* ldk, bs = cum + s &* dk, gk = dkc + s &* lddk
                    for i in 0..<dk {
                        let e = g * FastMath.exp(br[i] - bs[i])
                        gq[i] += e * ks[i]
                        gk[i] += e * qr[i]
                    }
                }
            }
        }
    }

    /// One recurrent step (generation): S ← diag(α)·S + kᵀv, o = q·S, with `logDecay` [dk].
    public static func step(keyWidth dk: Int, valueWidth dv: Int, q: UnsafePointer<Float>, k: UnsafePointer<Float>,
                            v: UnsafePointer<Float>, logDecay: UnsafePointer<Float>,
                            state: UnsafeMutablePointer<Float>, out o: UnsafeMutablePointer<Float>) {
        for i in 0..<dk {
            let g = FastMath.exp(logDecay[i]), ki = k[i], row = state + i &* dv
            for j in 0..<dv { row[j] = g * row[j] + ki * v[j] }
        }
        o.update(repeating: 0, count: dv)
        for i in 0..<dk {
            let qi = q[i], row = state + i &* dv
            for j in 0..<dv { o[j] += qi * row[j] }
        }
    }
}
