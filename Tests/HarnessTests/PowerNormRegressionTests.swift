import Foundation
import XCTest
@testable import Harness
import Store

/// PowerNorm on the normalization suite's setting trains without the loss spike it had at the
/// end of warm-up (40-288 nats/byte at step 10 of 200), when ψ² was a running mean of a
/// residual stream that had grown since.
final class PowerNormRegressionTests: XCTestCase {
    func testNoLossSpikeAfterWarmUp() throws {
        // The suite's learning rates and depths.
        let plan = try SweepPlanner.plan(try Suite.parse(text: """
            name: powernorm
            task: {id: task.text-bytes, params: {seq_len: 32, train_tokens: 200000, validation_fraction: 0.01, test_fraction: 0.01}}
            model: {depth: 2, width: 32, heads: 2, norm: norm.powernorm, mix_alpha: 0.5}
            training: {steps: 200, batch: 16, lr: 4.0e-3, schedule: cosine, warmup: 20, log_every: 1, eval_examples: 128}
            measurement: {latency: false}
            sweep:
              grid: {training.lr: [1.0e-3, 4.0e-3, 1.6e-2], model.depth: [2, 4]}
            """, file: "powernorm.yaml"))
        for planned in plan.trials { try check(planned.spec) }
    }

    func check(_ spec: TrialSpec) throws {
        let label = "lr \(spec.training.lr), depth \(spec.model.depth)"
        XCTAssertEqual(spec.model.norm.revision, 2)
        let outcome = TrialExecution.run(spec, threads: 1, gemmPeak: nil)
        XCTAssertEqual(outcome.status, .done, "\(label): \(outcome.error ?? "")")
        // PowerNorm's own warm-up: 5% of 200 steps.
        let losses = outcome.curves.filter { $0.name == "loss" }.sorted { $0.step < $1.step }
        var lowest = Double.infinity
        for p in losses {
            guard let v = p.value else { continue }
            if p.step > 10 { XCTAssertLessThanOrEqual(v, 2 * lowest, "\(label): loss \(v) at step \(p.step), lowest before \(lowest)") }
            lowest = min(lowest, v)
        }
        let final = try XCTUnwrap(outcome.metrics.first { $0.stage == "eval" && $0.name == "loss" }?.value)
        XCTAssertLessThan(final, 3.5, "\(label): PowerNorm's test loss \(final) nats/byte")
    }
}
