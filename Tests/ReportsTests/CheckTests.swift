import ArgumentParser
import Foundation
import XCTest
@testable import AblateCLI
@testable import Reports
@testable import Store

/// `ablate check`: a real step is found; a single noisy night and a slow drift are told apart from it.
final class CheckTests: XCTestCase {
    let options = ComparisonOptions()

    func history(_ n: Int, seed: UInt64, level: Double = 1e-3, spread: Double = 0.005) -> [Double] {
        var noise = Noise(seed: seed)
        return (0..<n).map { _ in level * (1 + spread * noise.normal()) }
    }

    func testStepIsFound() {
        let h = history(10, seed: 1)
        let s = NightlyCheck.judge(configuration: "c", metric: "eval.latency", unit: "s", history: h, newest: 1.1e-3,
                                   newestError: 2e-6, options: options)
        XCTAssertLessThan(s.p!, 1e-3)
        XCTAssertEqual(s.change, 0.10, accuracy: 0.02)
    }

    func testStableNightAndNoisyHistoryAreNotSteps() {
        var h = history(10, seed: 2)
        h[4] *= 1.25  // one noisy night in the history
        let s = NightlyCheck.judge(configuration: "c", metric: "eval.latency", unit: "s", history: h, newest: 1.002e-3,
                                   newestError: 2e-6, options: options)
        XCTAssertGreaterThan(s.p!, 0.05)
        XCTAssertGreaterThanOrEqual(s.noisyNights, 1, "the noisy night is seen as one")
        // A newest night that is off but itself very noisy (its replicates disagree) is not a step either.
        let noisy = NightlyCheck.judge(configuration: "c", metric: "eval.latency", unit: "s", history: history(10, seed: 3),
                                       newest: 1.06e-3, newestError: 4e-5, options: options)
        XCTAssertGreaterThan(noisy.p!, 0.05)
    }

    func testSlowDriftIsADriftNotAStep() throws {
        // 1% per night over 12 nights: each night is within the scatter of the trend, the window is 12% worse.
        var noise = Noise(seed: 4)
        let values = (0..<13).map { i in 1e-3 * (1 + 0.01 * Double(i)) * (1 + 0.002 * noise.normal()) }
        let sweeps = values.enumerated().map { i, v in night(id: "n\(i)", latency: v, seed: UInt64(i)) }
        let check = NightlyCheck.run(suite: "nightly", sweeps: sweeps)
        let latency = try XCTUnwrap(check.series.first { $0.metric == "eval.latency" })
        XCTAssertEqual(latency.verdict, .driftWorse, check.text)
        XCTAssertEqual(check.outcome, .noChange)
        XCTAssertEqual(NightlyCheck.run(suite: "nightly", sweeps: sweeps, failOnDrift: true).outcome, .regression)
    }

    func testNightlyStepThroughStoresAndExitCodes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-check-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        var noise = Noise(seed: 9)
        // One store per night, as the nightly job writes them; the last night is 15% slower.
        for night in 0..<8 {
            let store = try Store(path: folder.appendingPathComponent("night-\(night).sqlite").path)
            let level = 1e-3 * (1 + 0.004 * noise.normal()) * (night == 7 ? 1.15 : 1)
            try recordSweep(store, id: "nightly", suite: "nightly", trials: (0..<3).map { s in
                SyntheticTrial(axes: ["model.norm": "norm.rmsnorm"], seed: s,
                               metrics: [Metric(stage: "eval", name: "accuracy", value: 0.9, unit: "fraction")],
                               samples: (0..<40).map { _ in level * exp(0.01 * noise.normal()) })
            }, now: 1_700_000_000 + Double(night) * 86_400)
        }
        func exitCode(_ args: [String]) throws -> Int32 {
            var command = try Check.parse(args)
            do { try command.run() } catch let e as ExitCode { return e.rawValue }
            return 0
        }
        XCTAssertEqual(try exitCode(["nightly", "--stores", folder.path, "--store", "/nonexistent.sqlite"]), 2)
        // Without the slow night (history of the first seven): no step.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("night-7.sqlite"))
        XCTAssertEqual(try exitCode(["nightly", "--stores", folder.path, "--store", "/nonexistent.sqlite", "--json"]), 0)
        XCTAssertEqual(try exitCode(["unknown-suite", "--stores", folder.path, "--store", "/nonexistent.sqlite"]), 65)
    }

    /// One night: three seeds of one configuration with 40 latency samples around `latency`.
    func night(id: String, latency: Double, seed: UInt64) -> SweepData {
        var noise = Noise(seed: seed + 100)
        let trials = (0..<3).map { s -> TrialResults in
            let record = TrialRecord(key: "\(id)-\(s)", spec: #"{"model":{"norm":"norm.rmsnorm"},"seed":\#(s)}"#, seed: s, status: .done,
                                     attempt: 1, worker: nil, heartbeat: nil, createdAt: 0, startedAt: nil, finishedAt: nil, error: nil,
                                     failedStep: nil, environmentId: nil)
            return TrialResults(trial: record, axes: #"{"model.norm":"norm.rmsnorm","seed":\#(s)}"#, position: s, metrics: [],
                                curves: [], samples: [SampleSeries(stage: "eval", name: "latency", unit: "s",
                                                                   values: (0..<40).map { _ in latency * exp(0.002 * noise.normal()) })])
        }
        return SweepData(sweep: SweepRecord(id: id, suite: "nightly", description: "", suiteText: "", createdAt: 0, updatedAt: 0),
                         trials: trials, fits: [], provenance: [])
    }
}
