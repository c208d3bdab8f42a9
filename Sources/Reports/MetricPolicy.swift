import Metrics

/// The polarity and minimum relevant effect of each metric, from its name (store metric names
/// follow the task catalogue and the harness: `loss`, `accuracy`, `latency_median_s`, `model_bytes`).
public struct MetricPolicy: Sendable, Equatable {
    /// Relative thresholds that override the defaults, by metric name (`latency` → 0.05).
    public var thresholds: [String: Double]

    /// Default thresholds: 2% for timings, 1% for memory and 0.5% for quality metrics.
    public init(thresholds: [String: Double] = [:]) {
        self.thresholds = thresholds
    }

    /// The polarity of metric `name` (a bare name or `stage.name`): the catalogue's, else
    /// inferred from the name (a method's own metrics, older stores).
    public func polarity(_ name: String) -> Polarity {
        if let spec = MetricSpec.named(name) ?? MetricSpec.named(bareName(name)) { return spec.polarity }
        return inferredPolarity(name)
    }

    /// The polarity that the name's words suggest (`accuracy`, `loss`, a `_s` timing, `bytes`).
    public func inferredPolarity(_ name: String) -> Polarity {
        let n = bareName(name)
        let higher = ["accuracy", "exact_match", "tokens_per_s", "throughput", "mfu"]
        if higher.contains(where: { n.contains($0) }) { return .higherIsBetter }
        if isTiming(n) || isMemory(n) { return .lowerIsBetter }
        let lower = ["loss", "cross_entropy", "bits_per_byte", "perplexity", "error"]
        if lower.contains(where: { n.contains($0) }) { return .lowerIsBetter }
        return .neutral
    }

    /// The minimum relative change of `name` that counts as a regression or an improvement.
    public func threshold(_ name: String) -> Double {
        let n = bareName(name)
        if let t = thresholds[name] ?? thresholds[n] { return t }
        if isTiming(n) { return 0.02 }
        if isMemory(n) { return 0.01 }
        return 0.005
    }

    /// Whether `name` is a timing (seconds).
    public func isTiming(_ n: String) -> Bool {
        n == "latency" || (n.hasSuffix("_s") && !n.hasSuffix("per_s"))
    }

    private func isMemory(_ n: String) -> Bool { n.hasSuffix("bytes") && !n.contains("per_token") }

    private func bareName(_ name: String) -> String {
        name.split(separator: ".").last.map(String.init) ?? name
    }
}
