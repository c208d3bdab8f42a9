import Foundation
import XCTest
@testable import Harness
import Reports
import Store
import Tasks

/// What a real trial records for the gates, read back from the store.
final class GateRecordingTests: XCTestCase {
    func testATrialRecordsFinalValidationTheReferenceAndAValidationCurveToItsLastStep() throws {
        guard let exe = ablateBinary() else { throw XCTSkip("the ablate binary is not built next to the tests") }
        let folder = try temporaryFolder(self, prefix: "ablate-gates")
        let suite = try tinySuite(folder, seeds: 1)
        let storePath = folder.appendingPathComponent("s.sqlite").path
        // 10 steps evaluated every 2: validation points at 2, 4, 6, 8 and the final one at 10.
        let overrides = ["training.steps=10", "training.eval_every=2", "training.eval_examples=8"]
        let request = SuiteRun.Request(suite: suite, overrides: overrides, store: storePath, options: .init(jobs: 1, executable: exe, cores: 2))
        guard case .finished(let summary) = try SuiteRun.run(request, events: { _ in }) else { return XCTFail("the run did not finish") }
        XCTAssertEqual(summary.ran, [.done: 1])

        let trial = try XCTUnwrap(try Store(path: storePath).results(sweep: "tiny").first)
        let loss = try XCTUnwrap(trial.metric(stage: Stage.validation, name: "loss"))
        XCTAssertNotNil(trial.metric(stage: Stage.validation, name: "exact_match"))
        let curve = trial.curves.filter { $0.name == "val_loss" }.sorted { $0.step < $1.step }
        XCTAssertEqual(curve.map(\.step), [2, 4, 6, 8, 10])
        XCTAssertEqual(try XCTUnwrap(curve.last?.value), loss, "the curve ends at the final validation loss")

        // The reference is the task's own, computed from its training split.
        let spec = try XCTUnwrap(try SweepPlanner.plan(try Suite.load(path: suite, overrides: overrides)).trials.first?.spec)
        let task = try TaskCatalog.make(spec.task.id, parameters: spec.task.params.mapValues(\.parameterValue), seed: UInt64(spec.task.seed))
        XCTAssertEqual(try XCTUnwrap(trial.metric(stage: "eval", name: "reference_loss")), TaskReference.of(task).loss, accuracy: 1e-9)
        XCTAssertNil(trial.metric(stage: "eval", name: "chance_accuracy"), "a sequence task has no chance accuracy")

        let gates = TrialGates.evaluate(trial, settings: .standard)
        XCTAssertEqual(gates.map(\.gate), [.headroom, .converged, .stable])
        for g in gates { XCTAssertFalse(g.detail.hasPrefix("not measured"), "\(g.gate): \(g.detail)") }
        XCTAssertTrue(try XCTUnwrap(gates.first { $0.gate == .converged }).detail.contains("at step 8"))
    }
}
