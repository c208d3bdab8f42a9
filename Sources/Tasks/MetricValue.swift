import Metrics

/// A metric's value.
public struct MetricValue: Sendable, Equatable {
    public let spec: MetricSpec
    public let value: Double
    public var name: String { spec.name }
}
