import Tensor

/// What a layer costs, analytically, per token: the numbers every variant reports.
public protocol CostModel {
    /// Matrix-product FLOPs (2 per multiply-add) of one forward pass, per token, for
    /// sequences of length `context`. Equal to what `FLOPCounter` counts for that forward.
    func forwardFLOPsPerToken(context: Int) -> Int
    /// Bytes of activations per token this layer keeps for its backward pass.
    func activationBytesPerToken(context: Int) -> Int
}

/// Mixes information across positions, causally: x [B, T, d] → y [B, T, d].
public protocol TokenMixer: Layer, CostModel {}

/// Transforms each position on its own: x [B, T, d] → y [B, T, d].
public protocol FeedForward: Layer, CostModel {
    /// An extra training loss from the last forward (e.g. MoE load balancing), already
    /// weighted; its gradient is added during `backward`. Zero for most layers.
    var auxiliaryLoss: Float { get }
}

extension FeedForward {
    public var auxiliaryLoss: Float { 0 }
}

/// Normalizes each position's features: x [B, T, d] → y [B, T, d]. Its `CostModel`
/// reports matrix-product FLOPs (zero for the usual element-wise norms).
public protocol Normalization: Layer, CostModel {}

extension LayerNorm: Normalization {
    public func forwardFLOPsPerToken(context: Int) -> Int { 0 }

    /// The input row (x̂ is recomputed from it), mean and 1/σ.
    public func activationBytesPerToken(context: Int) -> Int { 4 * (width + 2) }
}

/// The transformer MLP: `fc2(gelu(fc1(x)))`, x [B, T, d], hidden [B, T, ffn].
public final class GELUFeedForward: FeedForward {
    public let fc1: Linear
    public let activation = GELU()
    public let fc2: Linear
    public let width: Int
    /// Hidden width (fc1's outputs: fewer than built after neuron pruning).
    public var hidden: Int { fc1.outFeatures }

    public init(width: Int, hidden: Int, bias: Bool = true) {
        self.width = width
        fc1 = Linear(width, hidden, bias: bias)
        fc2 = Linear(hidden, width, bias: bias)
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        fc1.visitParameters(prefix: qualified(prefix, "fc1"), visit)
        fc2.visitParameters(prefix: qualified(prefix, "fc2"), visit)
    }

    public func forward(_ x: Tensor) -> Tensor { fc2.forward(activation.forward(fc1.forward(x))) }

    public func backward(_ dy: Tensor) -> Tensor { fc1.backward(activation.backward(fc2.backward(dy))) }

    public func forwardFLOPsPerToken(context: Int) -> Int { 2 * 2 * width * hidden }

    public func activationBytesPerToken(context: Int) -> Int { 4 * (width + 2 * hidden + width) }
}
