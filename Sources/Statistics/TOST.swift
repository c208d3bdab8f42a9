/// The two one-sided tests (TOST) of equivalence of a mean difference to zero within a margin.
public enum TOST {
    /// Two one-sided t-tests that the mean of `differences` lies inside ±margin: the larger one-sided p-value,
    /// and the (1 - 2·alpha) Student-t interval of the mean. `equivalent` when p < alpha.
    /// With fewer than two differences nothing can be shown: p is 1 and the interval undefined.
    public static func test(differences: [Double], margin: Double, alpha: Double) -> (p: Double, interval: Interval, equivalent: Bool) {
        let n = differences.count
        guard n > 1 else { return (1, .undefined, false) }
        let mean = Descriptive.mean(differences)
        let se = Descriptive.standardDeviation(differences) / Double(n).squareRoot()
        guard se > 0 else {
            // Identical differences: the mean is exact.
            let p: Double = abs(mean) < margin ? 0 : 1
            return (p, Interval(low: mean, high: mean), p < alpha)
        }
        let df = Double(n - 1)
        let aboveLower = 1 - StudentT.cdf((mean + margin) / se, df: df)
        let belowUpper = StudentT.cdf((mean - margin) / se, df: df)
        let p = max(aboveLower, belowUpper)
        let half = StudentT.quantile(1 - alpha, df: df) * se
        return (p, Interval(low: mean - half, high: mean + half), p < alpha)
    }
}
