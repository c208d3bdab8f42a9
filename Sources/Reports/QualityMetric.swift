import Metrics

/// The metric a sweep's quality is read from, for Pareto fronts and compression trade-offs.
public struct QualityMetric: Sendable, Equatable {
    /// The metric name (its stage is `eval` or a `compress:<id>` stage).
    public let name: String
    public let unit: String
    public let polarity: Polarity

    /// The sweep's main quality metric: accuracy-like metrics first, then losses (eval stage).
    public static func primary(of data: SweepData, policy: MetricPolicy = MetricPolicy()) -> QualityMetric? {
        let eval = data.metricNames.filter { $0.stage == "eval" }
        let preference: [MetricSpec] = [.accuracy, .exactMatch, .tokenAccuracy, .bitAccuracy, .loss, .crossEntropy, .bitsPerByte]
        for wanted in preference.map(\.name) {
            if let m = eval.first(where: { $0.name == wanted }) {
                return QualityMetric(name: m.name, unit: m.unit, polarity: policy.polarity(m.name))
            }
        }
        return nil
    }

    /// Whether `a` is better than `b` under this metric's polarity.
    public func better(_ a: Double, than b: Double) -> Bool {
        polarity == .higherIsBetter ? a > b : a < b
    }
}
