import Statistics

/// The ratio of medians of two sets of samples with a percentile-bootstrap interval, for latency.
public enum MedianRatio {
    /// median(candidate) ÷ median(baseline) − 1, with the `level` interval from `resamples`
    /// independent resamples of each side (seeded: the same inputs give the same interval), and
    /// the Mann–Whitney p-value of the shift.
    public static func run(baseline: [Double], candidate: [Double], level: Double = 0.95,
                           resamples: Int = 2000, seed: UInt64 = 0) -> HypothesisTest {
        let a = Sample(baseline), b = Sample(candidate)
        guard a.count > 0, b.count > 0, a.median > 0 else {
            return HypothesisTest(method: "mann-whitney+bootstrap", change: .nan, low: .nan, high: .nan, p: nil)
        }
        let change = b.median / a.median - 1
        let interval = Bootstrap.twoSample(baseline: a.values, candidate: b.values, level: level, draws: resamples, seed: seed) {
            Descriptive.median($1) / Descriptive.median($0) - 1
        }
        return HypothesisTest(method: "mann-whitney+bootstrap", change: change, low: interval.low, high: interval.high,
                              p: MannWhitney.pValue(a.values, b.values))
    }
}
