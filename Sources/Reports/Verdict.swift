import Metrics

/// What a comparison concludes about one metric of one configuration.
public enum Verdict: String, Sendable, Codable {
    /// Significant after FDR control, beyond the threshold, in the worse direction.
    case regression
    /// Significant after FDR control, beyond the threshold, in the better direction.
    case improvement
    /// Significant and beyond the threshold on a metric without a better direction.
    case changed
    /// Not significant, or smaller than the threshold.
    case unchanged
    /// The data cannot support a test (e.g. one seed on a side with different values).
    case untested

    /// The verdict of a relative `change` with FDR-adjusted `q` under `polarity` and `threshold`.
    /// When the change's `interval` is given, it must also exclude zero: a rank test can reject
    /// on a shift of shape while the ratio of medians is undetermined, and a verdict printed
    /// next to an interval that contains no change would contradict itself.
    static func judge(change: Double, q: Double?, alpha: Double, threshold: Double, polarity: Polarity,
                      interval: (low: Double, high: Double)? = nil) -> Verdict {
        guard let q else { return .untested }
        guard q <= alpha, abs(change) >= threshold, change.isFinite else { return .unchanged }
        if let interval, interval.low.isFinite, interval.high.isFinite, interval.low <= 0, interval.high >= 0 { return .unchanged }
        switch polarity {
        case .neutral: return .changed
        case .lowerIsBetter: return change > 0 ? .regression : .improvement
        case .higherIsBetter: return change < 0 ? .regression : .improvement
        }
    }
}

/// The exit status of a comparison or check (DESIGN.md's conventions).
public enum Outcome: Int32, Sendable {
    /// No significant change.
    case noChange = 0
    /// At least one regression.
    case regression = 2
    /// Improvements only.
    case improvementsOnly = 4

    /// The outcome of a list of verdicts.
    public init(_ verdicts: [Verdict]) {
        if verdicts.contains(.regression) { self = .regression }
        else if verdicts.contains(.improvement) { self = .improvementsOnly }
        else { self = .noChange }
    }
}
