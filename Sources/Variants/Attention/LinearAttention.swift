import NN
import Tensor

/// Causal kernelized linear attention, optionally with a causal depthwise convolution on the
/// values (SLA). Per head, with feature map φ (elu+1 or ReLU):
///
///     oₜ = φ(qₜ)·Σ_{s≤t} φ(k_s)ᵀv_s / (φ(qₜ)·Σ_{s≤t} φ(k_s) + ε)  [+ DWConv(v)ₜ]
///
/// x [B, T, d] → qkv = x·Wᵀ + b [B, T, 3d] → φ(q), φ(k) [B, T, 2d]; values get a column of
/// ones, [B, T, H, hd+1], so numerator and denominator come out of one chunked scan
/// (`ChunkedDecayScan`, no decay) → o [B, T, d] → y = o·W_projᵀ + b. The running state is
/// hd×(hd+1) per head: cost linear in T.
public final class LinearAttention: TokenMixer {
    /// The positive feature map applied to queries and keys.
    public enum FeatureMap: Sendable {
        /// elu(u) + 1 (Katharopoulos et al.).
        case eluPlusOne
        /// max(u, 0) (SLAB's simplified linear attention).
        case relu
    }

    /// Fused projection d → 3d (q | k | v, head h in columns h·hd..<(h+1)·hd of each).
    public let qkv: Linear
    /// Output projection d → d.
    public let proj: Linear
    /// Depthwise causal convolution weights [channels, kernel] (SLA only); channels is hd
    /// when shared across heads, else d.
    public let convWeight: Parameter?
    /// Depthwise convolution bias [channels] (SLA only).
    public let convBias: Parameter?
    /// Model width d.
    public let width: Int
    /// Heads H.
    public let heads: Int
    /// Feature map φ.
    public let featureMap: FeatureMap
    /// Denominator epsilon.
    public let epsilon: Float
    /// Convolution kernel length (0: no convolution).
    public let convKernel: Int
    /// Features per head hd = d / H.
    public var headWidth: Int { width / heads }
    private let scan: ChunkedDecayScan

    private var workerScans: [ChunkedDecayScan] = []

    /// One scan (each with its own workspaces) per parallel worker.
    private func scans(_ count: Int) -> [ChunkedDecayScan] {
        while workerScans.count < count {
            workerScans.append(ChunkedDecayScan(keyWidth: scan.keyWidth, valueWidth: scan.valueWidth, chunk: scan.chunk))
        }
        return workerScans
    }

    private var features = Buffer()
    private var values = Buffer()
    private var numerators = Buffer()
    private var states = Buffer()
    private var mixed = Buffer()
    private var featureGrad = Buffer()
    private var valueGrad = Buffer()
    private var numeratorGrad = Buffer()
    private var qkvGrad = Buffer()
    private var projected: Tensor?

    /// `heads` must divide `width`; `convKernel` 0 disables the convolution.
    public init(width: Int, heads: Int, featureMap: FeatureMap, chunk: Int = 64, epsilon: Float = 1e-6,
                convKernel: Int = 0, shareConvAcrossHeads: Bool = true, bias: Bool = true) {
        precondition(heads > 0 && width % heads == 0, "linear attention: \(heads) heads do not divide width \(width)")
        self.width = width
        self.heads = heads
        self.featureMap = featureMap
        self.epsilon = epsilon
        self.convKernel = convKernel
        let hd = width / heads
        qkv = Linear(width, 3 * width, bias: bias)
        proj = Linear(width, width, bias: bias)
        if convKernel > 0 {
            let channels = shareConvAcrossHeads ? hd : width
            convWeight = Parameter(shape: [channels, convKernel], decays: true)
            convBias = Parameter(shape: [channels], decays: false)
        } else {
            convWeight = nil
            convBias = nil
        }
        scan = ChunkedDecayScan(keyWidth: hd, valueWidth: hd + 1, chunk: chunk)
    }

    /// Chunk length of the scan.
    public var chunk: Int { scan.chunk }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        qkv.visitParameters(prefix: qualified(prefix, "qkv"), visit)
        if let convWeight, let convBias {
            visit(qualified(prefix, "dwc.weight"), convWeight)
            visit(qualified(prefix, "dwc.bias"), convBias)
        }
        proj.visitParameters(prefix: qualified(prefix, "proj"), visit)
    }

    @inline(__always)
    private func phi(_ u: Float) -> Float {
        switch featureMap {
        case .eluPlusOne: return u > 0 ? u + 1 : FastMath.exp(u)
        case .relu: return max(u, 0)
        }
    }

    @inline(__always)
    private func phiDerivative(_ u: Float) -> Float {
        switch featureMap {
        case .eluPlusOne: return u > 0 ? 1 : FastMath.exp(u)
        case .relu: return u > 0 ? 1 : 0
        }
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.rank == 3 && x.shape[2] == width, "linear attention expects [B, T, \(width)], got \(x.shape)")
        let (batch, time) = (x.shape[0], x.shape[1])
        let d = width, hd = headWidth, va = hd + 1
        let raw = qkv.forward(x)
        projected = raw
        let f = features.get([batch, time, 2 * d])
        let v = values.get([batch, time, heads, va])
        for r in 0..<(batch * time) {
            let src = raw.data + r &* 3 &* d, fr = f.data + r &* 2 &* d, vr = v.data + r &* heads &* va
            for i in 0..<(2 * d) { fr[i] = phi(src[i]) }
            for h in 0..<heads {
                (vr + h &* va).update(from: src + (2 &* d &+ h &* hd), count: hd)
                vr[h &* va &+ hd] = 1
            }
        }
        let num = numerators.get([batch, time, heads, va])
        let perState = scan.stateCount(time: time)
        let st = states.get([batch * heads, perState])
        let pool = scans(max(1, BLAS.threads))
        // (sequence, head) scans are independent: split across cores, one scan per worker
        Parallel.forEach(batch * heads) { item, worker in
            let (b, h) = item.quotientAndRemainder(dividingBy: heads)
            let fb = f.data + b &* time &* 2 &* d + h &* hd
            let vo = b &* time &* heads &* va + h &* va
            pool[worker].forward(time: time, q: fb, ldq: 2 * d, k: fb + d, ldk: 2 * d, v: v.data + vo, ldv: heads * va,
                         decay: .constant(0), out: num.data + vo, ldo: heads * va,
                         states: st.data + (b &* heads &+ h) &* perState)
        }
        let o = mixed.get([batch, time, d])
        for r in 0..<(batch * time) {
            let nr = num.data + r &* heads &* va, or = o.data + r &* d
            for h in 0..<heads {
                let inv = 1 / (nr[h &* va &+ hd] + epsilon)
                for j in 0..<hd { or[h &* hd &+ j] = nr[h &* va &+ j] * inv }
            }
        }
        if convKernel > 0 { convolveValues(raw, into: o, batch: batch, time: time) }
        return proj.forward(o)
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let raw = projected else { preconditionFailure("linear attention backward before forward") }
        let (batch, time) = (raw.shape[0], raw.shape[1])
        let d = width, hd = headWidth, va = hd + 1
        let dO = proj.backward(dy)
        let f = features.get([batch, time, 2 * d])
        let v = values.get([batch, time, heads, va])
        let num = numerators.get([batch, time, heads, va])
        let dnum = numeratorGrad.get(num.shape)
        for r in 0..<(batch * time) {
            let nr = num.data + r &* heads &* va, gr = dnum.data + r &* heads &* va, dor = dO.data + r &* d
            for h in 0..<heads {
                let inv = 1 / (nr[h &* va &+ hd] + epsilon)
                var dden: Float = 0
                for j in 0..<hd {
                    gr[h &* va &+ j] = dor[h &* hd &+ j] * inv
                    dden -= dor[h &* hd &+ j] * nr[h &* va &+ j]
                }
                gr[h &* va &+ hd] = dden * inv * inv
            }
        }
        let perState = scan.stateCount(time: time)
        let st = states.get([batch * heads, perState])
        let df = featureGrad.get(f.shape)
        let dv = valueGrad.get(v.shape)
        let pool = scans(max(1, BLAS.threads))
        // (sequence, head) scans are independent: split across cores, one scan per worker
        Parallel.forEach(batch * heads) { item, worker in
            let (b, h) = item.quotientAndRemainder(dividingBy: heads)
            let fo = b &* time &* 2 &* d + h &* hd
            let vo = b &* time &* heads &* va + h &* va
            pool[worker].backward(time: time, q: f.data + fo, ldq: 2 * d, k: f.data + fo + d, ldk: 2 * d,
                          v: v.data + vo, ldv: heads * va, decay: .constant(0),
                          states: st.data + (b &* heads &+ h) &* perState,
                          outGrad: dnum.data + vo, lddo: heads * va,
                          dq: df.data + fo, lddq: 2 * d, dk: df.data + fo + d, lddk: 2 * d,
                          dv: dv.data + vo, lddv: heads * va)
        }
        let draw = qkvGrad.get(raw.shape)
        for r in 0..<(batch * time) {
            let src = raw.data + r &* 3 &* d, gr = draw.data + r &* 3 &* d
            let fr = df.data + r &* 2 &* d, vr = dv.data + r &* heads &* va
            for i in 0..<(2 * d) { gr[i] = fr[i] * phiDerivative(src[i]) }
            for h in 0..<heads { (gr + (2 &* d &+ h &* hd)).update(from: vr + h &* va, count: hd) }
        }
        if convKernel > 0 { convolveValuesBackward(raw, outGrad: dO, into: draw, batch: batch, time: time) }
        return qkv.backward(draw)
    }

    /// o[b, t, c] += bias + Σ_j w[c, j]·v[b, t − (K−1) + j, c] (zero left padding).
    private func convolveValues(_ raw: Tensor, into o: Tensor, batch: Int, time: Int) {
        guard let convWeight, let convBias else { return }
        let d = width, channels = convBias.count, kk = convKernel
        let w = convWeight.value.data, cb = convBias.value.data
        for b in 0..<batch {
            for t in 0..<time {
                let or = o.data + (b &* time &+ t) &* d
                for c in 0..<d { or[c] += cb[c % channels] }
                for j in 0..<kk {
                    let s = t &- (kk &- 1) &+ j
                    if s < 0 { continue }
                    let vs = raw.data + ((b &* time &+ s) &* 3 &* d &+ 2 &* d)
                    for c in 0..<d { or[c] += w[(c % channels) &* kk &+ j] * vs[c] }
                }
            }
        }
    }

    /// Adds the convolution's value gradient into `draw` and accumulates its parameter gradients.
    private func convolveValuesBackward(_ raw: Tensor, outGrad dO: Tensor, into draw: Tensor, batch: Int, time: Int) {
        guard let convWeight, let convBias else { return }
        let d = width, channels = convBias.count, kk = convKernel
        let w = convWeight.value.data, gw = convWeight.grad.data, gb = convBias.grad.data
        for b in 0..<batch {
            for t in 0..<time {
                let gr = dO.data + (b &* time &+ t) &* d
                for c in 0..<d { gb[c % channels] += gr[c] }
                for j in 0..<kk {
                    let s = t &- (kk &- 1) &+ j
                    if s < 0 { continue }
                    let off = (b &* time &+ s) &* 3 &* d &+ 2 &* d
                    let vs = raw.data + off, dvs = draw.data + off
                    for c in 0..<d {
                        gw[(c % channels) &* kk &+ j] += gr[c] * vs[c]
                        dvs[c] += w[(c % channels) &* kk &+ j] * gr[c]
                    }
                }
            }
        }
    }

    /// qkv 2·d·3d and output projection 2·d² plus, per head, the scan GEMMs (intra-chunk
    /// scores and products, inter-chunk product, state update) for sequences of `context`.
    /// Not counted: elementwise feature maps, normalization and the convolution (2·K·d).
    /// Per token is the sequence total over `context`, rounded down when the last chunk is
    /// partial (the intra-chunk terms grow with the square of each chunk's length).
    public func forwardFLOPsPerToken(context: Int) -> Int {
        2 * width * 3 * width + 2 * width * width
            + heads * scan.forwardFLOPs(time: context, constantDecay: true) / max(context, 1)
    }

    public func activationBytesPerToken(context: Int) -> Int {
        // input, qkv, features, augmented values and numerators, mixed, output, chunk states
        let va = headWidth + 1
        let statePerToken = heads * scan.stateCount(time: context) / max(context, 1)
        return 4 * (width + 3 * width + 2 * width + 2 * heads * va + width + width + statePerToken)
    }
}
