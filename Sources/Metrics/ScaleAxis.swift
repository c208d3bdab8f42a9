/// The scale quantities a scaling-law fit or chart can put on x, each derived from recorded
/// metrics: `params` (eval.params), `tokens` (train.tokens) and `flops`, the training compute
/// 3 × eval.flops_per_token × train.tokens (forward + backward ≈ 3 forward passes).
public enum ScaleAxis: String, Sendable, CaseIterable {
    case params, tokens, flops

    /// The metrics (`stage.name`) the axis is computed from.
    public var inputs: [String] {
        let params = "eval." + MetricSpec.parameters.name
        let tokens = "train." + MetricSpec.trainingItems(.token).name
        switch self {
        case .params: return [params]
        case .tokens: return [tokens]
        case .flops: return ["eval." + MetricSpec.forwardFLOPs(.token).name, tokens]
        }
    }

    /// The axis value from the values of `inputs`, in their order; nil when one was not measured.
    public func value(_ inputs: [Double?]) -> Double? {
        let known = inputs.compactMap { $0 }
        guard known.count == inputs.count else { return nil }
        return self == .flops ? 3 * known[0] * known[1] : known[0]
    }
}
