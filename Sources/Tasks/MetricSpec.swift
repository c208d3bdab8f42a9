/// A metric a task reports.
public struct MetricSpec: Sendable, Hashable {
    public let name: String
    public let unit: String
    public let higherIsBetter: Bool
    public let summary: String

    public init(_ name: String, unit: String, higherIsBetter: Bool, _ summary: String) {
        self.name = name
        self.unit = unit
        self.higherIsBetter = higherIsBetter
        self.summary = summary
    }

    public static let accuracy = MetricSpec("accuracy", unit: "fraction", higherIsBetter: true,
                                            "fraction of examples whose arg-max class is the label")
    public static let crossEntropy = MetricSpec("cross_entropy", unit: "nats/example", higherIsBetter: false,
                                                "mean softmax cross-entropy of the label")
    public static let exactMatch = MetricSpec("exact_match", unit: "fraction", higherIsBetter: true,
                                              "fraction of examples whose whole answer is right")
    public static let tokenAccuracy = MetricSpec("token_accuracy", unit: "fraction", higherIsBetter: true,
                                                 "fraction of answer tokens predicted right")
    public static let answerLoss = MetricSpec("loss", unit: "nats/token", higherIsBetter: false,
                                              "mean cross-entropy over answer tokens")
    public static let exactMatchBeyond = MetricSpec(
        "exact_match_beyond_train", unit: "fraction", higherIsBetter: true,
        "exact match on test examples longer than any training example (length generalization)")
    public static let tokenAccuracyBeyond = MetricSpec(
        "token_accuracy_beyond_train", unit: "fraction", higherIsBetter: true,
        "token accuracy on test examples longer than any training example (length generalization)")
}

/// A metric's value.
public struct MetricValue: Sendable, Equatable {
    public let spec: MetricSpec
    public let value: Double
    public var name: String { spec.name }
}
