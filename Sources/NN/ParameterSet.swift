import Tensor

/// All parameters of a model in one allocation, and all gradients in another.
///
/// Decaying parameters come first, so that weight decay is one contiguous range and the
/// optimizer, gradient clearing and gradient norm are single loops over flat memory.
/// A parameter reached twice (tied weights) is stored once.
public final class ParameterSet {
    /// Every distinct parameter with the name it was first visited under.
    public let entries: [(name: String, parameter: Parameter)]
    /// The flat values.
    public let values: Tensor
    /// The flat gradients.
    public let gradients: Tensor
    /// How many leading elements of `values` receive weight decay.
    public let decayCount: Int

    /// Packs `model`'s parameters, keeping their current values.
    public init(_ model: ParameterVisitable) {
        var seen = Set<ObjectIdentifier>()
        var unique: [(String, Parameter)] = []
        model.visitParameters(prefix: "") { name, p in
            if seen.insert(ObjectIdentifier(p)).inserted { unique.append((name, p)) }
        }
        let ordered = unique.filter { $0.1.decays } + unique.filter { !$0.1.decays }
        let total = ordered.reduce(0) { $0 + $1.1.count }
        values = Tensor(shape: [total])
        gradients = Tensor(shape: [total])
        decayCount = unique.filter { $0.1.decays }.reduce(0) { $0 + $1.1.count }
        var offset = 0
        for (_, p) in ordered {
            let v = Tensor(viewOf: values, offset: offset, shape: p.shape)
            v.assign(p.value)
            p.value = v
            p.grad = Tensor(viewOf: gradients, offset: offset, shape: p.shape)
            offset += p.count
        }
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
