import Tensor

/// A trainable tensor and its gradient.
///
/// Layers create parameters with their own storage; `ParameterSet` later moves every
/// parameter of a model into one flat allocation (values) and one more (gradients),
/// rebinding `value` and `grad` to views of them.
public final class Parameter {
    /// The value.
    public internal(set) var value: Tensor
    /// The gradient, accumulated by `backward` (`+=`), cleared by `ParameterSet.zeroGradients`.
    public internal(set) var grad: Tensor
    /// Whether decoupled weight decay applies (matrices yes; biases, gains and embeddings' norms no).
    public let decays: Bool
    /// Multiplies the optimizer's learning rate for this parameter (μP's per-tensor rates).
    /// Read when a `ParameterSet` packs the model; set it before building the trainer.
    public var learningRateMultiplier: Float = 1

    /// A zero-initialised parameter of `shape`.
    public init(shape: [Int], decays: Bool) {
        self.value = Tensor(shape: shape)
        self.grad = Tensor(shape: shape)
        self.decays = decays
    }

    /// The shape of the value.
    public var shape: [Int] { value.shape }
    /// The number of elements.
    public var count: Int { value.count }
}

/// Anything that owns parameters, directly or through sub-layers.
public protocol ParameterVisitable: AnyObject {
    /// Calls `visit` with the dotted name and the parameter for every parameter, in a fixed order.
    /// Names follow PyTorch's `state_dict` style (`blocks.0.mixer.qkv.weight`).
    func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void)
}

extension ParameterVisitable {
    /// Every (name, parameter) pair, in visiting order.
    public func namedParameters() -> [(String, Parameter)] {
        var out: [(String, Parameter)] = []
        visitParameters(prefix: "") { out.append(($0, $1)) }
        return out
    }

    /// The number of distinct scalar parameters (a shared parameter counts once).
    public var parameterCount: Int {
        var seen = Set<ObjectIdentifier>()
        var total = 0
        visitParameters(prefix: "") { _, p in
            if seen.insert(ObjectIdentifier(p)).inserted { total += p.count }
        }
        return total
    }
}

/// Joins a prefix and a name with a dot (`"blocks.0" + "norm1"`).
@inline(__always)
public func qualified(_ prefix: String, _ name: String) -> String {
    prefix.isEmpty ? name : prefix + "." + name
}
