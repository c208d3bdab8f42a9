import Metrics
import Reports
import Store
import XCTest

/// The metric catalogue: one entry per name, found by name, and the polarities that compare,
/// check and the reports read from it.
final class MetricCatalogueTests: XCTestCase {
    func testNamesAreUniqueAndFound() {
        let names = MetricSpec.catalogue.map(\.name)
        XCTAssertEqual(Set(names).count, names.count, "a metric name is declared twice")
        for spec in MetricSpec.catalogue { XCTAssertEqual(MetricSpec.named(spec.name), spec) }
        XCTAssertEqual(MetricSpec.named("layer_error:blocks.0.ffn.up")?.polarity, .lowerIsBetter)
        XCTAssertEqual(MetricSpec.named("layer_bytes:head")?.unit, "bytes")
        XCTAssertNil(MetricSpec.named("no_such_metric"))
    }

    /// The catalogue took over from the name heuristics without changing a verdict: every
    /// catalogue metric has the polarity its name used to be given.
    func testCataloguePolaritiesAgreeWithTheNameHeuristics() {
        let policy = MetricPolicy()
        // Added after the catalogue: task references, neutral though their names read as quality.
        let references: Set<String> = [MetricSpec.referenceLoss.name, MetricSpec.chanceAccuracy.name]
        for spec in MetricSpec.catalogue where !references.contains(spec.name) {
            XCTAssertEqual(policy.polarity(spec.name), spec.polarity, spec.name)
            XCTAssertEqual(policy.inferredPolarity(spec.name), spec.polarity, spec.name)
        }
        for name in references { XCTAssertEqual(policy.polarity(name), .neutral, name) }
        XCTAssertEqual(policy.polarity("eval.latency_median_s"), .lowerIsBetter)
        XCTAssertEqual(policy.polarity("compress:quant.int8.exact_match"), .higherIsBetter)
    }

    func testPerUnitMetricsKeepTheirStoredUnits() {
        XCTAssertEqual(MetricSpec.finalLoss(.example).unit, "nats/example")
        XCTAssertEqual(MetricSpec.throughput(.token).unit, "tokens/s")
        XCTAssertEqual(MetricSpec.trainingItems(.example).name, "tokens")
        XCTAssertEqual(MetricSpec.forwardFLOPs(.token).unit, "FLOPs")
        XCTAssertEqual(MetricSpec.forwardFLOPs(.example).unit, "FLOPs/example")
        XCTAssertEqual(MetricSpec.loss.with(unit: "nats/byte").polarity, .lowerIsBetter)
        let metric = Metric(stage: "eval", .modelBytes, value: 12)
        XCTAssertEqual([metric.name, metric.unit, metric.label], ["model_bytes", "bytes", "measured"])
    }
}
