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
        let n = x.count, xp = x.data, yp = y.data
        var i = 0
        while i < n {
            let len = min(8, n &- i)
            var v = SIMD8<Float>(repeating: 0)
            for j in 0..<len { v[j] = xp[i &+ j] }
            let u = GELU.k0 * (v + GELU.k1 * v * v * v)
            let out = v / (1 + FastMath.exp(-2 * u))
            for j in 0..<len { yp[i &+ j] = out[j] }
            i &+= 8
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("GELU.backward before forward") }
        let dx = inputGrad.get(x.shape)
        let n = x.count, xp = x.data, dyp = dy.data, dxp = dx.data
        var i = 0
        while i < n {
            let len = min(8, n &- i)
            var v = SIMD8<Float>(repeating: 0), g = v
            for j in 0..<len { v[j] = xp[i &+ j]; g[j] = dyp[i &+ j] }
            // d/dx [x σ(2u)] = σ + x σ(1−σ) · 2u′,  u′ = √(2/π)(1 + 3·0.044715 x²)
            let u = GELU.k0 * (v + GELU.k1 * v * v * v)
            let s = 1 / (1 + FastMath.exp(-2 * u))
            let du = GELU.k0 * (1 + 3 * GELU.k1 * v * v)
            let out = g * (s + v * s * (1 - s) * 2 * du)
            for j in 0..<len { dxp[i &+ j] = out[j] }
            i &+= 8
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
