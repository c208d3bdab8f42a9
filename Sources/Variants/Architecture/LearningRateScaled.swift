/// A layer that asks for per-parameter learning-rate multipliers (e.g. a structured layer's
/// per-core scaling), by parameter name relative to the layer. The model assembler applies
/// them to `Parameter.learningRateMultiplier`.
public protocol LearningRateScaled {
    var learningRateMultipliers: [String: Float] { get }
}

extension StructuredFeedForward: LearningRateScaled {}
