/// Welch's unequal-variance two-sample t-test.
public enum Welch {
    /// The outcome of one Welch test of candidate against baseline.
    public struct Result: Sendable, Equatable {
        /// mean(candidate) − mean(baseline).
        public var difference: Double
        /// The t statistic of the difference (±infinity or NaN when both samples are constant).
        public var statistic: Double
        /// The Welch–Satterthwaite degrees of freedom (NaN when both samples are constant).
        public var df: Double
        /// The two-sided p-value (exactly 1 or 0 when both samples are constant).
        public var p: Double
        /// The two-sided interval of the difference at the test's level.
        public var interval: Interval
    }

    /// Tests whether the means of `baseline` and `candidate` differ; nil when a side has fewer than two values.
    public static func test(baseline: [Double], candidate: [Double], level: Double = 0.95) -> Result? {
        guard baseline.count > 1, candidate.count > 1 else { return nil }
        let diff = Descriptive.mean(candidate) - Descriptive.mean(baseline)
        let va = Descriptive.variance(baseline) / Double(baseline.count)
        let vb = Descriptive.variance(candidate) / Double(candidate.count)
        let se = (va + vb).squareRoot()
        guard se > 0 else {
            // Constant samples (same seeds, same build): any difference is exact.
            return Result(difference: diff, statistic: diff / se, df: .nan, p: diff == 0 ? 1 : 0,
                          interval: Interval(low: diff, high: diff))
        }
        let df = (va + vb) * (va + vb) / (va * va / Double(baseline.count - 1) + vb * vb / Double(candidate.count - 1))
        let t = diff / se
        let q = StudentT.quantile(1 - (1 - level) / 2, df: df)
        return Result(difference: diff, statistic: t, df: df, p: StudentT.twoSidedP(t, df: df),
                      interval: Interval(low: diff - q * se, high: diff + q * se))
    }
}
