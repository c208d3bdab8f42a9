import NN
import Tensor

/// No normalization: `y = x`. The block becomes `x + F(x)`.
public final class IdentityNorm: Normalization {
    public let width: Int

    public init(_ width: Int) { self.width = width }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {}

    public func forward(_ x: Tensor) -> Tensor { x }

    public func backward(_ dy: Tensor) -> Tensor { dy }

    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    public func activationBytesPerToken(context: Int) -> Int { 0 }
}
