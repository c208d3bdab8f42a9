import Foundation

/// The distribution functions behind the intervals and tests of reports and comparisons.
public enum Distributions {
    /// The standard normal distribution function Φ(z).
    public static func normalCDF(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// The standard normal quantile Φ⁻¹(p) for 0 < p < 1.
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
        return invert(normalCDF, p, low: -40, high: 40)
    }

    /// The distribution function of Student's t with `df` degrees of freedom (df > 0, not necessarily whole).
    public static func studentCDF(_ t: Double, df: Double) -> Double {
        precondition(df > 0, "degrees of freedom must be positive")
        guard t.isFinite else { return t > 0 ? 1 : 0 }
        let tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// P(|T| ≥ |t|) for Student's t with `df` degrees of freedom.
    public static func studentTwoSided(_ t: Double, df: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? 1 : 0 }
        return min(1, regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5))
    }

    /// The p-quantile of Student's t with `df` degrees of freedom.
    public static func studentQuantile(_ p: Double, df: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
        return invert({ studentCDF($0, df: df) }, p, low: -1e6, high: 1e6)
    }

    /// The regularized incomplete beta function I_x(a, b), by its continued fraction.
    public static func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        // The fraction converges fast on the side of the mean a / (a + b); use the symmetry on the other.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaFraction(x, a, b) / a
        }
        return 1 - exp(logFront) * betaFraction(1 - x, b, a) / b
    }

    /// The continued fraction of I_x(a, b), evaluated with the modified Lentz recurrence.
    private static func betaFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        func guarded(_ v: Double) -> Double { abs(v) < tiny ? tiny : v }
        var c = 1.0
        var d = 1 / guarded(1 - (a + b) * x / (a + 1))
        var f = d
        for step in 1...500 {
            let m = Double(step)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 / guarded(1 + even * d)
            c = guarded(1 + even / c)
            f *= c * d
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 / guarded(1 + odd * d)
            c = guarded(1 + odd / c)
            let delta = c * d
            f *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return f
    }

    /// The x in [low, high] where the increasing function `cdf` reaches p (bisection to full precision).
    private static func invert(_ cdf: (Double) -> Double, _ p: Double, low: Double, high: Double) -> Double {
        var lo = low, hi = high
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if mid == lo || mid == hi { break }
            if cdf(mid) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
