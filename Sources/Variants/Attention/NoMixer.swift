import NN
import Tensor

/// The empty token mixer: y = 0 [B, T, d], so a block reduces to `x + FFN(N(x))` and each
/// position sees only its own token and position. No parameters, no FLOPs.
public final class NoMixer: TokenMixer {
    /// Model width d.
    public let width: Int
    private var output = Buffer()
    private var inputGrad = Buffer()

    public init(width: Int) { self.width = width }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {}

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "attn.none expects [B, T, \(width)], got \(x.shape)")
        let y = output.get(x.shape)
        y.fill(0)
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        let dx = inputGrad.get(dy.shape)
        dx.fill(0)
        return dx
    }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    public func activationBytesPerToken(context: Int) -> Int { 0 }
}
