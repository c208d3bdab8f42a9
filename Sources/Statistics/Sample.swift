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
    public var mean: Double { Descriptive.mean(values) }

    /// The unbiased sample variance (NaN with fewer than two values).
    public var variance: Double { Descriptive.variance(values) }

    /// The sample standard deviation.
    public var standardDeviation: Double { Descriptive.standardDeviation(values) }

    /// The q-quantile, linearly interpolated (NaN when empty).
    public func quantile(_ q: Double) -> Double { Descriptive.quantile(sorted: sorted, q) }

    /// The median (NaN when empty).
    public var median: Double { quantile(0.5) }

    /// The median absolute deviation from the median.
    public var mad: Double { Descriptive.medianAbsoluteDeviation(values) }

    /// The `level` Student-t interval of the mean, nil with fewer than two values.
    public func meanInterval(level: Double = 0.95) -> Interval? { StudentT.meanInterval(values, level: level) }
}
