import NN
import Tensor

/// The GELU MLP with both matrices low-rank: `y = U₂V₂·GELU(U₁V₁x + b₁) + b₂`,
/// x [B, T, d] → [B, T, r₁] → hidden [B, T, h] → [B, T, r₂] → y [B, T, d].
public final class LowRankFeedForward: FeedForward {
    public let fc1: LowRankLinear
    public let activation = GELU()
    public let fc2: LowRankLinear
    public let width: Int
    public let hidden: Int

    public init(width: Int, hidden: Int, rank1: Int, rank2: Int, bias: Bool = true) {
        self.width = width
        self.hidden = hidden
        fc1 = LowRankLinear(width, hidden, rank: rank1, bias: bias)
        fc2 = LowRankLinear(hidden, width, rank: rank2, bias: bias)
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        fc1.visitParameters(prefix: qualified(prefix, "fc1"), visit)
        fc2.visitParameters(prefix: qualified(prefix, "fc2"), visit)
    }

    public func forward(_ x: Tensor) -> Tensor { fc2.forward(activation.forward(fc1.forward(x))) }

    public func backward(_ dy: Tensor) -> Tensor { fc1.backward(activation.backward(fc2.backward(dy))) }

    /// 2·r₁·(d + h) + 2·r₂·(h + d).
    public func forwardFLOPsPerToken(context: Int) -> Int { fc1.forwardFLOPsPerRow + fc2.forwardFLOPsPerRow }

    public func activationBytesPerToken(context: Int) -> Int {
        4 * (width + fc1.rank + 2 * hidden + hidden + fc2.rank + width)
    }
}
