import NN
import Tensor

/// ScaleNorm: `y = g · x / max(‖x‖₂, ε)` over the last dimension, with one learnable scalar
/// gain g (initialised to √d). x, y [rows, d]; g [1]. Saves 1/max(‖x‖₂, ε) per row.
public final class ScaleNorm: Normalization {
    public let gain: Parameter
    public let width: Int
    public let epsilon: Float
    private var input: Tensor?
    private var inverseNorm: [Float] = []
    private var output = Buffer()
    private var inputGrad = Buffer()

    /// g = √`width`, so that a row of unit-variance features keeps its scale.
    public init(_ width: Int, epsilon: Float = 1e-5) {
        self.width = width
        self.epsilon = epsilon
        gain = Parameter(shape: [1], decays: false)
        gain.value.fill(Float(width).squareRoot())
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        visit(qualified(prefix, "weight"), gain)
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "ScaleNorm(\(width)) got input \(x.shape)")
        let rows = x.count / width, d = width
        let y = output.get(x.shape)
        if inverseNorm.count != rows { inverseNorm = [Float](repeating: 0, count: rows) }
        let g = gain.value.data[0]
        for r in 0..<rows {
            let xr = x.data + r &* d, yr = y.data + r &* d
            let s = 1 / max(Float(Kernels.sumOfSquares(d, xr)).squareRoot(), epsilon)
            inverseNorm[r] = s
            for i in 0..<d { yr[i] = g * s * xr[i] }
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("ScaleNorm.backward before forward") }
        let rows = x.count / width, d = width
        let dx = inputGrad.get(x.shape)
        let g = gain.value.data[0]
        var dGain: Float = 0
        for r in 0..<rows {
            let xr = x.data + r &* d, dyr = dy.data + r &* d, dxr = dx.data + r &* d
            let s = inverseNorm[r]
            let dot = Kernels.dot(d, dyr, xr)
            dGain += dot * s
            // Above ε: dx = g·s·(dy − x·(dy·x)·s²). Clamped at ε the divisor is a constant.
            let radial = s < 1 / epsilon ? dot * s * s : 0
            for i in 0..<d { dxr[i] = g * s * (dyr[i] - xr[i] * radial) }
        }
        gain.grad.data[0] += dGain
        return dx
    }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    /// The input row and 1/max(‖x‖₂, ε).
    public func activationBytesPerToken(context: Int) -> Int { 4 * (width + 1) }
}
