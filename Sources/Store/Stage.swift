/// The stage names metrics are recorded under: `train`, `eval`, `internals`, and one `compress:<methods>`
/// per compression stage (`compress:prune.nm>quant.int4`).
public enum Stage {
    /// The stage of the trained model's metrics on the validation split (tuning selects on it;
    /// `eval` holds the test split).
    public static let validation = "validation"

    /// The stage of the mechanism statistics of `measurement.internals` at the last measured
    /// step; their curves are named with this prefix and a dot (`internals.attention.entropy.L0`).
    public static let internals = "internals"

    /// The prefix of every compression stage name.
    public static let compressionPrefix = "compress:"

    /// The stage name of the compression methods `label` (`prune.nm>quant.int4`).
    public static func compression(_ label: String) -> String { compressionPrefix + label }

    /// The methods of compression stage `stage`, or nil for any other stage.
    public static func compressionLabel(_ stage: String) -> String? {
        stage.hasPrefix(compressionPrefix) ? String(stage.dropFirst(compressionPrefix.count)) : nil
    }
}
