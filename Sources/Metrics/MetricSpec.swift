/// A metric Ablate records: its store name, unit, which direction is better, a short human
/// label for tables and figures, and what it measures. The catalogue (`MetricSpec.catalogue`)
/// declares each name once; writers and readers take name, unit and polarity from it.
public struct MetricSpec: Sendable, Hashable {
    /// The name in the store's `metrics` table, e.g. `latency_median_s`.
    public let name: String
    /// The unit stored with each value, e.g. `s`, `bytes`, `nats/token`.
    public let unit: String
    public let polarity: Polarity
    /// A few words for a table header or an axis, e.g. `median latency`.
    public let label: String
    /// What the metric measures, in a sentence.
    public let summary: String

    public init(_ name: String, unit: String, _ polarity: Polarity, label: String, _ summary: String) {
        self.name = name
        self.unit = unit
        self.polarity = polarity
        self.label = label
        self.summary = summary
    }

    public var higherIsBetter: Bool { polarity == .higherIsBetter }

    /// The values the metric can take: [0, 1] for a fraction, any real for a logit (a raw
    /// score); every other metric Ablate records (losses, counts, bytes, times, ratios) is
    /// non-negative.
    public var valueRange: ClosedRange<Double> {
        switch unit {
        case "fraction": return 0...1
        case "logit": return -Double.infinity...Double.infinity
        default: return 0...Double.infinity
        }
    }

    /// The same metric in another unit (a loss per byte instead of per token) or described for
    /// one task; name, polarity and label stay the catalogue's.
    public func with(unit: String? = nil, summary: String? = nil) -> MetricSpec {
        MetricSpec(name, unit: unit ?? self.unit, polarity, label: label, summary ?? self.summary)
    }
}

/// What one training step consumes: sequence tasks count tokens, classifier tasks examples.
/// Throughput and per-item costs are stored in this unit.
public enum TrainingUnit: String, Sendable, CaseIterable {
    case token, example

    /// `tokens` or `examples`.
    public var plural: String { rawValue + "s" }
}
