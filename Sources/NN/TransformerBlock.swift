import Tensor

/// A residual pre-LN transformer block:
/// `r = x + attn(ln1(x))`, `y = r + fc2(gelu(fc1(ln2(r))))`, x, r, y [B, T, d], FFN width `ffn`.
public final class TransformerBlock: Layer {
    public let ln1: LayerNorm
    public let attention: CausalSelfAttention
    public let ln2: LayerNorm
    public let fc1: Linear
    public let activation: GELU
    public let fc2: Linear
    private var residual = Buffer()
    private var output = Buffer()
    private var residualGrad = Buffer()
    private var inputGrad = Buffer()

    public init(width: Int, heads: Int, ffn: Int, bias: Bool = true) {
        ln1 = LayerNorm(width, bias: bias)
        attention = CausalSelfAttention(width: width, heads: heads, bias: bias)
        ln2 = LayerNorm(width, bias: bias)
        fc1 = Linear(width, ffn, bias: bias)
        activation = GELU()
        fc2 = Linear(ffn, width, bias: bias)
    }

    /// GPT-2 initialisation: N(0, 0.02²), residual projections scaled by 1/√(2·layers).
    public func initialize(layers: Int, rng: inout RNG) {
        let std: Float = 0.02, residualStd = 0.02 / Float(2 * layers).squareRoot()
        attention.qkv.initializeNormal(std: std, rng: &rng)
        attention.proj.initializeNormal(std: residualStd, rng: &rng)
        fc1.initializeNormal(std: std, rng: &rng)
        fc2.initializeNormal(std: residualStd, rng: &rng)
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        ln1.visitParameters(prefix: qualified(prefix, "ln1"), visit)
        attention.visitParameters(prefix: qualified(prefix, "attn"), visit)
        ln2.visitParameters(prefix: qualified(prefix, "ln2"), visit)
        fc1.visitParameters(prefix: qualified(prefix, "mlp.fc1"), visit)
        fc2.visitParameters(prefix: qualified(prefix, "mlp.fc2"), visit)
    }

    public func forward(_ x: Tensor) -> Tensor {
        let a = attention.forward(ln1.forward(x))
        let r = residual.get(x.shape)
        Kernels.add(x.count, x.data, a.data, into: r.data)
        let m = fc2.forward(activation.forward(fc1.forward(ln2.forward(r))))
        let y = output.get(x.shape)
        Kernels.add(x.count, r.data, m.data, into: y.data)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        let dr = residualGrad.get(dy.shape)
        let dh2 = ln2.backward(fc1.backward(activation.backward(fc2.backward(dy))))
        Kernels.add(dy.count, dy.data, dh2.data, into: dr.data)
        let dh1 = ln1.backward(attention.backward(dr))
        let dx = inputGrad.get(dy.shape)
        Kernels.add(dy.count, dr.data, dh1.data, into: dx.data)
        return dx
    }
}
