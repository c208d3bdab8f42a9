import Tensor

/// A layer with an explicit forward pass and its backward pass, llm.c style.
///
/// `forward` writes its output into a buffer the layer owns and reuses (reallocated only
/// when the input shape changes) and remembers what `backward` needs. `backward` takes
/// the gradient of the loss with respect to the output, **accumulates** (`+=`) parameter
/// gradients and returns the gradient with respect to the input (a layer-owned buffer).
/// Inputs are `[rows…, features]`; sequence layers read `[batch, time, features]`.
public protocol Layer: ParameterVisitable {
    /// Computes the output for `x`.
    func forward(_ x: Tensor) -> Tensor
    /// Given ∂loss/∂output of the last `forward`, accumulates parameter gradients and returns ∂loss/∂input.
    func backward(_ dy: Tensor) -> Tensor
}

/// A reusable activation buffer: returns the same tensor while the shape is unchanged.
public struct Buffer {
    private var tensor: Tensor?

    /// An empty buffer.
    public init() {}

    /// The buffer for `shape`, allocating (zeroed) only when the shape changes.
    public mutating func get(_ shape: [Int]) -> Tensor {
        if let t = tensor, t.shape == shape { return t }
        let t = Tensor(shape: shape)
        tensor = t
        return t
    }
}
