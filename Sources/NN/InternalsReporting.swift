/// A layer that can measure its own mechanism (attention logits, routing load, decay rates)
/// during forward passes, for `measurement.internals`.
///
/// Collection is off by default and costs nothing then; a recorder switches it on for the
/// forward passes it wants measured, then takes the statistics.
public protocol InternalsReporting: AnyObject {
    /// Whether forward passes gather statistics.
    var recordsInternals: Bool { get set }
    /// The statistics gathered since the last call, averaged over the forward passes that
    /// gathered them, keyed `group.statistic` (`attention.max_logit`, `moe.load_cv`); then
    /// resets. A statistic with no defined value (no rows seen, zero variance) is absent.
    func takeInternals() -> [String: Double]
}
