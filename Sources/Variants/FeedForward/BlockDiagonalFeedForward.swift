import NN
import Tensor

/// The GELU MLP with both matrices block-diagonal (b groups that never mix; a baseline for
/// the structured FFNs): x [B, T, d] → fc1 [B, T, h] → GELU → fc2 [B, T, d].
public final class BlockDiagonalFeedForward: FeedForward {
    public let fc1: BlockDiagonalLinear
    public let activation = GELU()
    public let fc2: BlockDiagonalLinear
    public let width: Int
    public let hidden: Int
    /// Whether `learningRateMultipliers` applies the per-core scaling (the μP-style init);
    /// false under the standard parametrization, where every rate stays 1.
    public var scalesLearningRates = true

    public init(width: Int, hidden: Int, blocks: Int, bias: Bool = true) {
        self.width = width
        self.hidden = hidden
        fc1 = BlockDiagonalLinear(width, hidden, blocks: blocks, bias: bias)
        fc2 = BlockDiagonalLinear(hidden, width, blocks: blocks, bias: bias)
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        fc1.visitParameters(prefix: qualified(prefix, "fc1"), visit)
        fc2.visitParameters(prefix: qualified(prefix, "fc2"), visit)
    }

    /// Per-parameter Adam learning-rate multipliers of the per-block scaling, by parameter
    /// name relative to this layer; parameters not listed keep 1.
    public var learningRateMultipliers: [String: Float] {
        guard scalesLearningRates else { return [:] }
        return ["fc1.weight": fc1.learningRateMultiplier, "fc2.weight": fc2.learningRateMultiplier]
    }

    public func forward(_ x: Tensor) -> Tensor { fc2.forward(activation.forward(fc1.forward(x))) }

    public func backward(_ dy: Tensor) -> Tensor { fc1.backward(activation.backward(fc2.backward(dy))) }

    /// 2·d·h/b per matrix.
    public func forwardFLOPsPerToken(context: Int) -> Int { fc1.forwardFLOPsPerRow + fc2.forwardFLOPsPerRow }

    public func activationBytesPerToken(context: Int) -> Int { 4 * (width + 2 * hidden + width) }
}

extension BlockDiagonalFeedForward: LearningRateScaled {}
