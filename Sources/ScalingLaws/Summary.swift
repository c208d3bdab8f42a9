import Foundation
import Statistics

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
        standardError = Descriptive.standardDeviation(v)
        let interval = Bootstrap.percentileInterval(v, level: level)
        lower = interval.low
        upper = interval.high
    }
}
