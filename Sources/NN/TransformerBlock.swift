import Tensor

/// A residual pre-norm transformer block over any mixer, feed-forward and normalization:
/// `r = x + mixer(norm1(x))`, `y = r + ffn(norm2(r))`, x, r, y [B, T, d].
public final class TransformerBlock: Layer {
    public let norm1: Normalization
    public let mixer: TokenMixer
    public let norm2: Normalization
    public let ffn: FeedForward
    private var residual = Buffer()
    private var output = Buffer()
    private var residualGrad = Buffer()
    private var inputGrad = Buffer()

    /// A block from its parts.
    public init(norm1: Normalization, mixer: TokenMixer, norm2: Normalization, ffn: FeedForward) {
        self.norm1 = norm1
        self.mixer = mixer
        self.norm2 = norm2
        self.ffn = ffn
    }

    /// The GPT-2 block: LayerNorm, causal softmax attention, GELU MLP.
    public convenience init(width: Int, heads: Int, ffn: Int, bias: Bool = true) {
        self.init(norm1: LayerNorm(width, bias: bias), mixer: CausalSelfAttention(width: width, heads: heads, bias: bias),
                  norm2: LayerNorm(width, bias: bias), ffn: GELUFeedForward(width: width, hidden: ffn, bias: bias))
    }

    /// GPT-2 initialisation of the standard block: N(0, 0.02²), residual projections
    /// scaled by 1/√(2·layers).
    public func initialize(layers: Int, rng: inout RNG) {
        let std: Float = 0.02, residualStd = 0.02 / Float(2 * layers).squareRoot()
        if let a = mixer as? CausalSelfAttention {
            a.qkv.initializeNormal(std: std, rng: &rng)
            a.proj.initializeNormal(std: residualStd, rng: &rng)
        }
        if let m = ffn as? GELUFeedForward {
            m.fc1.initializeNormal(std: std, rng: &rng)
            m.fc2.initializeNormal(std: residualStd, rng: &rng)
        }
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        norm1.visitParameters(prefix: qualified(prefix, "norm1"), visit)
        mixer.visitParameters(prefix: qualified(prefix, "mixer"), visit)
        norm2.visitParameters(prefix: qualified(prefix, "norm2"), visit)
        ffn.visitParameters(prefix: qualified(prefix, "ffn"), visit)
    }

    public func forward(_ x: Tensor) -> Tensor {
        let a = mixer.forward(norm1.forward(x))
        let r = residual.get(x.shape)
        Kernels.add(x.count, x.data, a.data, into: r.data)
        let m = ffn.forward(norm2.forward(r))
        let y = output.get(x.shape)
        Kernels.add(x.count, r.data, m.data, into: y.data)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        let dr = residualGrad.get(dy.shape)
        let dh2 = norm2.backward(ffn.backward(dy))
        Kernels.add(dy.count, dy.data, dh2.data, into: dr.data)
        let dh1 = norm1.backward(mixer.backward(dr))
        let dx = inputGrad.get(dy.shape)
        Kernels.add(dy.count, dr.data, dh1.data, into: dx.data)
        return dx
    }
}
