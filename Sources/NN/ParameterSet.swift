import Tensor

/// All parameters of a model in one allocation, and all gradients in another.
///
/// Decaying parameters come first, so that weight decay is one contiguous range and the
/// optimizer, gradient clearing and gradient norm are single loops over flat memory.
/// Within each part, parameters with equal learning-rate multipliers are adjacent, so the
/// optimizer runs one flat loop per group (one group unless a parametrization such as μP
/// sets multipliers). A parameter reached twice (tied weights) is stored once.
public final class ParameterSet {
    /// Every distinct parameter with the name it was first visited under.
    public let entries: [(name: String, parameter: Parameter)]
    /// The flat values.
    public let values: Tensor
    /// The flat gradients.
    public let gradients: Tensor
    /// How many leading elements of `values` receive weight decay.
    public let decayCount: Int
    /// Contiguous element ranges sharing one learning-rate multiplier, covering `values`
    /// in order; no range straddles `decayCount`.
    public let learningRateGroups: [(range: Range<Int>, multiplier: Float)]

    /// Packs `model`'s parameters, keeping their current values.
    public init(_ model: ParameterVisitable) {
        var seen = Set<ObjectIdentifier>()
        var unique: [(String, Parameter)] = []
        model.visitParameters(prefix: "") { name, p in
            if seen.insert(ObjectIdentifier(p)).inserted { unique.append((name, p)) }
        }
        // Stable grouping by multiplier (first-seen order) inside the decaying and the other part.
        func grouped(_ ps: [(String, Parameter)]) -> [(String, Parameter)] {
            var order: [Float] = []
            for (_, p) in ps where !order.contains(p.learningRateMultiplier) { order.append(p.learningRateMultiplier) }
            return order.flatMap { m in ps.filter { $0.1.learningRateMultiplier == m } }
        }
        let ordered = grouped(unique.filter { $0.1.decays }) + grouped(unique.filter { !$0.1.decays })
        let total = ordered.reduce(0) { $0 + $1.1.count }
        values = Tensor(shape: [total])
        gradients = Tensor(shape: [total])
        decayCount = unique.filter { $0.1.decays }.reduce(0) { $0 + $1.1.count }
        var offset = 0
        var groups: [(range: Range<Int>, multiplier: Float)] = []
        for (i, (_, p)) in ordered.enumerated() {
            let m = p.learningRateMultiplier
            if i > 0, groups[groups.count - 1].multiplier == m, p.decays == ordered[i - 1].1.decays {
                groups[groups.count - 1].range = groups[groups.count - 1].range.lowerBound..<(offset + p.count)
            } else {
                groups.append((offset..<(offset + p.count), m))
            }
            let v = Tensor(viewOf: values, offset: offset, shape: p.shape)
            v.assign(p.value)
            p.value = v
            p.grad = Tensor(viewOf: gradients, offset: offset, shape: p.shape)
            offset += p.count
        }
        learningRateGroups = groups
        entries = ordered.map { (name: $0.0, parameter: $0.1) }
    }

    /// The total number of scalars.
    public var count: Int { values.count }

    /// Sets every gradient to zero.
    public func zeroGradients() { gradients.fill(0) }

    /// The Euclidean norm of all gradients together.
    public func gradientNorm() -> Float {
        Float(Kernels.sumOfSquares(gradients.count, gradients.data).squareRoot())
    }

    /// Scales the gradients so their global norm is at most `maxNorm`; returns the norm before.
    @discardableResult
    public func clipGradients(maxNorm: Float) -> Float {
        let norm = gradientNorm()
        if norm > maxNorm, norm.isFinite { gradients.scale(by: maxNorm / (norm + 1e-6)) }
        return norm
    }
}
