/// The training-compute model `C = k·N·D` (k = 6 FLOPs per parameter per token for a dense
/// transformer's forward and backward pass).
public struct TrainingCost: Sendable, Codable, Equatable {
    /// FLOPs per parameter per training token (the k of C = k·N·D).
    public var flopsPerParameterToken: Double

    /// A cost model; the default is C ≈ 6·N·D.
    public init(flopsPerParameterToken: Double = 6) {
        self.flopsPerParameterToken = flopsPerParameterToken
    }

    /// The compute of training N parameters on D tokens.
    public func compute(parameters n: Double, tokens d: Double) -> Double { flopsPerParameterToken * n * d }
}
