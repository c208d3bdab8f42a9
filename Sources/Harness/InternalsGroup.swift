/// The groups of mechanism statistics a trial can record (`measurement.internals`), each a
/// prefix of the `group.statistic` keys its layers report.
public enum InternalsGroup: String, Sendable, CaseIterable, Codable {
    /// Largest attention logit and attention entropy per layer (softmax attention).
    case attention
    /// Mean log Z of the output softmax.
    case logits
    /// Gradient norm per layer after backward, before clipping, and their spread.
    case gradients
    /// RMS of the residual stream after each block.
    case residual
    /// Kurtosis and max ÷ median |x| of each layer's output.
    case activations
    /// Expert load, router entropy and dropped tokens, from layers that route (MoE).
    case moe
    /// Decay statistics, from the mixers that decay (GLA, retention).
    case decay

    /// The groups an MLP classifier reports (no attention, residual stream or softmax over a vocabulary).
    public static let classifierGroups: [InternalsGroup] = [.activations, .gradients]

    /// The group of a `group.statistic` key, nil for a group not listed.
    public static func of(key: String) -> InternalsGroup? {
        key.split(separator: ".", maxSplits: 1).first.flatMap { InternalsGroup(rawValue: String($0)) }
    }
}
