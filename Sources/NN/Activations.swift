import Tensor

/// GELU with the tanh approximation (PyTorch `approximate="tanh"`, GPT-2):
/// `gelu(x) = ½x(1 + tanh u) = x · σ(2u)`, `u = √(2/π)(x + 0.044715x³)`, computed with the
/// vectorized exp rather than `tanhf`.
public final class GELU: Layer {
    private var input: Tensor?
    private var output = Buffer()
    private var inputGrad = Buffer()
    static let k0: Float = 0.797_884_560_802_865_4  // √(2/π)
    static let k1: Float = 0.044_715

    public init() {}

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {}

    public func forward(_ x: Tensor) -> Tensor {
        let y = output.get(x.shape)
        let xp = x.data, yp = y.data
        for i in 0..<x.count {
            let v = xp[i]
            let u = GELU.k0 * v.addingProduct(GELU.k1 * v, v * v)
            yp[i] = v * FastMath.sigmoid(2 * u)
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("GELU.backward before forward") }
        let dx = inputGrad.get(x.shape)
        let xp = x.data, dyp = dy.data, dxp = dx.data
        for i in 0..<x.count {
            // d/dx [x σ(2u)] = σ + x σ(1−σ) · 2u′,  u′ = √(2/π)(1 + 3·0.044715 x²)
            let v = xp[i]
            let u = GELU.k0 * v.addingProduct(GELU.k1 * v, v * v)
            let s = FastMath.sigmoid(2 * u)
            let du = GELU.k0 * (1 + 3 * GELU.k1 * v * v)
            dxp[i] = dyp[i] * (s + v * s * (1 - s) * 2 * du)
        }
        return dx
    }
}

/// `relu(x) = max(x, 0)`; the gradient at 0 is taken as 0.
public final class ReLU: Layer {
    private var input: Tensor?
    private var output = Buffer()
    private var inputGrad = Buffer()

    public init() {}

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {}

    public func forward(_ x: Tensor) -> Tensor {
        let y = output.get(x.shape)
        for i in 0..<x.count { y.data[i] = max(x.data[i], 0) }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("ReLU.backward before forward") }
        let dx = inputGrad.get(x.shape)
        for i in 0..<x.count { dx.data[i] = x.data[i] > 0 ? dy.data[i] : 0 }
        return dx
    }
}
