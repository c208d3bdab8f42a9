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
    /// Per-feature [d]: the statistics of the last forward; scratch for the affine form (forward)
    /// and the column sums (backward).
    private let mean: Tensor
    private let rstd: Tensor
    private let scratchA: Tensor
    private let scratchB: Tensor
    private var output = Buffer()
    private var inputGrad = Buffer()

    /// γ = 1, β = 0, running mean 0 and variance 1.
    public init(_ width: Int, bias: Bool = true, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        self.width = width
        self.epsilon = epsilon
        self.momentum = momentum
        gain = NormAffine.makeGain(width)
        self.bias = NormAffine.makeBias(width, enabled: bias)
        runningMean = [Float](repeating: 0, count: width)
        runningVariance = [Float](repeating: 1, count: width)
        mean = Tensor(shape: [width])
        rstd = Tensor(shape: [width])
        scratchA = Tensor(shape: [width])
        scratchB = Tensor(shape: [width])
    }

    private var affine: NormAffine { NormAffine(gain: gain, bias: bias) }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        affine.visitParameters(prefix: prefix, visit)
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "BatchNorm(\(width)) got input \(x.shape)")
        let d = width, rows = x.count / d
        let m = mean.data, s = rstd.data
        usedTraining = isTraining
        if isTraining {
            // Per-feature batch mean and biased variance (centred second pass), row by row.
            let n = Float(rows), unbias = rows > 1 ? Float(rows) / Float(rows - 1) : 1
            m.update(repeating: 0, count: d)
            Kernels.addColumnSums(rows: rows, cols: d, x.data, into: m)
            Kernels.scale(d, 1 / n, m)
            s.update(repeating: 0, count: d)
            NormKernels.addColumnSquares(rows: rows, d, x.data, centre: m, into: s)
            for i in 0..<d {
                let v = s[i] / n
                s[i] = 1 / (v + epsilon).squareRoot()
                runningMean[i] = (1 - momentum) * runningMean[i] + momentum * m[i]
                runningVariance[i] = (1 - momentum) * runningVariance[i] + momentum * v * unbias
            }
        } else {
            for i in 0..<d {
                m[i] = runningMean[i]
                s[i] = 1 / (runningVariance[i] + epsilon).squareRoot()
            }
        }
        let y = output.get(x.shape)
        affine.columnCoefficients(d, shift: m, scale: s, a: scratchA.data, c: scratchB.data)
        NormKernels.affineRows(rows: rows, d, x.data, a: scratchA.data, c: scratchB.data, into: y.data)
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("BatchNorm.backward before forward") }
        let d = width, rows = x.count / d
        let dx = inputGrad.get(x.shape)
        let g = gain.value.data, m = mean.data, s = rstd.data
        // Column sums of dy and dy ⊙ x̂ give dβ, dγ and, in training, the two batch means.
        let sumD = scratchB.data, sumDX = scratchA.data
        sumD.update(repeating: 0, count: d)
        sumDX.update(repeating: 0, count: d)
        Kernels.addColumnSums(rows: rows, cols: d, dy.data, into: sumD)
        NormKernels.addColumnProducts(rows: rows, d, x.data, dy.data, shift: m, scale: s, into: sumDX)
        affine.addColumnGradients(d, sumDY: sumD, sumDYX: sumDX)
        if usedTraining {
            // dx = rstd·γ·(dy − mean(dy) − x̂·mean(dy ⊙ x̂)), means over rows.
            let n = Float(rows)
            Kernels.scale(d, 1 / n, sumD)
            Kernels.scale(d, 1 / n, sumDX)
            for r in 0..<rows {
                let xr = x.data + r &* d, dyr = dy.data + r &* d, dxr = dx.data + r &* d
                for i in 0..<d {
                    let xh = (xr[i] - m[i]) * s[i]
                    dxr[i] = s[i] * g[i] * (dyr[i] - sumD[i] - xh * sumDX[i])
                }
            }
        } else {
            let k = scratchA.data
            for i in 0..<d { k[i] = s[i] * g[i] }
            NormKernels.scaleRows(rows: rows, d, dy.data, a: k, into: dx.data)
        }
        return dx
    }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    /// The input row (x̂ is recomputed from it and the per-feature statistics).
    public func activationBytesPerToken(context: Int) -> Int { 4 * width }
}
