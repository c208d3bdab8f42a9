/// The outcome of one two-sample test: the effect estimate with its interval and a p-value.
public struct HypothesisTest: Sendable, Equatable, Codable {
    /// The test's name (`welch-t`, `mann-whitney+bootstrap`).
    public var method: String
    /// The effect: candidate ÷ baseline − 1 (a relative change).
    public var change: Double
    /// The interval of `change` at the comparison's level.
    public var low: Double
    public var high: Double
    /// The two-sided p-value (nil when the data cannot support a test, e.g. one replicate each).
    public var p: Double?
}
