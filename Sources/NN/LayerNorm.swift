import Tensor
import RealModule

/// Layer normalization over the last dimension: `y = (x − mean) / √(var + ε) · γ + β`
/// (biased variance, as PyTorch). x, y [rows, d]; γ, β [d]; saves mean and 1/σ per row.
public final class LayerNorm: Layer {
    public let gain: Parameter
    public let bias: Parameter?
    public let width: Int
    public let epsilon: Float
    private var input: Tensor?
    private var mean: [Float] = []
    private var rstd: [Float] = []
    private var output = Buffer()
    private var inputGrad = Buffer()

    /// γ = 1, β = 0.
    public init(_ width: Int, bias: Bool = true, epsilon: Float = 1e-5) {
        self.width = width
        self.epsilon = epsilon
        gain = Parameter(shape: [width], decays: false)
        gain.value.fill(1)
        self.bias = bias ? Parameter(shape: [width], decays: false) : nil
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        visit(qualified(prefix, "weight"), gain)
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "LayerNorm(\(width)) got input \(x.shape)")
        let rows = x.count / width, d = width
        let y = output.get(x.shape)
        if mean.count != rows { mean = [Float](repeating: 0, count: rows); rstd = mean }
        let g = gain.value.data, bb = bias?.value.data
        for r in 0..<rows {
            let xr = x.data + r &* d, yr = y.data + r &* d
            let m = Kernels.sum(d, xr) / Float(d)
            var v: Float = 0
            for i in 0..<d { let c = xr[i] - m; v = Relaxed.multiplyAdd(c, c, v) }
            let s = 1 / (v / Float(d) + epsilon).squareRoot()
            mean[r] = m
            rstd[r] = s
            if let bb {
                for i in 0..<d { yr[i] = (xr[i] - m) * s * g[i] + bb[i] }
            } else {
                for i in 0..<d { yr[i] = (xr[i] - m) * s * g[i] }
            }
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("LayerNorm.backward before forward") }
        let rows = x.count / width, d = width
        let dx = inputGrad.get(x.shape)
        let g = gain.value.data, dg = gain.grad.data, db = bias?.grad.data
        for r in 0..<rows {
            let xr = x.data + r &* d, dyr = dy.data + r &* d, dxr = dx.data + r &* d
            let m = mean[r], s = rstd[r]
            // dnorm = dy·γ; dx = s · (dnorm − mean(dnorm) − x̂ · mean(dnorm · x̂))
            var sumD: Float = 0, sumDX: Float = 0
            for i in 0..<d {
                let xh = (xr[i] - m) * s
                let dn = dyr[i] * g[i]
                sumD += dn
                sumDX = Relaxed.multiplyAdd(dn, xh, sumDX)
                dg[i] = Relaxed.multiplyAdd(dyr[i], xh, dg[i])
            }
            if let db { Kernels.add(d, dyr, db) }
            let meanD = sumD / Float(d), meanDX = sumDX / Float(d)
            for i in 0..<d {
                let xh = (xr[i] - m) * s
                dxr[i] = s * (dyr[i] * g[i] - meanD - xh * meanDX)
            }
        }
        return dx
    }
}
