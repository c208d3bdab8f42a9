import Foundation
import XCTest
@testable import Reports
@testable import Store

/// The gates of one trial, from what it recorded.
final class TrialGatesTests: XCTestCase {
    func trial(status: TrialStatus = .done, validation: Double? = 0.5, reference: Double? = 2.0, losses: [Double] = [3, 2, 1, 0.8],
               validationCurve: [(Int, Double)] = [(100, 0.6), (200, 0.52), (300, 0.5)], warmup: Int = 10) -> TrialResults {
        var metrics: [Metric] = []
        if let validation { metrics.append(Metric(stage: Stage.validation, name: "loss", value: validation)) }
        if let reference { metrics.append(Metric(stage: "eval", name: "reference_loss", value: reference)) }
        let curves = losses.enumerated().map { CurvePoint(name: "loss", step: $0.offset * 10, value: $0.element) }
            + validationCurve.map { CurvePoint(name: "val_loss", step: $0.0, value: $0.1) }
        let record = TrialRecord(key: "k", spec: #"{"seed":0,"training":{"warmup":\#(warmup)}}"#, seed: 0, status: status, attempt: 1,
                                 worker: nil, heartbeat: nil, createdAt: 0, startedAt: nil, finishedAt: nil, error: nil,
                                 failedStep: status == .diverged ? 20 : nil, environmentId: nil)
        return TrialResults(trial: record, axes: "{}", position: 0, metrics: metrics, curves: curves, samples: [])
    }

    func gate(_ g: Gate, _ t: TrialResults, _ settings: GateSettings = .standard) -> GateResult {
        TrialGates.evaluate(t, settings: settings).first { $0.gate == g }!
    }

    func testHeadroom() {
        XCTAssertTrue(gate(.headroom, trial(validation: 1.7, reference: 2.0)).passed)      // 15% below
        XCTAssertFalse(gate(.headroom, trial(validation: 1.9, reference: 2.0)).passed)     // 5% below
        let missing = gate(.headroom, trial(reference: nil))
        XCTAssertFalse(missing.passed)
        XCTAssertTrue(missing.detail.hasPrefix("not measured"), missing.detail)
    }

    func testConvergedComparesEightyPercentWithTheEnd() {
        // 0.52 at step 200 (≤ 240) → 0.5 at 300: 0.02 of the 1.5 from the reference 2.0 is 1.3% < 5%.
        XCTAssertTrue(gate(.converged, trial()).passed)
        // Still falling: 0.8 → 0.5 is 0.3 of 1.5, 20%.
        XCTAssertFalse(gate(.converged, trial(validationCurve: [(100, 1.0), (200, 0.8), (300, 0.5)])).passed)
        // A loss approaching zero: 0.03 → 0.01 is 1% of the improvement from 2.0.
        XCTAssertTrue(gate(.converged, trial(validationCurve: [(100, 0.2), (200, 0.03), (300, 0.01)])).passed)
        // Without a reference, the first validation point is the start: (0.8 - 0.5) / (1.0 - 0.5) = 60%.
        XCTAssertFalse(gate(.converged, trial(reference: nil, validationCurve: [(100, 1.0), (200, 0.8), (300, 0.5)])).passed)
        // Still above the reference and improving: 2.6 → 2.5 is 0.1 of the 0.5 from the first point 3.0.
        XCTAssertFalse(gate(.converged, trial(validationCurve: [(100, 3.0), (200, 2.6), (300, 2.5)])).passed)
        // Flat at the reference: nothing came late.
        XCTAssertTrue(gate(.converged, trial(validationCurve: [(100, 2.0), (200, 2.0), (300, 2.0)])).passed)
        // Only the final point (eval_every = 0).
        let unmeasured = gate(.converged, trial(validationCurve: [(300, 0.5)]))
        XCTAssertFalse(unmeasured.passed)
        XCTAssertTrue(unmeasured.detail.contains("eval_every"), unmeasured.detail)
    }

    func testStableCatchesASpikeAfterWarmUpAndDivergence() {
        XCTAssertTrue(gate(.stable, trial()).passed)
        // The PowerNorm pattern: a 10× jump right after warm-up.
        let spike = gate(.stable, trial(losses: [3, 2, 1, 10, 9, 8], warmup: 30))
        XCTAssertFalse(spike.passed)
        XCTAssertTrue(spike.detail.contains("step 30"), spike.detail)
        // The same jump inside warm-up is allowed.
        XCTAssertTrue(gate(.stable, trial(losses: [3, 2, 1, 10, 2, 1], warmup: 40)).passed)
        // Noise near zero: 0.03 → 0.1 is below 3 × a tenth of the first loss (0.9).
        XCTAssertTrue(gate(.stable, trial(losses: [3, 1, 0.1, 0.03, 0.1], warmup: 0)).passed)
        XCTAssertFalse(gate(.stable, trial(status: .diverged)).passed)
    }
}
