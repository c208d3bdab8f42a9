import ArgumentParser
import Foundation
import XCTest
@testable import AblateCLI
@testable import Reports
@testable import Store

/// `ablate compare`: injected regressions are found, A/A comparisons stay at the false-positive rate.
final class CompareTests: XCTestCase {
    /// Three configurations × `seeds` seeds: accuracy ~ N(accuracy, 0.004) per seed, loss ~ N(0.5, 0.005),
    /// 60 latency samples per seed (log-normal, 3% spread) around `latency`.
    func trials(seed: UInt64, seeds: Int = 5, latencyFactor: Double = 1, accuracyShift: Double = 0) -> [SyntheticTrial] {
        var noise = Noise(seed: seed)
        var out: [SyntheticTrial] = []
        for (i, norm) in ["norm.layernorm", "norm.rmsnorm", "norm.dyt"].enumerated() {
            for s in 0..<seeds {
                let latency = 2e-4 * (1 + 0.1 * Double(i)) * latencyFactor
                out.append(SyntheticTrial(
                    axes: ["model.norm": norm], seed: s,
                    metrics: [Metric(stage: "eval", name: "accuracy", value: 0.9 + accuracyShift + 0.004 * noise.normal(), unit: "fraction"),
                              Metric(stage: "eval", name: "loss", value: 0.5 + 0.005 * noise.normal(), unit: "nats/token"),
                              Metric(stage: "eval", name: "params", value: 1000, unit: "parameters")],
                    samples: (0..<60).map { _ in latency * exp(0.03 * noise.normal()) }))
            }
        }
        return out
    }

    func testFindsAnInjectedLatencyRegression() throws {
        let store = try temporaryStore(self)
        try recordSweep(store, id: "base", suite: "s", trials: trials(seed: 1))
        try recordSweep(store, id: "slow", suite: "s", trials: trials(seed: 2, latencyFactor: 1.10))
        let c = Comparison.run(baseline: try SweepData.load(store: store, sweep: "base"), candidate: try SweepData.load(store: store, sweep: "slow"))
        let latency = c.changes.filter { $0.metric == "eval.latency" }
        XCTAssertEqual(latency.count, 3)
        for l in latency {
            XCTAssertEqual(l.verdict, .regression)
            XCTAssertEqual(l.test.change, 0.10, accuracy: 0.02)
            XCTAssertTrue(l.test.low < 0.10 && 0.10 < l.test.high, "the interval covers the injected 10%")
        }
        XCTAssertEqual(c.outcome, .regression)
        XCTAssertFalse(c.changes.contains { $0.metric == "eval.params" }, "descriptive metrics are not judged")
        XCTAssertTrue(c.markdown.contains("| regression |"))
    }

    func testFindsAnInjectedAccuracyDrop() throws {
        let store = try temporaryStore(self)
        try recordSweep(store, id: "base", suite: "s", trials: trials(seed: 3))
        try recordSweep(store, id: "worse", suite: "s", trials: trials(seed: 4, accuracyShift: -0.02))
        let c = Comparison.run(baseline: try SweepData.load(store: store, sweep: "base"), candidate: try SweepData.load(store: store, sweep: "worse"))
        let accuracy = c.changes.filter { $0.metric == "eval.accuracy" }
        XCTAssertEqual(accuracy.map(\.verdict), [.regression, .regression, .regression])
        XCTAssertEqual(c.outcome, .regression)
    }

    func testImprovementsOnlyAndExitCodes() throws {
        let store = try temporaryStore(self)
        try recordSweep(store, id: "base", suite: "s", trials: trials(seed: 5))
        try recordSweep(store, id: "fast", suite: "s", trials: trials(seed: 6, latencyFactor: 0.8))
        try recordSweep(store, id: "same", suite: "s", trials: trials(seed: 7))
        try recordSweep(store, id: "slow", suite: "s", trials: trials(seed: 8, latencyFactor: 1.2))
        func exitCode(_ args: [String]) throws -> Int32 {
            var command = try Compare.parse(args + ["--store", store.path])
            do { try command.run() } catch let e as ExitCode { return e.rawValue }
            return 0
        }
        XCTAssertEqual(try exitCode(["base", "fast"]), 4)
        XCTAssertEqual(try exitCode(["base", "slow", "--json"]), 2)
        XCTAssertEqual(try exitCode(["base", "same", "--markdown"]), 0)
        XCTAssertEqual(try exitCode(["base", "slow", "--metrics", "accuracy"]), 0, "latency left out")
        XCTAssertEqual(try exitCode(["base", "slow", "--threshold", "latency=0.5"]), 0, "below the threshold")
        XCTAssertEqual(try exitCode(["base", "nope"]), 65)
        XCTAssertThrowsError(try Compare.parse(["base", "same", "--alpha", "2"]))
    }

    /// A significant rank test whose interval still contains "no change" is not a verdict.
    func testAVerdictNeedsAnIntervalThatExcludesNoChange() {
        XCTAssertEqual(Verdict.judge(change: 0.44, q: 0.03, alpha: 0.05, threshold: 0.02, polarity: .lowerIsBetter,
                                     interval: (low: -0.49, high: 0.58)), .unchanged)
        XCTAssertEqual(Verdict.judge(change: 0.44, q: 0.03, alpha: 0.05, threshold: 0.02, polarity: .lowerIsBetter,
                                     interval: (low: 0.20, high: 0.58)), .regression)
        XCTAssertEqual(Verdict.judge(change: -0.10, q: 0.01, alpha: 0.05, threshold: 0.005, polarity: .higherIsBetter,
                                     interval: (low: -0.15, high: -0.05)), .regression)
        XCTAssertEqual(Verdict.judge(change: 0.44, q: 0.03, alpha: 0.05, threshold: 0.02, polarity: .lowerIsBetter), .regression)
    }

    /// Two sweeps of the same build, many times over: with every threshold at zero, the share of
    /// repetitions with any discovery stays at α (BH controls the family-wise rate under the global null).
    func testAAComparisonsStayAtTheFalsePositiveRate() throws {
        var options = ComparisonOptions()
        options.resamples = 50  // the p-values do not depend on the bootstrap
        options.policy = MetricPolicy(thresholds: ["latency": 0, "accuracy": 0, "loss": 0])
        let repetitions = 300
        var withDiscovery = 0
        var comparisons = 0, discoveries = 0
        for r in 0..<repetitions {
            let a = syntheticData(id: "a", trials: trials(seed: UInt64(2 * r + 1000), seeds: 3))
            let b = syntheticData(id: "b", trials: trials(seed: UInt64(2 * r + 1001), seeds: 3))
            let c = Comparison.run(baseline: a, candidate: b, options: options)
            comparisons += c.changes.count
            let found = c.changes.filter { $0.verdict != .unchanged && $0.verdict != .untested }.count
            discoveries += found
            if found > 0 { withDiscovery += 1 }
        }
        XCTAssertEqual(comparisons, repetitions * 9)
        print("A/A: \(withDiscovery) of \(repetitions) repetitions with a discovery; \(discoveries) of \(comparisons) comparisons")
        // Binomial(300, 0.05): mean 15, sd 3.8; allow three standard deviations.
        XCTAssertLessThanOrEqual(withDiscovery, 26, "\(withDiscovery) of \(repetitions) A/A repetitions reported a change")
        XCTAssertLessThanOrEqual(Double(discoveries) / Double(comparisons), 0.05)
    }

    /// SweepData built in memory (the A/A loop would spend its time in SQLite otherwise).
    func syntheticData(id: String, trials: [SyntheticTrial]) -> SweepData {
        let results = trials.enumerated().map { i, t -> TrialResults in
            let norm = t.axes["model.norm"] as! String
            let spec = #"{"engine":"e","model":{"norm":"\#(norm)"},"seed":\#(t.seed)}"#
            let record = TrialRecord(key: "\(id)-\(i)", spec: spec, seed: t.seed, status: .done, attempt: 1, worker: nil, heartbeat: nil,
                                     createdAt: 0, startedAt: nil, finishedAt: nil, error: nil, failedStep: nil, environmentId: nil)
            return TrialResults(trial: record, axes: #"{"model.norm":"\#(norm)","seed":\#(t.seed)}"#, position: i, metrics: t.metrics,
                                curves: [], samples: [SampleSeries(stage: "eval", name: "latency", unit: "s", values: t.samples)])
        }
        return SweepData(sweep: SweepRecord(id: id, suite: "s", description: "", suiteText: "", createdAt: 0, updatedAt: 0),
                         trials: results, fits: [], provenance: [])
    }
}
