import Foundation
import ScalingLaws

/// Summary statistics of a list of replicate values (seeds, latency samples).
public struct Sample: Sendable, Equatable {
    /// The finite values, in the order given.
    public let values: [Double]
    /// The values in ascending order.
    public let sorted: [Double]

    /// The finite values of `values` (NaN and infinities are dropped).
    public init(_ values: [Double]) {
        self.values = values.filter(\.isFinite)
        self.sorted = self.values.sorted()
    }

    /// The number of values.
    public var count: Int { values.count }

    /// The arithmetic mean (NaN when empty).
    public var mean: Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }

    /// The unbiased sample variance (NaN with fewer than two values).
    public var variance: Double {
        guard values.count > 1 else { return .nan }
        let m = mean
        return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
    }

    /// The sample standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }

    /// The q-quantile, linearly interpolated (NaN when empty).
    public func quantile(_ q: Double) -> Double { sorted.isEmpty ? .nan : Percentile.of(sorted, q) }

    /// The median (NaN when empty).
    public var median: Double { quantile(0.5) }

    /// The median absolute deviation from the median.
    public var mad: Double { Sample(values.map { abs($0 - median) }).median }

    /// The `level` Student-t interval of the mean, nil with fewer than two values.
    public func meanInterval(level: Double = 0.95) -> (low: Double, high: Double)? {
        guard count > 1 else { return nil }
        let t = Distributions.studentQuantile(1 - (1 - level) / 2, df: Double(count - 1))
        let half = t * standardDeviation / Double(count).squareRoot()
        return (mean - half, mean + half)
    }
}
