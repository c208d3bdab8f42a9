import Foundation
import XCTest
@testable import Harness
@testable import Reports
@testable import Store

/// The `tune:` section: candidates, planning, selection on the validation split, edges.
final class TuningTests: XCTestCase {
    func suite(_ tune: String, extra: String = "") throws -> Suite {
        try Suite.parse(text: baseSuite + "\n" + tune + extra, file: "suite.yaml")
    }

    func testLogRangeCandidatesAreAtMostTwiceApart() {
        let values = Suite.logRange(1e-3, 1e-2)
        XCTAssertEqual(values.count, 5)
        XCTAssertEqual(values.first, 1e-3)
        XCTAssertEqual(values.last, 1e-2)
        for (a, b) in zip(values, values.dropFirst()) { XCTAssertLessThanOrEqual(b / a, 2 + 1e-12) }
        XCTAssertEqual(Suite.logRange(1, 2), [1, 2])
    }

    func testExtensionStepsFollowTheCandidatesSpacing() throws {
        let tuning = try XCTUnwrap(try suite("tune:\n  keys:\n    training.lr: [0.001, 0.002, 0.004]\n").tuning)
        let key = tuning.keys[0]
        XCTAssertEqual(key.step(beyond: key.candidates, above: true), 0.008, accuracy: 1e-15)
        XCTAssertEqual(key.step(beyond: key.candidates, above: false), 0.0005, accuracy: 1e-15)
        XCTAssertEqual(tuning.seeds, [1000])
        XCTAssertEqual(tuning.metric, "loss")
        XCTAssertEqual(tuning.extend, 2)
    }

    /// Selection reads validation.<metric> only: a test metric ordered the other way changes nothing.
    func testSelectionPicksTheValidationMinimumAndReportsEdges() throws {
        let s = try suite("tune:\n  keys:\n    training.lr: [0.001, 0.002, 0.004]\n  extend: 1\n")
        let tuning = try XCTUnwrap(s.tuning)
        let points = try SweepPlanner.points(s)
        let point = points.points[0]
        func results(validation: [Double], test: [Double]) throws -> [String: TrialResults] {
            var out: [String: TrialResults] = [:]
            for (i, lr) in tuning.keys[0].candidates.enumerated() {
                let spec = try TuningPlanner.spec(point, tuning: tuning, values: [lr], seed: 1000, tag: nil, phase: .tune)
                XCTAssertEqual(spec.training.lr, lr)
                XCTAssertTrue(spec.compression.isEmpty)
                XCTAssertFalse(spec.measurement.latency)
                let record = TrialRecord(key: spec.key, spec: spec.canonicalJSON, seed: 1000, status: .done, attempt: 1, worker: nil,
                                         heartbeat: nil, createdAt: 0, startedAt: nil, finishedAt: nil, error: nil, failedStep: nil,
                                         environmentId: nil)
                out[spec.key] = TrialResults(trial: record, axes: "{}", position: i, metrics: [
                    Metric(stage: Stage.validation, name: "loss", value: validation[i]),
                    Metric(stage: "eval", name: "loss", value: test[i]),
                ], curves: [], samples: [])
            }
            return out
        }
        let candidates = tuning.keys.map(\.candidates)
        // Validation minimum inside the range; test says otherwise.
        var picked = try TuningSelection.select(point, tuning: tuning, candidates: candidates, original: candidates,
                                                results: try results(validation: [0.5, 0.3, 0.4], test: [0.1, 0.9, 0.2]), tag: nil)
        XCTAssertEqual(picked.best, [0.002])
        XCTAssertEqual(picked.record.selected, ["training.lr": 0.002])
        XCTAssertTrue(picked.record.atEdge.isEmpty)
        XCTAssertEqual(picked.record.curve.map(\.mean), [0.5, 0.3, 0.4])
        // At the high end: an edge to extend.
        picked = try TuningSelection.select(point, tuning: tuning, candidates: candidates, original: candidates,
                                            results: try results(validation: [0.5, 0.4, 0.3], test: [0.1, 0.2, 0.9]), tag: nil)
        XCTAssertEqual(picked.best, [0.004])
        XCTAssertTrue(picked.edges[0].high)
        XCTAssertFalse(picked.edges[0].low)
        XCTAssertEqual(picked.record.atEdge, ["training.lr"])
    }

    func testBadTuneSectionsNameTheKey() {
        func error(_ text: String) -> SuiteError? {
            do { _ = try SweepPlanner.plan(try Suite.parse(text: baseSuite + "\n" + text, file: "suite.yaml")); return nil } catch { return error as? SuiteError }
        }
        XCTAssertEqual(error("tune:\n  keys:\n    training.lrr: [0.001, 0.002]\n")?.key, "tune.keys.training.lrr")
        XCTAssertEqual(error("tune:\n  keys:\n    training.lr: [0.001, 0.002]\n  split: test\n")?.key, "tune.split")
        XCTAssertEqual(error("tune:\n  keys:\n    training.lr: [0.001, 20]\n")?.key, "training.lr")
        XCTAssertEqual(error("tune:\n  keys:\n    training.lr: {log-range: [0.01, 0.001]}\n")?.key, "tune.keys.training.lr.log-range")
        XCTAssertEqual(error("tune:\n  keys:\n    training.lr: [0.001, 0.002]\n  metric: accuracy\n")?.key, "tune.metric")
        XCTAssertEqual(error("tune:\n  keys:\n    training.lr: [0.001, 0.002]\nsweep:\n  grid:\n    training.lr: [0.1, 0.2]\n")?.key,
                       "tune.keys.training.lr")
        XCTAssertEqual(error("tune:\n  keys:\n    model.norm.params.nope: [1, 2]\n")?.key, "model.norm.params.nope")
        XCTAssertNil(error("tune:\n  keys:\n    training.lr: {log-range: [0.001, 0.01]}\n    training.warmup: [0, 1]\n"))
    }

    func testBadClaimsNameTheKey() {
        let grid = "sweep:\n  grid:\n    model.norm: [norm.layernorm, norm.rmsnorm]\n    model.width: [16, 24]\n  seeds: 3\n"
        func error(_ text: String) -> SuiteError? {
            do { _ = try SweepPlanner.plan(try Suite.parse(text: baseSuite + "\n" + grid + text, file: "suite.yaml")); return nil } catch { return error as? SuiteError }
        }
        XCTAssertEqual(error("baseline: {model.nrom: norm.layernorm}\n")?.key, "baseline.model.nrom")
        XCTAssertEqual(error("baseline: {model.norm: norm.dyt}\n")?.key, "baseline.model.norm")
        XCTAssertEqual(error("claims:\n  - {better: {model.norm: norm.rmsnorm}, metric: eval.loss}\n")?.key, "claims[0]")
        let base = "baseline: {model.norm: norm.layernorm}\ngates: {require: []}\n"
        XCTAssertEqual(error(base + "claims:\n  - {better: {model.norm: norm.rmsnorm}, metric: eval.lsos}\n")?.key, "claims[0].metric")
        XCTAssertEqual(error(base + "claims:\n  - {better: {model.norm: norm.rmsnorm}, metric: eval.params}\n")?.key, "claims[0].metric")
        XCTAssertEqual(error(base + "claims:\n  - {equivalent: {model.norm: norm.rmsnorm}, metric: eval.loss}\n")?.key, "claims[0]")
        XCTAssertEqual(error(base + "claims:\n  - {better: {model.norm: norm.rmsnorm}, worse: {model.width: 16}, metric: eval.loss}\n")?.key, "claims[0]")
        XCTAssertEqual(error(base + "claims:\n  - {monotone: model.depth, direction: increasing, metric: eval.loss}\n")?.key, "claims[0].monotone")
        XCTAssertEqual(error(base + "claims:\n  - {slope: all, above: 0}\n")?.key, "claims[0].fit")
        XCTAssertEqual(error(base + "claims:\n  - {better: {model.norm: norm.rmsnorm}, metric: eval.loss, margin: lots}\n")?.key, "claims[0].margin")
        XCTAssertEqual(error(base + "claims:\n  - {better: {model.norm: norm.rmsnorm}, metric: eval.loss, gates: [tuned, fast]}\n")?.key,
                       "claims[0].gates[1]")
        // The converged gate needs a validation point at or before 80% of training.
        XCTAssertEqual(error("baseline: {model.norm: norm.layernorm}\nclaims:\n  - {better: {model.norm: norm.rmsnorm}, metric: eval.loss}\n")?.key,
                       "training.eval_every")
        XCTAssertNil(error(base + "claims:\n  - {better: {model.norm: norm.rmsnorm}, metric: eval.loss, margin: 5%}\n"
                           + "  - {monotone: model.width, direction: decreasing, metric: eval.loss, where: {model.norm: norm.rmsnorm}}\n"
                           + "  - {order: [{model.norm: norm.rmsnorm}, {model.norm: norm.layernorm}], metric: eval.exact_match}\n"))
        let suite = try! Suite.parse(text: baseSuite + "\n" + grid + base
                                     + "claims:\n  - {equivalent: {model.norm: norm.rmsnorm}, metric: eval.loss, margin: 5%}\n", file: "suite.yaml")
        let claim = suite.claims[0]
        XCTAssertEqual(claim.kind, .equivalent)
        XCTAssertEqual(claim.margin, .relative(0.05))
        XCTAssertEqual(claim.reference, ["model.norm": "norm.layernorm"])
        XCTAssertEqual(claim.subjects, [["model.norm": "norm.rmsnorm"]])
        XCTAssertEqual(claim.gates, [])
        XCTAssertTrue(claim.location.hasPrefix("suite.yaml:"), claim.location)
    }
}
