import Foundation

/// The regularized incomplete beta function, behind Student's t.
enum IncompleteBeta {
    /// I_x(a, b), by its continued fraction.
    static func regularized(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        // The fraction converges fast on the side of the mean a / (a + b); use the symmetry on the other.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * fraction(x, a, b) / a
        }
        return 1 - exp(logFront) * fraction(1 - x, b, a) / b
    }

    /// The continued fraction of I_x(a, b), evaluated with the modified Lentz recurrence.
    private static func fraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
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
}
