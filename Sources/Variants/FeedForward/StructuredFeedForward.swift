import NN
import Tensor

/// The GELU MLP with both matrices structured as `BlockTensorTrainLinear` (Monarch or BTT):
/// x [B, T, d] → fc1 [B, T, h] → GELU → fc2 [B, T, d].
public final class StructuredFeedForward: FeedForward {
    public let fc1: BlockTensorTrainLinear
    public let activation = GELU()
    public let fc2: BlockTensorTrainLinear
    public let width: Int
    public let hidden: Int
    /// Whether `learningRateMultipliers` applies the per-core scaling (the μP-style init);
    /// false under the standard parametrization, where every rate stays 1.
    public var scalesLearningRates = true

    /// Both layers split input and output into `blocks` blocks with tensor-train ranks `rank1`, `rank2`.
    public init(width: Int, hidden: Int, blocks: Int, rank1: Int, rank2: Int, bias: Bool = true) {
        self.width = width
        self.hidden = hidden
        fc1 = BlockTensorTrainLinear(width, hidden, inBlocks: blocks, outBlocks: blocks, rank: rank1, bias: bias)
        fc2 = BlockTensorTrainLinear(hidden, width, inBlocks: blocks, outBlocks: blocks, rank: rank2, bias: bias)
    }

    /// The Monarch rank of a layer: intermediate width b²·r close to min(in, out), r ≥ 1.
    public static func monarchRank(_ inFeatures: Int, _ outFeatures: Int, blocks: Int) -> Int {
        max(1, min(inFeatures, outFeatures) / (blocks * blocks))
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        fc1.visitParameters(prefix: qualified(prefix, "fc1"), visit)
        fc2.visitParameters(prefix: qualified(prefix, "fc2"), visit)
    }

    /// Per-parameter Adam learning-rate multipliers of the μP-style per-core scaling, by
    /// parameter name relative to this layer (`fc1.cores.0` …); parameters not listed keep 1.
    public var learningRateMultipliers: [String: Float] {
        guard scalesLearningRates else { return [:] }
        var out: [String: Float] = [:]
        for (name, layer) in [("fc1", fc1), ("fc2", fc2)] {
            for (i, m) in layer.learningRateMultipliers.enumerated() { out["\(name).cores.\(i)"] = m }
        }
        return out
    }

    public func forward(_ x: Tensor) -> Tensor { fc2.forward(activation.forward(fc1.forward(x))) }

    public func backward(_ dy: Tensor) -> Tensor { fc1.backward(activation.backward(fc2.backward(dy))) }

    /// 2·r₁·(d·b + b·h) + 2·r₂·(h·b + b·d).
    public func forwardFLOPsPerToken(context: Int) -> Int { fc1.forwardFLOPsPerRow + fc2.forwardFLOPsPerRow }

    public func activationBytesPerToken(context: Int) -> Int {
        // input, two intermediates per layer, hidden pre/post GELU, output
        4 * (width + 2 * fc1.intermediate + 2 * hidden + 2 * fc2.intermediate + width)
    }
}
