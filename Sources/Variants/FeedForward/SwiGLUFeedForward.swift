import NN
import Tensor

/// The gated FFN with SiLU: `y = W₂·(SiLU(W₁x) ⊙ W₃x)`, x [B, T, d], a and b [B, T, h].
public final class SwiGLUFeedForward: FeedForward {
    /// Gate projection d → h.
    public let w1: Linear
    /// Output projection h → d.
    public let w2: Linear
    /// Value projection d → h.
    public let w3: Linear
    /// Model width d.
    public let width: Int
    /// Hidden width h (w1's outputs: fewer than built after neuron pruning).
    public var hidden: Int { w1.outFeatures }
    private var gate: Tensor?
    private var value: Tensor?
    private var product = Buffer()
    private var gateGrad = Buffer()
    private var valueGrad = Buffer()
    private var inputGrad = Buffer()

    public init(width: Int, hidden: Int, bias: Bool = false) {
        self.width = width
        w1 = Linear(width, hidden, bias: bias)
        w2 = Linear(hidden, width, bias: bias)
        w3 = Linear(width, hidden, bias: bias)
    }

    /// The hidden width matching a GELU MLP of hidden `mlpHidden` in parameters:
    /// ⅔·mlpHidden rounded up to a multiple of 8.
    public static func matchedHidden(mlpHidden: Int) -> Int { (2 * mlpHidden + 23) / 24 * 8 }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        w1.visitParameters(prefix: qualified(prefix, "w1"), visit)
        w2.visitParameters(prefix: qualified(prefix, "w2"), visit)
        w3.visitParameters(prefix: qualified(prefix, "w3"), visit)
    }

    public func forward(_ x: Tensor) -> Tensor {
        let a = w1.forward(x), b = w3.forward(x)
        gate = a
        value = b
        let m = product.get(a.shape)
        for i in 0..<a.count { m.data[i] = a.data[i] * FastMath.sigmoid(a.data[i]) * b.data[i] }
        return w2.forward(m)
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let a = gate, let b = value else { preconditionFailure("SwiGLU backward before forward") }
        let g = w2.backward(dy)
        let da = gateGrad.get(a.shape), db = valueGrad.get(b.shape)
        for i in 0..<a.count {
            // ∂/∂a = g·b·σ(a)(1 + a(1−σ(a))), ∂/∂b = g·SiLU(a)
            let s = FastMath.sigmoid(a.data[i])
            da.data[i] = g.data[i] * b.data[i] * s * (1 + a.data[i] * (1 - s))
            db.data[i] = g.data[i] * a.data[i] * s
        }
        let dx = inputGrad.get(Array(a.shape.dropLast()) + [width])
        dx.assign(w1.backward(da))
        dx.add(w3.backward(db))
        return dx
    }

    /// Three GEMMs: 2·3·d·h.
    public func forwardFLOPsPerToken(context: Int) -> Int { 6 * width * hidden }

    public func activationBytesPerToken(context: Int) -> Int { 4 * (width + 3 * hidden + width) }
}
