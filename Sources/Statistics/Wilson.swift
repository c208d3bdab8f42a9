/// The Wilson score interval of a binomial proportion.
public enum Wilson {
    /// The two-sided `level` interval of the success rate behind `successes` out of `trials`
    /// (all of [0, 1] when there are no trials).
    public static func interval(successes: Double, trials: Double, level: Double) -> Interval {
        guard trials > 0 else { return Interval(low: 0, high: 1) }
        let z = Normal.quantile(1 - (1 - level) / 2)
        let rate = successes / trials
        let z2n = z * z / trials
        let center = (rate + z2n / 2) / (1 + z2n)
        let half = z * (rate * (1 - rate) / trials + z2n / (4 * trials)).squareRoot() / (1 + z2n)
        return Interval(low: max(0, center - half), high: min(1, center + half))
    }
}
