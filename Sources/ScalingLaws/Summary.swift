import Foundation

/// The spread of one quantity over bootstrap draws.
public struct IntervalSummary: Sendable, Codable {
    /// The quantity's name.
    public var name: String
    /// Its value on the full data.
    public var estimate: Double
    /// The standard deviation over draws (the bootstrap standard error).
    public var standardError: Double
    /// The lower percentile (2.5% by default).
    public var lower: Double
    /// The upper percentile (97.5% by default).
    public var upper: Double
    /// Draws in which the quantity was finite.
    public var draws: Int

    /// Summarizes finite `values` around `estimate` with a central `level` percentile interval.
    public init(name: String, estimate: Double, values: [Double], level: Double = 0.95) {
        let v = values.filter { $0.isFinite }.sorted()
        self.name = name
        self.estimate = estimate
        draws = v.count
        if v.count < 2 {
            standardError = .nan; lower = .nan; upper = .nan
            return
        }
        let mean = v.reduce(0, +) / Double(v.count)
        standardError = (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)).squareRoot()
        lower = Percentile.of(v, (1 - level) / 2)
        upper = Percentile.of(v, 1 - (1 - level) / 2)
    }
}

/// Percentiles of sorted samples.
public enum Percentile {
    /// The q-quantile (0 ≤ q ≤ 1) of ascending `sorted` values, linearly interpolated (numpy's default).
    public static func of(_ sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty)
        let h = q * Double(sorted.count - 1)
        let i = Int(h.rounded(.down))
        if i + 1 >= sorted.count { return sorted[sorted.count - 1] }
        return sorted[i] + (h - Double(i)) * (sorted[i + 1] - sorted[i])
    }
}
