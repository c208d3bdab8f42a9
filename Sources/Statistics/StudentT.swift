/// Student's t distribution with `df` degrees of freedom (df > 0, not necessarily whole).
public enum StudentT {
    /// The distribution function P(T ≤ t).
    public static func cdf(_ t: Double, df: Double) -> Double {
        precondition(df > 0, "degrees of freedom must be positive")
        guard t.isFinite else { return t > 0 ? 1 : 0 }
        let tail = 0.5 * IncompleteBeta.regularized(df / (df + t * t), df / 2, 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// The two-sided p-value P(|T| ≥ |t|) (1 for NaN).
    public static func twoSidedP(_ t: Double, df: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? 1 : 0 }
        return min(1, IncompleteBeta.regularized(df / (df + t * t), df / 2, 0.5))
    }

    /// The p-quantile for 0 < p < 1.
    public static func quantile(_ p: Double, df: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
        return invert({ cdf($0, df: df) }, p, low: -1e6, high: 1e6)
    }

    /// Two-sided `level` interval of the mean; nil when n < 2.
    public static func meanInterval(_ x: [Double], level: Double) -> Interval? {
        guard x.count > 1 else { return nil }
        let t = quantile(1 - (1 - level) / 2, df: Double(x.count - 1))
        let mean = Descriptive.mean(x)
        let half = t * Descriptive.standardDeviation(x) / Double(x.count).squareRoot()
        return Interval(low: mean - half, high: mean + half)
    }
}
