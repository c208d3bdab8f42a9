import Store

/// What tuning found for one configuration: the whole tuning curve, the selected values and
/// the rule, and which keys stayed at an edge of their candidates. Saved in the store (`tunings`).
public struct TuningRecord: Sendable, Codable, Equatable {
    /// One candidate combination and its validation scores.
    public struct Point: Sendable, Codable, Equatable {
        /// Tuned key → value.
        public var values: [String: Double]
        /// The selection metric per tuning seed (nil: not finished or failed; ±inf: diverged).
        public var scores: [Double?]
        /// Their mean over the finished seeds (nil when none finished).
        public var mean: Double?

        public init(values: [String: Double], scores: [Double?], mean: Double?) {
            self.values = values; self.scores = scores; self.mean = mean
        }
    }

    /// The configuration's axis values (`model.norm=norm.rmsnorm model.width=32`).
    public var configuration: String
    /// The tuned keys, in suite order.
    public var keys: [String]
    /// How the value was selected.
    public var rule: String
    /// Every candidate tried, in candidate order.
    public var curve: [Point]
    /// Tuned key → selected value; nil when no candidate finished.
    public var selected: [String: Double]?
    /// Tuned key → steps added below and above the suite's candidates.
    public var extendedBelow: [String: Int]
    public var extendedAbove: [String: Int]
    /// Keys whose best value is still at an end of the candidates (the `tuned` gate fails).
    public var atEdge: [String]

    public init(configuration: String, keys: [String], rule: String, curve: [Point], selected: [String: Double]?,
                extendedBelow: [String: Int], extendedAbove: [String: Int], atEdge: [String]) {
        self.configuration = configuration; self.keys = keys; self.rule = rule; self.curve = curve; self.selected = selected
        self.extendedBelow = extendedBelow; self.extendedAbove = extendedAbove; self.atEdge = atEdge
    }

    /// The record as compact JSON.
    public var json: String { try! JSONCoding.text(self, .sorted) }
}
