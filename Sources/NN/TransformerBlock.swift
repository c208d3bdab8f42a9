import Tensor

/// A residual transformer block over any mixer, feed-forward and normalization; pre-norm by
/// default, `r = x + mixer(norm1(x))`, `y = r + ffn(norm2(r))`, x, r, y [B, T, d]
/// (see `NormPlacement` for the other placements).
public final class TransformerBlock: Layer {
    public let norm1: Normalization
    public let mixer: TokenMixer
    public let norm2: Normalization
    public let ffn: FeedForward
    /// Where the norms sit.
    public let placement: NormPlacement
    /// Whether the mixer sublayer (with `norm1`) was removed: the block passes its input on
    /// the residual path (`r = x`) and no longer visits those parameters or Linears.
    public private(set) var mixerDropped = false
    /// Whether the feed-forward sublayer (with `norm2`) was removed (`y = r`).
    public private(set) var ffnDropped = false
    /// Called after every forward with the block input x, the residual stream between the
    /// sublayers r and the output y (sublayer-importance calibration); nil normally.
    public var streamObserver: ((_ x: Tensor, _ r: Tensor, _ y: Tensor) -> Void)?
    private var residual = Buffer()
    private var output = Buffer()
    private var residualGrad = Buffer()
    private var inputGrad = Buffer()
    private var scaled1 = Buffer()
    private var scaled2 = Buffer()
    private var scaledGrad = Buffer()

    /// A block from its parts.
    public init(norm1: Normalization, mixer: TokenMixer, norm2: Normalization, ffn: FeedForward,
                placement: NormPlacement = .standard) {
        self.norm1 = norm1
        self.mixer = mixer
        self.norm2 = norm2
        self.ffn = ffn
        self.placement = placement
    }

    /// The GPT-2 block: LayerNorm, causal softmax attention, GELU MLP.
    public convenience init(width: Int, heads: Int, ffn: Int, bias: Bool = true) {
        self.init(norm1: LayerNorm(width, bias: bias), mixer: MultiHeadAttention(width: width, heads: heads, bias: bias),
                  norm2: LayerNorm(width, bias: bias), ffn: GELUFeedForward(width: width, hidden: ffn, bias: bias))
    }

    /// GPT-2 initialisation of the standard block: N(0, 0.02²), residual projections
    /// scaled by 1/√(2·layers).
    public func initialize(layers: Int, rng: inout RNG) {
        let std: Float = 0.02, residualStd = 0.02 / Float(2 * layers).squareRoot()
        if let a = mixer as? MultiHeadAttention {
            a.qkv.initializeNormal(std: std, rng: &rng)
            a.proj.initializeNormal(std: residualStd, rng: &rng)
        }
        if let m = ffn as? GELUFeedForward {
            m.fc1.initializeNormal(std: std, rng: &rng)
            m.fc2.initializeNormal(std: residualStd, rng: &rng)
        }
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        if !mixerDropped {
            norm1.visitParameters(prefix: qualified(prefix, "norm1"), visit)
            mixer.visitParameters(prefix: qualified(prefix, "mixer"), visit)
        }
        if !ffnDropped {
            norm2.visitParameters(prefix: qualified(prefix, "norm2"), visit)
            ffn.visitParameters(prefix: qualified(prefix, "ffn"), visit)
        }
    }

    /// Removes the mixer and/or feed-forward sublayer with its norm for every later pass
    /// (sublayer dropping); a removed sublayer stays removed.
    public func drop(mixer: Bool = false, ffn: Bool = false) {
        mixerDropped = mixerDropped || mixer
        ffnDropped = ffnDropped || ffn
    }

    /// Matrix-product FLOPs per token of the sublayers that remain (norms included).
    public func forwardFLOPsPerToken(context: Int) -> Int {
        (mixerDropped ? 0 : norm1.forwardFLOPsPerToken(context: context) + mixer.forwardFLOPsPerToken(context: context))
            + (ffnDropped ? 0 : norm2.forwardFLOPsPerToken(context: context) + ffn.forwardFLOPsPerToken(context: context))
    }

    /// Activation bytes per token the remaining sublayers keep (norms included).
    public func activationBytesPerToken(context: Int) -> Int {
        (mixerDropped ? 0 : norm1.activationBytesPerToken(context: context) + mixer.activationBytesPerToken(context: context))
            + (ffnDropped ? 0 : norm2.activationBytesPerToken(context: context) + ffn.activationBytesPerToken(context: context))
    }

    public func forward(_ x: Tensor) -> Tensor {
        if mixerDropped || ffnDropped { return forwardDropped(x) }
        switch placement {
        case .pre(let s): return forwardPre(x, scale: s)
        case .post: return forwardPost(x)
        }
    }

    public func backward(_ dy: Tensor) -> Tensor {
        if mixerDropped || ffnDropped { return backwardDropped(dy) }
        switch placement {
        case .pre(let s): return backwardPre(dy, scale: s)
        case .post: return backwardPost(dy)
        }
    }

    /// One sublayer with its norm in either placement: pre `z + f(s·N(z))`, post `N(z + f(z))`.
    private func forwardSublayer(_ z: Tensor, _ norm: Normalization, _ f: Layer, into buffer: inout Buffer) -> Tensor {
        let out = buffer.get(z.shape)
        switch placement {
        case .pre(let s):
            Kernels.add(z.count, z.data, f.forward(scaled(norm.forward(z), s, &scaled1)).data, into: out.data)
            return out
        case .post:
            Kernels.add(z.count, z.data, f.forward(z).data, into: out.data)
            return norm.forward(out)
        }
    }

    private func backwardSublayer(_ dz: Tensor, _ norm: Normalization, _ f: Layer, into buffer: inout Buffer) -> Tensor {
        let out = buffer.get(dz.shape)
        switch placement {
        case .pre(let s):
            Kernels.add(dz.count, dz.data, norm.backward(scaled(f.backward(dz), s, &scaledGrad)).data, into: out.data)
        case .post:
            let ds = norm.backward(dz)
            Kernels.add(dz.count, ds.data, f.backward(ds).data, into: out.data)
        }
        return out
    }

    /// The forward pass with a dropped sublayer: the remaining one (if any) on the residual path.
    private func forwardDropped(_ x: Tensor) -> Tensor {
        let r = mixerDropped ? x : forwardSublayer(x, norm1, mixer, into: &residual)
        let y = ffnDropped ? r : forwardSublayer(r, norm2, ffn, into: &output)
        streamObserver?(x, r, y)
        return y
    }

    private func backwardDropped(_ dy: Tensor) -> Tensor {
        let dr = ffnDropped ? dy : backwardSublayer(dy, norm2, ffn, into: &residualGrad)
        return mixerDropped ? dr : backwardSublayer(dr, norm1, mixer, into: &inputGrad)
    }

    /// `n`, or `s·n` in `buffer` when s ≠ 1.
    private func scaled(_ n: Tensor, _ s: Float, _ buffer: inout Buffer) -> Tensor {
        if s == 1 { return n }
        let out = buffer.get(n.shape)
        out.assign(n)
        out.scale(by: s)
        return out
    }

    private func forwardPre(_ x: Tensor, scale s: Float) -> Tensor {
        let a = mixer.forward(scaled(norm1.forward(x), s, &scaled1))
        let r = residual.get(x.shape)
        Kernels.add(x.count, x.data, a.data, into: r.data)
        let m = ffn.forward(scaled(norm2.forward(r), s, &scaled2))
        let y = output.get(x.shape)
        Kernels.add(x.count, r.data, m.data, into: y.data)
        streamObserver?(x, r, y)
        return y
    }

    private func backwardPre(_ dy: Tensor, scale s: Float) -> Tensor {
        let dr = residualGrad.get(dy.shape)
        let dh2 = norm2.backward(scaled(ffn.backward(dy), s, &scaledGrad))
        Kernels.add(dy.count, dy.data, dh2.data, into: dr.data)
        let dh1 = norm1.backward(scaled(mixer.backward(dr), s, &scaledGrad))
        let dx = inputGrad.get(dy.shape)
        Kernels.add(dy.count, dr.data, dh1.data, into: dx.data)
        return dx
    }

    private func forwardPost(_ x: Tensor) -> Tensor {
        let a = mixer.forward(x)
        let s1 = residual.get(x.shape)
        Kernels.add(x.count, x.data, a.data, into: s1.data)
        let r = norm1.forward(s1)
        let m = ffn.forward(r)
        let s2 = output.get(x.shape)
        Kernels.add(x.count, r.data, m.data, into: s2.data)
        let y = norm2.forward(s2)
        streamObserver?(x, r, y)
        return y
    }

    private func backwardPost(_ dy: Tensor) -> Tensor {
        let ds2 = norm2.backward(dy)
        let dr = residualGrad.get(dy.shape)
        Kernels.add(dy.count, ds2.data, ffn.backward(ds2).data, into: dr.data)
        let ds1 = norm1.backward(dr)
        let dx = inputGrad.get(dy.shape)
        Kernels.add(dy.count, ds1.data, mixer.backward(ds1).data, into: dx.data)
        return dx
    }
}
