import Foundation
import Metrics
import XCTest
@testable import Reports
@testable import Store

/// The report's mechanism metrics: the table by layer (undefined values as `–`) and the figures.
final class InternalsReportTests: XCTestCase {
    func testInternalsNamesResolveInTheCatalogue() {
        XCTAssertEqual(MetricSpec.named("attention.entropy.L3")?.unit, "nats")
        XCTAssertEqual(MetricSpec.named("logits.mean_log_z")?.valueRange, -Double.infinity...Double.infinity, "a logit can be negative")
        XCTAssertNil(MetricSpec.named("attention.entropy.Lx"))
        XCTAssertEqual(MetricSpec.internalsLayer(of: "activations.max_median.L12").statistic, "activations.max_median")
        XCTAssertEqual(MetricSpec.internalsLayer(of: "activations.max_median.L12").layer, 12)
        XCTAssertNil(MetricSpec.internalsLayer(of: "gradients.spread").layer)
    }

    func testUndefinedStatisticsAreDashesAndTheFiguresFollowTheData() throws {
        let store = try temporaryStore(self)
        var trials: [SyntheticTrial] = []
        for norm in ["norm.layernorm", "norm.none"] {
            for seed in 0..<2 {
                var metrics = [Metric(stage: "eval", name: "loss", value: 1, unit: "nats/token"),
                               Metric(stage: Stage.internals, MetricSpec.meanLogZ, value: Double(seed)),
                               Metric(stage: Stage.internals, MetricSpec.residualRMS.atLayer(0), value: 2),
                               Metric(stage: Stage.internals, MetricSpec.residualRMS.atLayer(1), value: 4)]
                // A constant output has no kurtosis: the trial records none.
                if norm == "norm.layernorm" { metrics.append(Metric(stage: Stage.internals, MetricSpec.activationKurtosis.atLayer(1), value: 3)) }
                trials.append(SyntheticTrial(axes: ["model.norm": norm], seed: seed, metrics: metrics))
            }
        }
        try recordSweep(store, id: "internals", suite: "internals", trials: trials)
        let data = try SweepData.load(store: store, sweep: "internals")
        let text = MarkdownReport(data: data, charts: ChartBuilder(data: data).charts(), command: "ablate report internals").text
        XCTAssertTrue(text.contains("## Mechanism metrics"))
        XCTAssertTrue(text.contains("| statistic | unit | configuration | model | L0 | L1 |"), text)
        XCTAssertTrue(text.contains("| `logits.mean_log_z` | logit | model.norm=norm.none | 0.5 | – | – |"), text)
        XCTAssertTrue(text.contains("| `residual.rms` | value | model.norm=norm.layernorm | – | 2 | 4 |"), text)
        XCTAssertTrue(text.contains("| `activations.kurtosis` | ratio | model.norm=norm.none | – | – | – |"), text)
        XCTAssertTrue(text.contains("| `activations.kurtosis` | ratio | model.norm=norm.layernorm | – | – | 3 |"), text)
        XCTAssertNil(text.range(of: #"\bnan\b"#, options: [.regularExpression, .caseInsensitive]))

        let charts = ChartBuilder(data: data).internalsCharts()
        XCTAssertEqual(charts.map(\.name), ["internals-by-layer"], "no curves recorded, no curve figure")
        let byLayer = charts[0]
        XCTAssertTrue(byLayer.commands.hasPrefix("set multiplot layout 1,2\n"), "two per-layer statistics, two panels")
        XCTAssertTrue(byLayer.script(format: .svg).contains("set terminal svg size 800,520 "))
        XCTAssertTrue(byLayer.data.contains("# index 0: residual.rms norm=layernorm\n0 2\n1 4\n"), byLayer.data)
    }

    func testNoInternalsNoSection() throws {
        let store = try temporaryStore(self)
        try recordSweep(store, id: "plain", suite: "plain", trials: [SyntheticTrial(axes: [:], seed: 0, metrics: [
            Metric(stage: "eval", name: "loss", value: 1, unit: "nats/token")])])
        let data = try SweepData.load(store: store, sweep: "plain")
        XCTAssertFalse(MarkdownReport(data: data, charts: [], command: "x").text.contains("Mechanism"))
        XCTAssertTrue(ChartBuilder(data: data).internalsCharts().isEmpty)
    }
}
