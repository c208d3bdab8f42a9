import Foundation
import XCTest
@testable import Harness
@testable import Reports
import Store

/// A tuned suite with claims, end to end: tuning trials, selections, final trials at the
/// selected values, verdicts; a rerun runs nothing.
final class TunedRunTests: XCTestCase {
    func testATunedSuiteTunesThenRunsTheFinalTrialsAndChecksItsClaims() throws {
        guard let exe = ablateBinary() else { throw XCTSkip("the ablate binary is not built next to the tests") }
        let folder = try temporaryFolder(self, prefix: "ablate-tuned")
        let suite = try tinySuite(folder, seeds: 3, extra: """
              grid:
                model.norm: [norm.layernorm, norm.rmsnorm]
            tune:
              keys:
                training.lr: [0.001, 0.004]
              extend: 1
            baseline: {model.norm: norm.layernorm}
            gates: {require: [stable]}
            claims:
              - {name: same, equivalent: {model.norm: norm.rmsnorm}, metric: eval.loss, margin: 10}
              - {name: tiny, better: {model.norm: norm.rmsnorm}, metric: eval.loss, margin: 10, gates: []}
            """)
        let storePath = folder.appendingPathComponent("s.sqlite").path
        let request = SuiteRun.Request(suite: suite, store: storePath, options: .init(jobs: 2, executable: exe, cores: 2))
        var report: ClaimReport?
        var lines: [String] = []
        guard case .finished(let summary) = try SuiteRun.run(request, events: { event in
            if case .claims(let r) = event { report = r }
            if case .progress(let line) = event { lines.append(line) }
        }) else { return XCTFail("the run did not finish") }
        let store = try Store(path: storePath)
        let tuning = try store.results(sweep: "tiny", phase: .tune)
        let final = try store.results(sweep: "tiny")
        XCTAssertEqual(final.count, 6)
        XCTAssertTrue((4...6).contains(tuning.count), "\(tuning.count) tuning trials")
        XCTAssertEqual(summary.ran[.done], tuning.count + final.count)
        XCTAssertTrue(tuning.allSatisfy { $0.trial.seed == 1000 && $0.metric(stage: Stage.validation, name: "loss") != nil })
        XCTAssertTrue(lines.contains { $0.hasPrefix("tuning round 1:") }, lines.joined(separator: "\n"))
        // Each final trial runs at its configuration's selected rate, the validation minimum.
        let records = try store.tunings(sweep: "tiny").map { try JSONCoding.decoder().decode(TuningRecord.self, from: Data($0.json.utf8)) }
        XCTAssertEqual(records.count, 2)
        for record in records {
            let selected = try XCTUnwrap(record.selected?["training.lr"])
            let best = record.curve.min { ($0.mean ?? .infinity) < ($1.mean ?? .infinity) }!
            XCTAssertEqual(best.values["training.lr"], selected)
            let trials = final.filter { SweepData.label(axes: $0.axes) == record.configuration }
            XCTAssertEqual(trials.count, 3)
            for t in trials { XCTAssertEqual(try TrialSpec.decode(t.trial.spec).training.lr, selected) }
        }
        // Verdicts: printed, saved, and checked again by `ablate claims`.
        let verdicts = try XCTUnwrap(report).verdicts
        XCTAssertEqual(verdicts.map(\.result), [.supported, .contradicted], verdicts.map(\.reason).joined(separator: "\n"))
        XCTAssertEqual(try store.claims(sweep: "tiny").map(\.verdict), ["supported", "contradicted"])
        // A rerun runs nothing and selects the same values.
        guard case .finished(let again) = try SuiteRun.run(request, events: { _ in }) else { return XCTFail("the rerun did not finish") }
        XCTAssertEqual(again.ran, [:])
        let claims = try runAblateStatus(exe, ["claims", "tiny", "--store", storePath, "--json"], in: folder)
        XCTAssertEqual(claims.status, 2, "a contradicted claim exits 2")
    }
}
