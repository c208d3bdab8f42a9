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
        self.bias = bias ? Parameter(shape: [width], decays: false) : nil
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "LayerNormNoScale(\(width)) got input \(x.shape)")
        let rows = x.count / width, d = width
        let y = output.get(x.shape)
        if mean.count != rows { mean = [Float](repeating: 0, count: rows); rstd = mean }
        let b = bias?.value.data
        for r in 0..<rows {
            let xr = x.data + r &* d, yr = y.data + r &* d
            let m = Kernels.sum(d, xr) / Float(d)
            var v: Float = 0
            for i in 0..<d { let c = xr[i] - m; v += c * c }
            let s = 1 / (v / Float(d) + epsilon).squareRoot()
            mean[r] = m
            rstd[r] = s
            if let b {
                for i in 0..<d { yr[i] = (xr[i] - m) * s + b[i] }
            } else {
                for i in 0..<d { yr[i] = (xr[i] - m) * s }
            }
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("LayerNormNoScale.backward before forward") }
        let rows = x.count / width, d = width
        let dx = inputGrad.get(x.shape)
        let db = bias?.grad.data
        for r in 0..<rows {
            let xr = x.data + r &* d, dyr = dy.data + r &* d, dxr = dx.data + r &* d
            let m = mean[r], s = rstd[r]
            var sumD: Float = 0, sumDX: Float = 0
            for i in 0..<d { sumD += dyr[i]; sumDX += dyr[i] * (xr[i] - m) * s }
            if let db { Kernels.add(d, dyr, db) }
            let meanD = sumD / Float(d), meanDX = sumDX / Float(d)
            for i in 0..<d { dxr[i] = s * (dyr[i] - meanD - (xr[i] - m) * s * meanDX) }
        }
        return dx
    }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    /// The input row, mean and 1/σ.
    public func activationBytesPerToken(context: Int) -> Int { 4 * (width + 2) }
}
