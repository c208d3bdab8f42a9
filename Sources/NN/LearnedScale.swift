import Tensor

/// `y = s·x` with one learnable scalar s (not decayed): x, y any shape; s [1].
public final class LearnedScale: Layer {
    public let scale: Parameter
    private var input: Tensor?
    private var output = Buffer()
    private var inputGrad = Buffer()

    /// s = `initial`.
    public init(initial: Float) {
        scale = Parameter(shape: [1], decays: false)
        scale.value.fill(initial)
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        visit(qualified(prefix, "scale"), scale)
    }

    public func forward(_ x: Tensor) -> Tensor {
        let y = output.get(x.shape)
        y.assign(x)
        y.scale(by: scale.value.data[0])
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("LearnedScale.backward before forward") }
        scale.grad.data[0] += Kernels.dot(x.count, x.data, dy.data)
        let dx = inputGrad.get(x.shape)
        dx.assign(dy)
        dx.scale(by: scale.value.data[0])
        return dx
    }
}
