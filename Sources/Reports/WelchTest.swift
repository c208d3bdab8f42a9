import Statistics

/// Welch's unequal-variance t-test on replicate values (one per seed), for quality metrics.
public enum WelchTest {
    /// Tests whether `candidate`'s mean differs from `baseline`'s; the change is relative to the
    /// baseline mean, with its Welch interval at `level`. With fewer than two values on a side only
    /// exact equality can be told (p = 1); otherwise p is nil.
    public static func run(baseline: Sample, candidate: Sample, level: Double = 0.95) -> HypothesisTest {
        let scale = abs(baseline.mean) > 0 ? abs(baseline.mean) : 1
        let diff = candidate.mean - baseline.mean
        let relative = diff / scale
        guard let welch = Welch.test(baseline: baseline.values, candidate: candidate.values, level: level) else {
            let same = baseline.sorted == candidate.sorted && !baseline.values.isEmpty
            return HypothesisTest(method: "welch-t", change: relative, low: relative, high: relative, p: same ? 1 : nil)
        }
        return HypothesisTest(method: "welch-t", change: relative, low: welch.interval.low / scale,
                              high: welch.interval.high / scale, p: welch.p)
    }
}
