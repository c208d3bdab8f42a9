import NN
import Tensor

/// Batch normalization over all rows of the input (batch × sequence for a transformer):
/// each feature is standardized with the batch's mean and variance while training, and with
/// running averages in evaluation. x, y [rows, d]; γ, β [d]; running mean and variance [d].
/// In a causal LM, training-mode statistics include later positions of the same sequence.
public final class BatchNorm: Normalization, TrainingPhaseDependent {
    public let gain: Parameter
    public let bias: Parameter?
    public let width: Int
    public let epsilon: Float
    /// Weight of the newest batch in the running averages.
    public let momentum: Float
    /// Running per-feature mean and (unbiased) variance, used in evaluation.
    public var runningMean: [Float]
    public var runningVariance: [Float]
    public var isTraining = true
    private var input: Tensor?
    private var usedTraining = true
    private var mean: [Float]
    private var rstd: [Float]
    private var output = Buffer()
    private var inputGrad = Buffer()

    /// γ = 1, β = 0, running mean 0 and variance 1.
    public init(_ width: Int, bias: Bool = true, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        self.width = width
        self.epsilon = epsilon
        self.momentum = momentum
        gain = Parameter(shape: [width], decays: false)
        gain.value.fill(1)
        self.bias = bias ? Parameter(shape: [width], decays: false) : nil
        runningMean = [Float](repeating: 0, count: width)
        runningVariance = [Float](repeating: 1, count: width)
        mean = runningMean
        rstd = runningVariance
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        visit(qualified(prefix, "weight"), gain)
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "BatchNorm(\(width)) got input \(x.shape)")
        let d = width, rows = x.count / d
        usedTraining = isTraining
        if isTraining {
            // Per-feature batch mean and biased variance, accumulated row by row in Double.
            var sum = [Double](repeating: 0, count: d), sq = sum
            for r in 0..<rows {
                let xr = x.data + r &* d
                for i in 0..<d { sum[i] += Double(xr[i]) }
            }
            for i in 0..<d { mean[i] = Float(sum[i] / Double(rows)) }
            for r in 0..<rows {
                let xr = x.data + r &* d
                for i in 0..<d { let c = Double(xr[i] - mean[i]); sq[i] += c * c }
            }
            let unbias = rows > 1 ? Float(rows) / Float(rows - 1) : 1
            for i in 0..<d {
                let v = Float(sq[i] / Double(rows))
                rstd[i] = 1 / (v + epsilon).squareRoot()
                runningMean[i] = (1 - momentum) * runningMean[i] + momentum * mean[i]
                runningVariance[i] = (1 - momentum) * runningVariance[i] + momentum * v * unbias
            }
        } else {
            for i in 0..<d {
                mean[i] = runningMean[i]
                rstd[i] = 1 / (runningVariance[i] + epsilon).squareRoot()
            }
        }
        let y = output.get(x.shape)
        let g = gain.value.data, b = bias?.value.data
        for r in 0..<rows {
            let xr = x.data + r &* d, yr = y.data + r &* d
            if let b {
                for i in 0..<d { yr[i] = g[i] * (xr[i] - mean[i]) * rstd[i] + b[i] }
            } else {
                for i in 0..<d { yr[i] = g[i] * (xr[i] - mean[i]) * rstd[i] }
            }
        }
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("BatchNorm.backward before forward") }
        let d = width, rows = x.count / d
        let dx = inputGrad.get(x.shape)
        let g = gain.value.data, dg = gain.grad.data, db = bias?.grad.data
        // Column sums of dy and dy ⊙ x̂ give dβ, dγ and, in training, the two batch means.
        var sumD = [Float](repeating: 0, count: d), sumDX = sumD
        for r in 0..<rows {
            let xr = x.data + r &* d, dyr = dy.data + r &* d
            for i in 0..<d {
                sumD[i] += dyr[i]
                sumDX[i] += dyr[i] * (xr[i] - mean[i]) * rstd[i]
            }
        }
        for i in 0..<d { dg[i] += sumDX[i] }
        if let db { for i in 0..<d { db[i] += sumD[i] } }
        let n = Float(rows)
        for r in 0..<rows {
            let xr = x.data + r &* d, dyr = dy.data + r &* d, dxr = dx.data + r &* d
            if usedTraining {
                // dx = rstd·γ·(dy − mean(dy) − x̂·mean(dy ⊙ x̂)), means over rows.
                for i in 0..<d {
                    let xh = (xr[i] - mean[i]) * rstd[i]
                    dxr[i] = rstd[i] * g[i] * (dyr[i] - sumD[i] / n - xh * sumDX[i] / n)
                }
            } else {
                for i in 0..<d { dxr[i] = rstd[i] * g[i] * dyr[i] }
            }
        }
        return dx
    }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    /// The input row (x̂ is recomputed from it and the per-feature statistics).
    public func activationBytesPerToken(context: Int) -> Int { 4 * width }
}
