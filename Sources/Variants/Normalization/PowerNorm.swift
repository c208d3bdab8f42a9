import NN
import RealModule
import Tensor

/// PowerNorm: per-feature division by a running quadratic mean ψ² (no mean subtraction),
/// with the approximate backward of the official code. x, y [rows, d]; γ, β, ψ², ν [d].
///
/// As in the official code (`GroupScaling1D` before `PowerFunction`), each row is first scaled
/// to unit quadratic mean, `u = x/√(mean(x²)+ε)`, so ψ² tracks a quantity of scale ~1 rather
/// than a residual stream that grows during training (without it, the switch from batch to
/// running statistics at the end of warm-up divided by a stale ψ² and the loss spiked).
/// Below, x stands for u.
///
/// Training: `q_B = mean_rows(x²)`; during warm-up x is divided by √(q_B+ε) while ψ² is the
/// cumulative mean of q_B, afterwards by the running √(ψ²+ε) from before this batch, then
/// `ψ² ← α_f·ψ² + (1−α_f)·q_B`. Backward: `ĝ = γ⊙dy − (1−α_b)·ν⊙x̂`, `dx = ĝ/√(q_B+ε)`,
/// `ν ← ν + mean_rows(ĝ⊙x̂)`. Evaluation: `y = γ ⊙ x/√(ψ²+ε) + β` with the exact backward.
public final class PowerNorm: Normalization, TrainingPhaseDependent {
    public let gain: Parameter
    public let bias: Parameter?
    public let width: Int
    public let epsilon: Float
    public let forwardMomentum: Float
    public let backwardMomentum: Float
    /// Fraction of training steps that are warm-up.
    public let warmupFraction: Double
    /// Running quadratic mean ψ², used in evaluation and after warm-up.
    public var runningPhi: [Float]
    /// Running correction ν of the approximate backward.
    public private(set) var gradientCorrection: [Float]
    public var isTraining = true
    private var warmupSteps = 0
    private var iteration = 0
    private var usedTraining = true
    private var input: Tensor?
    /// 1/rms of each input row (the group scaling).
    private var rowScale: [Float] = []
    private var scaled = Buffer()
    /// Per-feature [d]: the divisor 1/√(ψ²+ε) or 1/√(q_B+ε) of the last forward, 1/√(q_B+ε),
    /// and scratch.
    private let divisor: Tensor
    private let batchRootInverse: Tensor
    private let scratchA: Tensor
    private let scratchB: Tensor
    private var output = Buffer()
    private var inputGrad = Buffer()

    /// γ = 1, β = 0, ψ² = 1, ν = 0.
    public init(_ width: Int, bias: Bool = true, alphaForward: Float = 0.9, alphaBackward: Float = 0.9,
                warmupFraction: Double = 0.05, epsilon: Float = 1e-5) {
        self.width = width
        self.epsilon = epsilon
        forwardMomentum = alphaForward
        backwardMomentum = alphaBackward
        self.warmupFraction = warmupFraction
        gain = NormAffine.makeGain(width)
        self.bias = NormAffine.makeBias(width, enabled: bias)
        runningPhi = [Float](repeating: 1, count: width)
        gradientCorrection = [Float](repeating: 0, count: width)
        divisor = Tensor(shape: [width])
        batchRootInverse = Tensor(shape: [width])
        scratchA = Tensor(shape: [width])
        scratchB = Tensor(shape: [width])
    }

    public func prepare(step: Int, of totalSteps: Int) {
        warmupSteps = Int((warmupFraction * Double(totalSteps)).rounded())
    }

    private var affine: NormAffine { NormAffine(gain: gain, bias: bias) }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        affine.visitParameters(prefix: prefix, visit)
    }

    public func forward(_ raw: Tensor) -> Tensor {
        precondition(raw.shape.last == width, "PowerNorm(\(width)) got input \(raw.shape)")
        let d = width, rows = raw.count / d
        // Group scaling (one group): each row to unit quadratic mean; in training the column
        // sums of squares q of the scaled rows in the same pass.
        let x = scaled.get(raw.shape)
        if rowScale.count != rows { rowScale = [Float](repeating: 0, count: rows) }
        let q = scratchA.data
        q.update(repeating: 0, count: d)
        for r in 0..<rows {
            let ir = raw.data + r &* d, xr = x.data + r &* d
            let s = NormKernels.inverseRootMeanSquare(d, ir, epsilon: epsilon)
            rowScale[r] = s
            for i in 0..<d { xr[i] = ir[i] * s }
            if isTraining { NormKernels.addColumnSquares(rows: 1, d, xr, centre: nil, into: q) }
        }
        let div = divisor.data, bri = batchRootInverse.data
        usedTraining = isTraining
        if isTraining {
            let warm = iteration < warmupSteps
            for i in 0..<d {
                let qb = q[i] / Float(rows)
                bri[i] = 1 / (qb + epsilon).squareRoot()
                if warm {
                    div[i] = bri[i]
                    runningPhi[i] = (runningPhi[i] * Float(iteration) + qb) / Float(iteration + 1)
                } else {
                    div[i] = 1 / (runningPhi[i] + epsilon).squareRoot()
                    runningPhi[i] = forwardMomentum * runningPhi[i] + (1 - forwardMomentum) * qb
                }
            }
            iteration += 1
        } else {
            for i in 0..<d { div[i] = 1 / (runningPhi[i] + epsilon).squareRoot() }
        }
        let y = output.get(x.shape)
        affine.columnCoefficients(d, shift: nil, scale: div, a: scratchA.data, c: scratchB.data)
        NormKernels.affineRows(rows: rows, d, x.data, a: scratchA.data, c: scratchB.data, into: y.data)
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("PowerNorm.backward before forward") }
        let d = width, rows = x.count / d
        let dx = inputGrad.get(x.shape)
        let g = gain.value.data, div = divisor.data, bri = batchRootInverse.data
        affine.accumulateColumns(rows: rows, d, x.data, dy.data, shift: nil, scale: div)
        // dx holds the gradient with respect to the scaled rows first.
        if usedTraining {
            // ĝ = γ⊙dy − (1−α_b)·ν⊙x̂, dx = ĝ/√(q_B+ε), ν += mean_rows(ĝ⊙x̂); kν = (1−α_b)·ν.
            let keepNu = scratchA.data, correction = scratchB.data
            for i in 0..<d { keepNu[i] = (1 - backwardMomentum) * gradientCorrection[i] }
            correction.update(repeating: 0, count: d)
            for r in 0..<rows {
                let xr = x.data + r &* d, dyr = dy.data + r &* d, dxr = dx.data + r &* d
                for i in 0..<d {
                    let xh = xr[i] * div[i]
                    let gh = g[i] * dyr[i] - keepNu[i] * xh
                    dxr[i] = gh * bri[i]
                    correction[i] = Relaxed.multiplyAdd(gh, xh, correction[i])
                }
            }
            for i in 0..<d { gradientCorrection[i] += correction[i] / Float(rows) }
        } else {
            let k = scratchA.data
            for i in 0..<d { k[i] = g[i] * div[i] }
            NormKernels.scaleRows(rows: rows, d, dy.data, a: k, into: dx.data)
        }
        // Through the group scaling u = x·s: dx = s·(du − u·mean(du⊙u)).
        for r in 0..<rows {
            let ur = x.data + r &* d, dr = dx.data + r &* d
            let s = rowScale[r]
            let m = Kernels.dot(d, dr, ur) / Float(d)
            for i in 0..<d { dr[i] = s * (dr[i] - ur[i] * m) }
        }
        return dx
    }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    /// The scaled row and its scale.
    public func activationBytesPerToken(context: Int) -> Int { 4 * (width + 1) }
}
