import NN
import Tensor

/// Root-mean-square normalization over the last dimension: `y = γ ⊙ x/√(mean(x²)+ε) (+ β)`.
/// x, y [rows, d]; γ, β [d]. Saves 1/rms per row.
public final class RMSNorm: Normalization {
    public let gain: Parameter
    public let bias: Parameter?
    public let width: Int
    public let epsilon: Float
    private var input: Tensor?
    private var rstd: [Float] = []
    private var output = Buffer()
    private var inputGrad = Buffer()

    /// γ = 1 (β = 0 when `bias`).
    public init(_ width: Int, bias: Bool = false, epsilon: Float = 1e-5) {
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
        precondition(x.shape.last == width, "RMSNorm(\(width)) got input \(x.shape)")
        let rows = x.count / width, d = width
        let y = output.get(x.shape)
        if rstd.count != rows { rstd = [Float](repeating: 0, count: rows) }
        let affine = affine
        for r in 0..<rows {
            let xr = x.data + r &* d
            let s = NormKernels.inverseRootMeanSquare(d, xr, epsilon: epsilon)
            rstd[r] = s
            affine.forwardRow(d, xr, shift: 0, scale: s, into: y.data + r &* d)
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("RMSNorm.backward before forward") }
        let rows = x.count / width, d = width
        let dx = inputGrad.get(x.shape)
        let affine = affine
        for r in 0..<rows {
            let o = r &* d
            // dx = s·(γ⊙dy − x̂·mean(γ⊙dy⊙x̂))
            affine.backwardRow(d, x.data + o, dy.data + o, shift: 0, scale: rstd[r], centred: false, into: dx.data + o)
        }
        return dx
    }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    /// The input row and 1/rms.
    public func activationBytesPerToken(context: Int) -> Int { 4 * (width + 1) }
}
