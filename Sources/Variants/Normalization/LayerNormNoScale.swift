import NN
import Tensor

/// LayerNorm without a learned gain: `y = (x − mean)/√(var+ε) + β`. x, y [rows, d]; β [d].
public final class LayerNormNoScale: Normalization {
    public let bias: Parameter?
    public let width: Int
    public let epsilon: Float
    private var input: Tensor?
    private var mean: [Float] = []
    private var rstd: [Float] = []
    private var output = Buffer()
    private var inputGrad = Buffer()

    /// β = 0 when `bias`.
    public init(_ width: Int, bias: Bool = true, epsilon: Float = 1e-5) {
        self.width = width
        self.epsilon = epsilon
        self.bias = NormAffine.makeBias(width, enabled: bias)
    }

    private var affine: NormAffine { NormAffine(gain: nil, bias: bias) }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        affine.visitParameters(prefix: prefix, visit)
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "LayerNormNoScale(\(width)) got input \(x.shape)")
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
        guard let x = input else { preconditionFailure("LayerNormNoScale.backward before forward") }
        let rows = x.count / width, d = width
        let dx = inputGrad.get(x.shape)
        let affine = affine
        for r in 0..<rows {
            let o = r &* d
            affine.backwardRow(d, x.data + o, dy.data + o, shift: mean[r], scale: rstd[r], centred: true, into: dx.data + o)
        }
        return dx
    }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    /// The input row, mean and 1/σ.
    public func activationBytesPerToken(context: Int) -> Int { 4 * (width + 2) }
}
