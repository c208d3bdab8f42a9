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
        gain = NormAffine.makeGain(width)
        self.bias = NormAffine.makeBias(width, enabled: bias)
    }

    private var affine: NormAffine { NormAffine(gain: gain, bias: bias) }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        affine.visitParameters(prefix: prefix, visit)
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "LayerNorm(\(width)) got input \(x.shape)")
        let rows = x.count / width, d = width
        let y = output.get(x.shape)
        if mean.count != rows { mean = [Float](repeating: 0, count: rows); rstd = mean }
        let affine = affine
        for r in 0..<rows {
            let xr = x.data + r &* d
            let (m, s) = NormKernels.meanAndInverseDeviation(d, xr, epsilon: epsilon)
            mean[r] = m
            rstd[r] = s
            affine.forwardRow(d, xr, shift: m, scale: s, into: y.data + r &* d)
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("LayerNorm.backward before forward") }
        let rows = x.count / width, d = width
        let dx = inputGrad.get(x.shape)
        let affine = affine, g = gain.value.data
        for r in 0..<rows {
            let xr = x.data + r &* d, dyr = dy.data + r &* d
            let m = mean[r], s = rstd[r]
            // The sum of dnorm = dy·γ stays sequential (not `affine.gradientSums`), so LayerNorm's
            // gradients, and every stored trial that uses it, stay bit for bit what they were.
            var sumD: Float = 0, sumDX: Float = 0
            for i in 0..<d {
                let dn = dyr[i] * g[i]
                sumD += dn
                sumDX = Relaxed.multiplyAdd(dn, (xr[i] - m) * s, sumDX)
            }
            affine.accumulateRow(d, xr, dyr, shift: m, scale: s)
            affine.inputGradientRow(d, xr, dyr, shift: m, scale: s, meanG: sumD / Float(d), meanGX: sumDX / Float(d),
                                    into: dx.data + r &* d)
        }
        return dx
    }
}
