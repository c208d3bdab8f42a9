/// A closed interval [low, high] of a real quantity, such as a confidence interval.
public struct Interval: Sendable, Codable, Equatable {
    /// The lower end.
    public var low: Double
    /// The upper end.
    public var high: Double

    /// The interval from `low` to `high`.
    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// Whether `x` lies inside the interval, ends included.
    public func contains(_ x: Double) -> Bool { low <= x && x <= high }

    /// The interval's length, high − low.
    public var width: Double { high - low }

    /// The interval of an undefined quantity (both ends NaN).
    public static let undefined = Interval(low: .nan, high: .nan)
}
