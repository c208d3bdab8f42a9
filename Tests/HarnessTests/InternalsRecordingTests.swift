import Foundation
import XCTest
@testable import Harness
import NN
import Store
import Tensor

/// `measurement.internals`: the suite key, the spec it leaves unchanged when off, the curves
/// and final metrics a trial records, and the report section.
final class InternalsRecordingTests: XCTestCase {
    func spec(_ yaml: String) throws -> TrialSpec {
        try SweepPlanner.plan(try Suite.parse(text: yaml, file: "suite.yaml")).trials[0].spec
    }

    func suite(_ measurement: String, model: String = "{depth: 2, width: 16, heads: 2}",
               task: String = "{id: task.copy, params: {alphabet: 4, max_length: 4, train_examples: 64, eval_examples: 16}}") -> String {
        """
        name: internals
        task: \(task)
        model: \(model)
        training: {steps: 7, batch: 8, log_every: 3}
        measurement: \(measurement)
        """
    }

    func testOffLeavesTheSpecAsItWasAndGroupsAreCanonical() throws {
        let off = try spec(suite("{latency: false}"))
        XCTAssertNil(off.measurement.internals)
        XCTAssertFalse(off.canonicalJSON.contains("internals"), "an unchanged key for trials without internals")
        XCTAssertEqual(try spec(suite("{latency: false, internals: []}")).key, off.key)
        let on = try spec(suite("{latency: false, internals: [logits, attention, attention]}"))
        XCTAssertEqual(on.measurement.internals, [.attention, .logits])
        XCTAssertNotEqual(on.key, off.key)
        XCTAssertEqual(try TrialSpec.decode(on.canonicalJSON), on)
    }

    func testAnUnknownGroupNamesTheAllowedOnes() {
        XCTAssertThrowsError(try spec(suite("{latency: false, internals: [attention, entropy]}"))) { error in
            guard let e = error as? SuiteError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.key, "measurement.internals[1]")
            XCTAssertEqual(e.location.line, 5)
            XCTAssertEqual(e.allowed, "attention, logits, gradients, residual, activations, moe, decay")
        }
    }

    func testAnMLPRejectsGroupsItCannotReport() {
        let text = suite("{latency: false, internals: [gradients, attention]}", model: "{family: mlp, depth: 1, width: 8}",
                         task: "{id: task.permutation, params: {k: 8}}")
        XCTAssertThrowsError(try spec(text)) { error in
            guard let e = error as? SuiteError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.key, "measurement.internals")
            XCTAssertEqual(e.allowed, "activations, gradients")
            XCTAssertTrue(e.message.contains("no attention statistics"), e.message)
        }
    }

    func testGradientSpreadIsTheLargestOverTheSmallestLayerNorm() {
        let statistics = InternalsRecorder.gradientStatistics([0: 1, 1: 4, 2: 2])
        XCTAssertEqual(statistics, ["gradients.norm.L0": 1, "gradients.norm.L1": 4, "gradients.norm.L2": 2, "gradients.spread": 4])
        XCTAssertNil(InternalsRecorder.gradientStatistics([0: 0, 1: 1])["gradients.spread"], "undefined with a zero-gradient layer")
    }

    /// Any reporting layer is read the same way: its keys filtered by the groups asked for,
    /// named by its layer, averaged over the replicas, and switched on only while measuring.
    func testTheRecorderReadsAnyReporterByLayerAndGroup() throws {
        final class Reporter: InternalsReporting {
            var recordsInternals = false
            let value: Double
            init(_ value: Double) { self.value = value }
            func takeInternals() -> [String: Double] {
                ["moe.load_cv": value, "decay.mean": 0.5, "other.x": 1, "moe.router_entropy": .nan]
            }
        }
        struct Model: InternalsSource {
            let reporter: Reporter
            var internalsReporters: [(layer: Int?, reporter: any InternalsReporting)] { [(1, reporter)] }
            func internalsLayer(ofParameter name: String) -> Int? { nil }
        }
        let replicas = [Model(reporter: Reporter(0)), Model(reporter: Reporter(1))]
        var rng = RNG(seed: 0)
        let trainer = Trainer(model: MLPClassifier(inputs: 1, hidden: [], classes: 2, rng: &rng), optimizer: SGD(), learningRate: 0)
        let recorder = InternalsRecorder(groups: [.moe], replicas: replicas, trainer: trainer)
        XCTAssertNil(trainer.gradientObserver, "no gradients asked for")
        recorder.begin()
        XCTAssertTrue(replicas.allSatisfy { $0.reporter.recordsInternals })
        XCTAssertEqual(recorder.finish(), ["moe.load_cv.L1": 0.5], "other groups and non-finite values left out")
        XCTAssertFalse(replicas.contains { $0.reporter.recordsInternals })
        let both = InternalsRecorder(groups: [.moe, .decay], replicas: replicas, trainer: trainer)
        both.begin()
        XCTAssertEqual(both.finish(), ["moe.load_cv.L1": 0.5, "decay.mean.L1": 0.5])
    }

    func testATrialRecordsCurvesOnLoggedStepsAndFinalValues() throws {
        let on = TrialExecution.run(try spec(suite("{latency: false, internals: [attention, logits, gradients, residual, activations]}")),
                                    threads: 1, gemmPeak: nil)
        XCTAssertEqual(on.status, .done, on.error ?? "")
        let entropy = on.curves.filter { $0.name == "internals.attention.entropy.L1" }
        XCTAssertEqual(entropy.map(\.step), [0, 3, 6], "every log_every steps and the last")
        for name in ["attention.max_logit.L0", "attention.entropy.L1", "logits.mean_log_z", "gradients.norm.L0", "gradients.spread",
                     "residual.rms.L1", "activations.kurtosis.L0", "activations.max_median.L1"] {
            let metric = on.metrics.first { $0.stage == Stage.internals && $0.name == name }
            XCTAssertNotNil(metric?.value, name)
            XCTAssertEqual(metric?.value, on.curves.last { $0.name == "internals." + name }?.value, "the final value is the last point")
        }
        XCTAssertEqual(on.metrics.first { $0.name == "attention.entropy.L0" }?.unit, "nats")
        let spread = try XCTUnwrap(on.metrics.first { $0.name == "gradients.spread" }?.value)
        XCTAssertGreaterThanOrEqual(spread, 1)

        let off = TrialExecution.run(try spec(suite("{latency: false}")), threads: 1, gemmPeak: nil)
        XCTAssertFalse(off.curves.contains { $0.name.hasPrefix("internals.") })
        XCTAssertFalse(off.metrics.contains { $0.stage == Stage.internals })
        // Measuring does not change training: the same losses either way.
        XCTAssertEqual(off.curves.filter { $0.name == "loss" }, on.curves.filter { $0.name == "loss" })
    }

    func testAnMLPTrialRecordsActivationsAndGradients() throws {
        let text = suite("{latency: false, internals: [activations, gradients]}", model: "{family: mlp, depth: 2, width: 8, activation: gelu}",
                         task: "{id: task.permutation, params: {k: 8}}")
        let outcome = TrialExecution.run(try spec(text), threads: 1, gemmPeak: nil)
        XCTAssertEqual(outcome.status, .done, outcome.error ?? "")
        let names = Set(outcome.metrics.filter { $0.stage == Stage.internals }.map(\.name))
        XCTAssertTrue(names.isSuperset(of: ["activations.kurtosis.L0", "activations.max_median.L1", "gradients.norm.L2", "gradients.spread"]),
                      "\(names.sorted())")
        XCTAssertFalse(names.contains { $0.hasPrefix("residual.") }, "an MLP has no residual stream")
    }

    func testASuiteWithInternalsRunsIntoAStoreAndItsReportShowsThem() throws {
        guard let ablate = ablateBinary() else { throw XCTSkip("the ablate binary is not built next to the tests") }
        let folder = try temporaryFolder(self, prefix: "ablate-internals")
        let text = suite("{latency: false, internals: [attention, residual, activations]}") + "\nsweep: {grid: {model.depth: [1, 2]}}\n"
        let path = folder.appendingPathComponent("internals.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("store.sqlite").path
        _ = try runAblate(ablate, ["run", path, "--store", store, "--jobs", "2"], in: folder)
        let out = folder.appendingPathComponent("reports")
        _ = try runAblate(ablate, ["report", "internals", "--store", store, "--out", out.path], in: folder)
        let report = out.appendingPathComponent("internals/internals")
        let markdown = try String(contentsOf: report.appendingPathComponent("report.md"), encoding: .utf8)
        for expected in ["## Mechanism metrics", "| `attention.entropy` | nats | model.depth=1 |", "### Mechanism metrics by layer",
                         "### Mechanism metrics over training", "figures/internals-curves.gp"] {
            XCTAssertTrue(markdown.contains(expected), "the report lacks \(expected)")
        }
        XCTAssertNil(markdown.range(of: #"\b(nan|inf)\b"#, options: [.regularExpression, .caseInsensitive]))
        // Depth 1 has no layer 1: its cell is a dash.
        let row = try XCTUnwrap(markdown.split(separator: "\n").first { $0.hasPrefix("| `residual.rms` | value | model.depth=1 |") })
        XCTAssertTrue(row.hasSuffix("| – |"), String(row))
    }
}
