import NN
import Tensor

/// Progressive re-parameterized BatchNorm (SLAB): trains as
/// `λ·LN(x) + (1−λ)·(BN(x) + η·x)` with λ falling linearly from 1 to 0 over training, and
/// evaluates as the folded affine `a ⊙ x + c` of `BN(x) + η·x` with running statistics.
/// x, y [rows, d]; η is one learnable scalar (init 1).
public final class PRepBN: Normalization, TrainingPhaseDependent {
    public let layerNorm: LayerNorm
    public let batchNorm: BatchNorm
    public let eta: Parameter
    public let width: Int
    /// Fraction of training steps at λ = 1, then the fraction over which λ falls to 0.
    public let warmupFraction: Double
    public let decayFraction: Double
    /// The current mixing weight of LayerNorm.
    public private(set) var lambda: Float = 1
    public var isTraining = true {
        didSet { batchNorm.isTraining = isTraining }
    }
    private var usedTraining = true
    private var input: Tensor?
    private var scaledGrad = Buffer()
    private var output = Buffer()
    private var inputGrad = Buffer()

    public init(_ width: Int, bias: Bool = true, warmupFraction: Double = 0, decayFraction: Double = 0.8,
                momentum: Float = 0.1, epsilon: Float = 1e-5) {
        self.width = width
        self.warmupFraction = warmupFraction
        self.decayFraction = decayFraction
        layerNorm = LayerNorm(width, bias: bias, epsilon: epsilon)
        batchNorm = BatchNorm(width, bias: bias, momentum: momentum, epsilon: epsilon)
        eta = Parameter(shape: [1], decays: false)
        eta.value.fill(1)
    }

    /// λ = 1 during warm-up, then linear to 0 over the decay steps, then 0.
    public func prepare(step: Int, of totalSteps: Int) {
        let warm = warmupFraction * Double(totalSteps), decay = max(decayFraction * Double(totalSteps), 1)
        lambda = Float(min(1, max(0, 1 - (Double(step) - warm) / decay)))
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        layerNorm.visitParameters(prefix: qualified(prefix, "ln"), visit)
        batchNorm.visitParameters(prefix: qualified(prefix, "bn"), visit)
        visit(qualified(prefix, "eta"), eta)
    }

    /// The inference form `y = a ⊙ x + c`: `a = γ/√(v_r+ε) + η`, `c = β − γ·μ_r/√(v_r+ε)`.
    public func foldedAffine() -> (scale: [Float], shift: [Float]) {
        let bn = batchNorm, e = eta.value.data[0]
        var a = [Float](repeating: 0, count: width), c = a
        for i in 0..<width {
            let rs = 1 / (bn.runningVariance[i] + bn.epsilon).squareRoot(), g = bn.gain.value.data[i]
            a[i] = g * rs + e
            c[i] = (bn.bias?.value.data[i] ?? 0) - g * bn.runningMean[i] * rs
        }
        return (a, c)
    }

    public func forward(_ x: Tensor) -> Tensor {
        let d = width, rows = x.count / d
        let y = output.get(x.shape)
        usedTraining = isTraining
        input = x
        if isTraining {
            let l = lambda, e = eta.value.data[0]
            let ln = layerNorm.forward(x), bn = batchNorm.forward(x)
            for i in 0..<x.count { y.data[i] = l * ln.data[i] + (1 - l) * (bn.data[i] + e * x.data[i]) }
        } else {
            let (a, c) = foldedAffine()
            a.withUnsafeBufferPointer { a in
                c.withUnsafeBufferPointer { c in
                    NormKernels.affineRows(rows: rows, d, x.data, a: a.baseAddress!, c: c.baseAddress!, into: y.data)
                }
            }
        }
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("PRepBN.backward before forward") }
        let dx = inputGrad.get(x.shape), n = dy.count
        let e = eta.value.data[0], dyv = dy.data, xv = x.data, dxv = dx.data
        if usedTraining {
            let l = lambda
            let s = scaledGrad.get(dy.shape), sv = s.data
            for i in 0..<n { sv[i] = l * dyv[i] }
            let dln = layerNorm.backward(s).data
            for i in 0..<n { sv[i] = (1 - l) * dyv[i] }
            let dbn = batchNorm.backward(s).data
            eta.grad.data[0] += Kernels.dot(n, sv, xv)
            for i in 0..<n { dxv[i] = dln[i] + dbn[i] + e * sv[i] }
        } else {
            // Gradients of the folded form with respect to γ, β, η and x.
            let bn = batchNorm, d = width, rows = n / d
            let (a, _) = foldedAffine()
            let rstd = bn.runningVariance.map { 1 / ($0 + bn.epsilon).squareRoot() }
            bn.runningMean.withUnsafeBufferPointer { mean in
                rstd.withUnsafeBufferPointer { rstd in
                    NormAffine(gain: bn.gain, bias: bn.bias).accumulateColumns(rows: rows, d, xv, dyv, shift: mean.baseAddress!,
                                                                               scale: rstd.baseAddress!)
                }
            }
            eta.grad.data[0] += Kernels.dot(n, dyv, xv)
            a.withUnsafeBufferPointer { a in
                for r in 0..<rows {
                    let dyr = dyv + r &* d, dxr = dxv + r &* d
                    for i in 0..<d { dxr[i] = a[i] * dyr[i] }
                }
            }
        }
        return dx
    }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    /// Both norms' saved activations.
    public func activationBytesPerToken(context: Int) -> Int {
        layerNorm.activationBytesPerToken(context: context) + batchNorm.activationBytesPerToken(context: context)
    }
}
