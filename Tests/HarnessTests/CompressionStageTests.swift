import Foundation
import XCTest
@testable import Harness
import Store

/// A trial's compression pipelines run on its trained model: every stage evaluated, sized,
/// timed interleaved with the dense model and labelled.
final class CompressionStageTests: XCTestCase {
    func testPipelinesRecordEveryStage() throws {
        let plan = try SweepPlanner.plan(try Suite.parse(text: """
            name: compress
            task: {id: task.copy, params: {alphabet: 4, max_length: 4, train_examples: 256, eval_examples: 32}}
            model: {depth: 1, width: 32, heads: 2}
            training: {steps: 30, batch: 16, lr: 0.003}
            measurement: {latency: true, bootstrap: 100}
            compression:
              - compress.quant.int8
              - [compress.prune.magnitude, {id: compress.quant.int, params: {bits: 4}}]
              - [compress.quant.int8, {id: compress.prune.magnitude, params: {sparsity: 0.5}}]
            """, file: "inline.yaml"))
        let spec = plan.trials[0].spec
        XCTAssertEqual(spec.compression.map { $0.map(\.id) },
                       [["compress.quant.int8"], ["compress.prune.magnitude", "compress.quant.int"],
                        ["compress.quant.int8", "compress.prune.magnitude"]])
        let outcome = TrialExecution.run(spec, threads: 1)
        XCTAssertEqual(outcome.status, .done, outcome.error ?? "")
        XCTAssertNil(outcome.error)
        func value(_ stage: String, _ name: String) -> Double? { outcome.metrics.first { $0.stage == stage && $0.name == name }?.value ?? nil }
        let stages = Set(outcome.metrics.map(\.stage).filter { $0.hasPrefix("compress:") })
        // The shared first stage (int8 alone and as the third chain's first step) is recorded
        // once; a parameter given at its default value does not enter the stage name.
        XCTAssertEqual(stages, ["compress:quant.int8", "compress:prune.magnitude", "compress:prune.magnitude>quant.int(bits=4)",
                                "compress:quant.int8>prune.magnitude"])
        let dense = try XCTUnwrap(value("eval", "model_bytes"))
        for stage in stages {
            let bytes = try XCTUnwrap(value(stage, "model_bytes"), stage)
            XCTAssertEqual(try XCTUnwrap(value(stage, "compression_ratio")), dense / bytes, accuracy: 1e-9)
            XCTAssertNotNil(value(stage, "exact_match"), "\(stage) is evaluated on the test split")
            XCTAssertNotNil(value(stage, "latency_median_s"), "\(stage) is timed")
            XCTAssertNotNil(value(stage, "latency_ratio_to_dense"))
            XCTAssertTrue(outcome.samples.contains { $0.stage == stage && $0.name == "latency" })
        }
        XCTAssertLessThan(try XCTUnwrap(value("compress:quant.int8", "model_bytes")), dense)
        XCTAssertLessThan(try XCTUnwrap(value("compress:prune.magnitude>quant.int(bits=4)", "model_bytes")),
                          try XCTUnwrap(value("compress:quant.int8", "model_bytes")))
        // int8 decodes to Float32 and runs dense BLAS: its latency is labelled simulated.
        let label = outcome.metrics.first { $0.stage == "compress:quant.int8" && $0.name == "latency_median_s" }?.label
        XCTAssertEqual(label, "simulated")
        XCTAssertTrue(outcome.metrics.contains { $0.stage == "compress:quant.int8" && $0.name.hasPrefix("layer_error:") })
    }

    func testClassifierPipelineWithDistillationRecovers() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
            throw XCTSkip("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist, or make deps)")
        }
        let plan = try SweepPlanner.plan(try Suite.parse(text: """
            name: compress-mlp
            task: {id: task.fashion-mnist}
            model: {family: mlp, depth: 2, width: 64}
            training: {steps: 150, batch: 32, lr: 0.003}
            measurement: {latency: false}
            compression:
              - [{id: compress.lowrank.svd, params: {energy: 0.3}}, {id: compress.recover.distill, params: {steps: 100}}]
            """, file: "inline.yaml"))
        let outcome = TrialExecution.run(plan.trials[0].spec, threads: 1)
        XCTAssertEqual(outcome.status, .done, outcome.error ?? "")
        XCTAssertNil(outcome.error)
        func loss(_ stage: String) throws -> Double {
            try XCTUnwrap(outcome.metrics.first { $0.stage == stage && $0.name == "cross_entropy" }?.value, stage)
        }
        let damaged = try loss("compress:lowrank.svd(energy=0.3)")
        let healed = try loss("compress:lowrank.svd(energy=0.3)>recover.distill(steps=100)")
        XCTAssertLessThan(try loss("eval"), damaged)
        XCTAssertLessThan(healed, damaged, "distillation from the trained teacher lowers the test loss")
    }

    func testCompressionOfWeightSharedModelsIsRefusedAtValidation() {
        XCTAssertThrowsError(try SweepPlanner.plan(try Suite.parse(text: """
            name: shared
            task: {id: task.copy}
            model: {depth: 2, width: 32, heads: 2, arch: [arch.tied]}
            compression: [compress.quant.int8]
            """, file: "inline.yaml"))) { error in
            XCTAssertTrue("\(error)".contains("weight-shared"), "\(error)")
        }
    }
}
