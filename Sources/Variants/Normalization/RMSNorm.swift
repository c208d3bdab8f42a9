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
        gain = Parameter(shape: [width], decays: false)
        gain.value.fill(1)
        self.bias = bias ? Parameter(shape: [width], decays: false) : nil
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        visit(qualified(prefix, "weight"), gain)
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "RMSNorm(\(width)) got input \(x.shape)")
        let rows = x.count / width, d = width
        let y = output.get(x.shape)
        if rstd.count != rows { rstd = [Float](repeating: 0, count: rows) }
        let g = gain.value.data, b = bias?.value.data
        for r in 0..<rows {
            let xr = x.data + r &* d, yr = y.data + r &* d
            let s = 1 / (Float(Kernels.sumOfSquares(d, xr)) / Float(d) + epsilon).squareRoot()
            rstd[r] = s
            // Two loops rather than `b?[i] ?? 0` inside one: the optional blocked vectorization
            // (measured 17-50x slower than LayerNorm by `ablate bench norms`).
            if let b {
                for i in 0..<d { yr[i] = xr[i] * s * g[i] + b[i] }
            } else {
                for i in 0..<d { yr[i] = xr[i] * s * g[i] }
            }
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("RMSNorm.backward before forward") }
        let rows = x.count / width, d = width
        let dx = inputGrad.get(x.shape)
        let g = gain.value.data, dg = gain.grad.data, db = bias?.grad.data
        for r in 0..<rows {
            let xr = x.data + r &* d, dyr = dy.data + r &* d, dxr = dx.data + r &* d
            let s = rstd[r]
            // dx = s·(γ⊙dy − x̂·mean(γ⊙dy⊙x̂))
            var sumDX: Float = 0
            for i in 0..<d {
                let xh = xr[i] * s
                sumDX += dyr[i] * g[i] * xh
                dg[i] += dyr[i] * xh
            }
            if let db { Kernels.add(d, dyr, db) }
            let meanDX = sumDX / Float(d)
            for i in 0..<d { dxr[i] = s * (dyr[i] * g[i] - xr[i] * s * meanDX) }
        }
        return dx
    }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    /// The input row and 1/rms.
    public func activationBytesPerToken(context: Int) -> Int { 4 * (width + 1) }
}
