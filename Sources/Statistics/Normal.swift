import Foundation

/// The standard normal distribution.
public enum Normal {
    /// The distribution function Φ(z).
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// The quantile Φ⁻¹(p) for 0 < p < 1.
    public static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
        return invert(cdf, p, low: -40, high: 40)
    }
}
