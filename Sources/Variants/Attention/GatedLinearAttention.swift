import Foundation
import NN
import Tensor

/// Gated linear attention (GLA) and, with fixed per-head decays, retention (RetNet).
/// Per head, with key width dkₕ and value width dvₕ:
///
///     Sₜ = diag(αₜ)·Sₜ₋₁ + kₜᵀvₜ,   oₜ = qₜ·Sₜ
///
/// x [B, T, d] → q = x·W_qᵀ/√dkₕ, k = x·W_kᵀ [B, T, dk], v = x·W_vᵀ [B, T, d];
/// learned gate: log αₜ = logsigmoid(x·W_α1ᵀ·W_α2ᵀ + b_α)/τ [B, T, dk] (rank-r bottleneck);
/// fixed decay: log αₜ = log γₕ per head. o [B, T, d] from the chunked scan
/// (`ChunkedDecayScan`) → per-head RMSNorm with gain [dvₕ] → ⊙ swish(x·W_gᵀ) (output gate)
/// → y = ·W_oᵀ. `recurrentStep` is the one-token form used for generation.
public final class GatedLinearAttention: TokenMixer {
    /// How the state decays.
    public enum Decay: Sendable, Equatable {
        /// Data-dependent per-channel gate with a rank-`rank` bottleneck and temperature τ.
        case learned(rank: Int, temperature: Float)
        /// Constant per-head decay γₕ = 1 − 2^(−5−h) (RetNet).
        case retention
    }

    public let qProj: Linear
    public let kProj: Linear
    public let vProj: Linear
    /// Output gate projection d → d (nil without the output gate).
    public let gProj: Linear?
    /// Gate bottleneck d → rank (learned decay only).
    public let gateDown: Linear?
    /// Gate expansion rank → dk with bias (learned decay only).
    public let gateUp: Linear?
    public let oProj: Linear
    /// Per-head RMSNorm gain [dvₕ], shared by heads.
    public let normGain: Parameter
    /// Model width d (= total value width).
    public let width: Int
    /// Heads H.
    public let heads: Int
    /// Total key width dk.
    public let keyWidth: Int
    /// The decay rule.
    public let decay: Decay
    /// RMSNorm epsilon.
    public let normEpsilon: Float = 1e-5
    private let scan: ChunkedDecayScan
    /// Whether forward passes gather `takeInternals` statistics.
    public var recordsInternals = false
    var internals = InternalsAverage()

    private var workerScans: [ChunkedDecayScan] = []

    /// One scan (each with its own workspaces) per parallel worker.
    private func scans(_ count: Int) -> [ChunkedDecayScan] {
        while workerScans.count < count {
            workerScans.append(ChunkedDecayScan(keyWidth: scan.keyWidth, valueWidth: scan.valueWidth, chunk: scan.chunk))
        }
        return workerScans
    }

    private var scaledQueries = Buffer()
    private var logDecay = Buffer()
    private var gatePre: Tensor?
    private var values: Tensor?
    private var keys: Tensor?
    private var gateValues: Tensor?
    private var states = Buffer()
    private var mixed = Buffer()
    private var rstd = Buffer()
    private var gated = Buffer()
    private var mixedGrad = Buffer()
    private var queryGrad = Buffer()
    private var keyGrad = Buffer()
    private var valueGrad = Buffer()
    private var gateGrad = Buffer()
    private var decayGrad = Buffer()
    private var inputGrad = Buffer()

    /// `heads` must divide `keyWidth` and `width`.
    public init(width: Int, heads: Int, keyWidth: Int, decay: Decay, outputGate: Bool = true, chunk: Int = 16) {
        precondition(heads > 0 && width % heads == 0 && keyWidth % heads == 0,
                     "gated linear attention: \(heads) heads must divide width \(width) and key width \(keyWidth)")
        self.width = width
        self.heads = heads
        self.keyWidth = keyWidth
        self.decay = decay
        qProj = Linear(width, keyWidth, bias: false)
        kProj = Linear(width, keyWidth, bias: false)
        vProj = Linear(width, width, bias: false)
        gProj = outputGate ? Linear(width, width, bias: false) : nil
        if case .learned(let rank, _) = decay {
            gateDown = Linear(width, rank, bias: false)
            gateUp = Linear(rank, keyWidth, bias: true)
        } else {
            gateDown = nil
            gateUp = nil
        }
        oProj = Linear(width, width, bias: false)
        normGain = Parameter(shape: [width / heads], decays: false)
        normGain.value.fill(1)
        scan = ChunkedDecayScan(keyWidth: keyWidth / heads, valueWidth: width / heads, chunk: chunk)
    }

    /// Chunk length of the training form.
    public var chunk: Int { scan.chunk }
    private var keyHead: Int { keyWidth / heads }
    private var valueHead: Int { width / heads }
    private var queryScale: Float { 1 / Float(keyHead).squareRoot() }

    /// log γₕ of the fixed decay for head `h`.
    public static func retentionLogDecay(head h: Int) -> Float { Float(Foundation.log1p(-Foundation.pow(2.0, -5.0 - Double(h)))) }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        qProj.visitParameters(prefix: qualified(prefix, "q_proj"), visit)
        kProj.visitParameters(prefix: qualified(prefix, "k_proj"), visit)
        vProj.visitParameters(prefix: qualified(prefix, "v_proj"), visit)
        gProj?.visitParameters(prefix: qualified(prefix, "g_proj"), visit)
        gateDown?.visitParameters(prefix: qualified(prefix, "gk_proj.0"), visit)
        gateUp?.visitParameters(prefix: qualified(prefix, "gk_proj.1"), visit)
        visit(qualified(prefix, "g_norm.weight"), normGain)
        oProj.visitParameters(prefix: qualified(prefix, "o_proj"), visit)
    }

    private func scanDecay(head h: Int, logDecay la: Tensor?, offset: Int) -> ScanDecay {
        switch decay {
        case .learned: return .perChannel(la!.data + offset, ld: keyWidth)
        case .retention: return .constant(Self.retentionLogDecay(head: h))
        }
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.rank == 3 && x.shape[2] == width, "gated linear attention expects [B, T, \(width)], got \(x.shape)")
        let (batch, time) = (x.shape[0], x.shape[1])
        let rows = batch * time
        let qRaw = qProj.forward(x)
        let q = scaledQueries.get(qRaw.shape)
        for i in 0..<q.count { q.data[i] = qRaw.data[i] * queryScale }
        let k = kProj.forward(x), v = vProj.forward(x)
        keys = k
        values = v
        var la: Tensor?
        if case .learned(_, let tau) = decay, let gateDown, let gateUp {
            let z = gateUp.forward(gateDown.forward(x))
            gatePre = z
            let l = logDecay.get(z.shape)
            for i in 0..<z.count { l.data[i] = Self.logSigmoid(z.data[i]) / tau }
            la = l
        }
        if recordsInternals { gatherDecayStatistics(logDecay: la) }
        let perState = scan.stateCount(time: time)
        let st = states.get([batch * heads, perState])
        let o = mixed.get([batch, time, width])
        let dkh = keyHead, dvh = valueHead
        let pool = scans(max(1, BLAS.threads))
        // (sequence, head) scans are independent: split across cores, one scan per worker
        Parallel.forEach(batch * heads) { item, worker in
            let (b, h) = item.quotientAndRemainder(dividingBy: heads)
            let ko = b &* time &* keyWidth &+ h &* dkh, vo = b &* time &* width &+ h &* dvh
            pool[worker].forward(time: time, q: q.data + ko, ldq: keyWidth, k: k.data + ko, ldk: keyWidth,
                         v: v.data + vo, ldv: width, decay: scanDecay(head: h, logDecay: la, offset: ko),
                         out: o.data + vo, ldo: width, states: st.data + (b &* heads &+ h) &* perState)
        }
        let g = gProj?.forward(x)
        gateValues = g
        let u = gated.get(o.shape)
        let rs = rstd.get([rows, heads])
        for r in 0..<rows {
            let or = o.data + r &* width, ur = u.data + r &* width
            for h in 0..<heads {
                let oh = or + h &* dvh, uh = ur + h &* dvh
                let inv = 1 / (Kernels.dot(dvh, oh, oh) / Float(dvh) + normEpsilon).squareRoot()
                rs.data[r &* heads &+ h] = inv
                for j in 0..<dvh { uh[j] = oh[j] * inv * normGain.value.data[j] }
            }
            if let g {
                let gr = g.data + r &* width
                for j in 0..<width { ur[j] *= gr[j] * FastMath.sigmoid(gr[j]) }
            }
        }
        return oProj.forward(u)
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let k = keys, let v = values else { preconditionFailure("gated linear attention backward before forward") }
        let (batch, time) = (v.shape[0], v.shape[1])
        let rows = batch * time
        let dkh = keyHead, dvh = valueHead
        let du = oProj.backward(dy)
        let o = mixed.get([batch, time, width])
        let rs = rstd.get([rows, heads])
        let dO = mixedGrad.get(o.shape)
        let dg = gProj == nil ? nil : gateGrad.get(o.shape)
        for r in 0..<rows {
            let or = o.data + r &* width, gr = du.data + r &* width, dor = dO.data + r &* width
            if let g = gateValues, let dg {
                // d(n ⊙ swish(g)): dn = du ⊙ swish(g), dg = du ⊙ n ⊙ σ(g)(1 + g(1 − σ(g)))
                let gv = g.data + r &* width, dgr = dg.data + r &* width
                for j in 0..<width {
                    let s = FastMath.sigmoid(gv[j])
                    let n = or[j] * rs.data[r &* heads &+ j / dvh] * normGain.value.data[j % dvh]
                    dgr[j] = gr[j] * n * s * (1 + gv[j] * (1 - s))
                    dor[j] = gr[j] * gv[j] * s
                }
            } else {
                dor.update(from: gr, count: width)
            }
            // RMSNorm: with ĝ = γ ⊙ dn, do = r·(ĝ − ô·mean(ĝ ⊙ ô)), ô = o·r
            for h in 0..<heads {
                let oh = or + h &* dvh, dh = dor + h &* dvh
                let inv = rs.data[r &* heads &+ h]
                var m: Float = 0
                for j in 0..<dvh {
                    normGain.grad.data[j] += dh[j] * oh[j] * inv
                    m += dh[j] * normGain.value.data[j] * oh[j] * inv
                }
                m /= Float(dvh)
                for j in 0..<dvh { dh[j] = inv * (dh[j] * normGain.value.data[j] - oh[j] * inv * m) }
            }
        }
        let q = scaledQueries.get(k.shape)
        let la: Tensor? = gatePre == nil || gateUp == nil ? nil : logDecay.get(k.shape)
        let perState = scan.stateCount(time: time)
        let st = states.get([batch * heads, perState])
        let dq = queryGrad.get(k.shape), dk = keyGrad.get(k.shape), dv = valueGrad.get(v.shape)
        let pool = scans(max(1, BLAS.threads))
        // (sequence, head) scans are independent: split across cores, one scan per worker
        Parallel.forEach(batch * heads) { item, worker in
            let (b, h) = item.quotientAndRemainder(dividingBy: heads)
            let ko = b &* time &* keyWidth &+ h &* dkh, vo = b &* time &* width &+ h &* dvh
            pool[worker].backward(time: time, q: q.data + ko, ldq: keyWidth, k: k.data + ko, ldk: keyWidth,
                          v: v.data + vo, ldv: width, decay: scanDecay(head: h, logDecay: la, offset: ko),
                          states: st.data + (b &* heads &+ h) &* perState, outGrad: dO.data + vo, lddo: width,
                          dq: dq.data + ko, lddq: keyWidth, dk: dk.data + ko, lddk: keyWidth,
                          dv: dv.data + vo, lddv: width)
        }
        let dx = inputGrad.get(v.shape)
        if case .learned(_, let tau) = decay, let gateDown, let gateUp, let z = gatePre {
            // ∂/∂(log αⱼ) = Σ_{t≥j} (qₜ ⊙ dqₜ − kₜ ⊙ dkₜ); log α = logsigmoid(z)/τ
            let dz = decayGrad.get(z.shape)
            var acc = [Float](repeating: 0, count: keyWidth)
            for b in 0..<batch {
                for i in acc.indices { acc[i] = 0 }
                for t in stride(from: time - 1, through: 0, by: -1) {
                    let o = (b &* time &+ t) &* keyWidth
                    for i in 0..<keyWidth {
                        acc[i] += q.data[o &+ i] * dq.data[o &+ i] - k.data[o &+ i] * dk.data[o &+ i]
                        dz.data[o &+ i] = acc[i] / tau * (1 - FastMath.sigmoid(z.data[o &+ i]))
                    }
                }
            }
            dx.assign(gateDown.backward(gateUp.backward(dz)))
        } else {
            dx.fill(0)
        }
        for i in 0..<dq.count { dq.data[i] *= queryScale }
        dx.add(qProj.backward(dq))
        dx.add(kProj.backward(dk))
        dx.add(vProj.backward(dv))
        if let gProj, let dg { dx.add(gProj.backward(dg)) }
        return dx
    }

    /// log σ(z) = min(z, 0) − log(1 + e^−|z|), stable for large |z|.
    @inline(__always)
    static func logSigmoid(_ z: Float) -> Float { min(z, 0) - Foundation.log1p(FastMath.exp(-abs(z))) }

    /// The recurrent state of every head for a batch: [B, H, dkₕ, dvₕ], zero at the start.
    public func makeRecurrentState(batch: Int) -> Tensor { Tensor(shape: [batch, heads, keyHead, valueHead]) }

    /// The recurrent (generation) form: one position per sequence, x [B, d] → y [B, d],
    /// advancing `state` (from `makeRecurrentState`). Leaves the training caches untouched.
    public func recurrentStep(_ x: Tensor, state: Tensor) -> Tensor {
        precondition(x.rank == 2 && x.shape[1] == width, "recurrentStep expects [B, \(width)], got \(x.shape)")
        let batch = x.shape[0]
        let dkh = keyHead, dvh = valueHead
        func project(_ l: Linear) -> Tensor {
            let y = Tensor(shape: [batch, l.outFeatures])
            if let bias = l.bias { for r in 0..<batch { (y.data + r &* l.outFeatures).update(from: bias.value.data, count: l.outFeatures) } }
            sgemm(.none, .transposed, m: batch, n: l.outFeatures, k: l.inFeatures, a: x.data, lda: l.inFeatures,
                  b: l.weight.value.data, ldb: l.inFeatures, beta: l.bias == nil ? 0 : 1, c: y.data, ldc: l.outFeatures)
            return y
        }
        let q = project(qProj), k = project(kProj), v = project(vProj)
        q.scale(by: queryScale)
        let la = Tensor(shape: [batch, keyWidth])
        if case .learned(_, let tau) = decay, let gateDown, let gateUp {
            let hidden = Tensor(shape: [batch, gateDown.outFeatures])
            sgemm(.none, .transposed, m: batch, n: gateDown.outFeatures, k: width, a: x.data, lda: width,
                  b: gateDown.weight.value.data, ldb: width, beta: 0, c: hidden.data, ldc: gateDown.outFeatures)
            for r in 0..<batch { (la.data + r &* keyWidth).update(from: gateUp.bias!.value.data, count: keyWidth) }
            sgemm(.none, .transposed, m: batch, n: keyWidth, k: gateDown.outFeatures, a: hidden.data,
                  lda: gateDown.outFeatures, b: gateUp.weight.value.data, ldb: gateDown.outFeatures, beta: 1,
                  c: la.data, ldc: keyWidth)
            for i in 0..<la.count { la.data[i] = Self.logSigmoid(la.data[i]) / tau }
        } else {
            for r in 0..<batch {
                for h in 0..<heads {
                    (la.data + (r &* keyWidth &+ h &* dkh)).update(repeating: Self.retentionLogDecay(head: h), count: dkh)
                }
            }
        }
        let u = Tensor(shape: [batch, width])
        for r in 0..<batch {
            for h in 0..<heads {
                let ko = r &* keyWidth &+ h &* dkh, vo = r &* width &+ h &* dvh
                ChunkedDecayScan.step(keyWidth: dkh, valueWidth: dvh, q: q.data + ko, k: k.data + ko, v: v.data + vo,
                                      logDecay: la.data + ko, state: state.data + (r &* heads &+ h) &* dkh &* dvh,
                                      out: u.data + vo)
                let uh = u.data + vo
                let inv = 1 / (Kernels.dot(dvh, uh, uh) / Float(dvh) + normEpsilon).squareRoot()
                for j in 0..<dvh { uh[j] *= inv * normGain.value.data[j] }
            }
        }
        if let gProj {
            let g = project(gProj)
            for i in 0..<u.count { u.data[i] *= g.data[i] * FastMath.sigmoid(g.data[i]) }
        }
        let y = Tensor(shape: [batch, width])
        sgemm(.none, .transposed, m: batch, n: width, k: width, a: u.data, lda: width,
              b: oProj.weight.value.data, ldb: width, beta: 0, c: y.data, ldc: width)
        return y
    }

    /// Projections q, k (2·d·dk), v, output gate and output (3·d², or 2·d² without the gate),
    /// the gate bottleneck 2·r·(d + dk), and per head the scan GEMMs for sequences of
    /// `context`. Not counted: with the learned gate, the intra-chunk scores
    /// A_rs = Σ_c q_rc k_sc e^{B_rc − B_sc} are a loop of about 3·C·dkₕ/2 multiply-adds per
    /// token and head (with a fixed decay they are a GEMM and counted); elementwise work.
    /// Per token is the sequence total over `context`, rounded down when the last chunk is
    /// partial (the intra-chunk terms grow with the square of each chunk's length).
    public func forwardFLOPsPerToken(context: Int) -> Int {
        var total = 2 * width * 2 * keyWidth + 2 * width * width * (gProj == nil ? 2 : 3)
        if let gateDown { total += 2 * gateDown.outFeatures * (width + keyWidth) }
        let constant = decay == .retention
        return total + heads * scan.forwardFLOPs(time: context, constantDecay: constant) / max(context, 1)
    }

    public func activationBytesPerToken(context: Int) -> Int {
        // input, q (raw and scaled), k, log-decay and gate bottleneck, v, o, gate, gated, output, states
        let gate = gateDown.map { $0.outFeatures + 2 * keyWidth } ?? 0
        let statePerToken = heads * scan.stateCount(time: context) / max(context, 1)
        return 4 * (width + 3 * keyWidth + gate + width + width + (gProj == nil ? 0 : width) + width + width
            + heads + statePerToken)
    }
}
