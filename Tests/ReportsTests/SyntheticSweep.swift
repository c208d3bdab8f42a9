import Foundation
import XCTest
@testable import Reports
@testable import Store

/// A temporary store, removed when the test ends.
func temporaryStore(_ test: XCTestCase) throws -> Store {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-reports-\(UUID().uuidString)")
    test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return try Store(path: folder.appendingPathComponent("ablate.sqlite").path)
}

/// A seeded normal generator for synthetic measurements.
struct Noise {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    /// Box–Muller.
    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

/// What one synthetic trial records.
struct SyntheticTrial {
    var axes: [String: Any]
    var seed: Int
    var status: TrialStatus = .done
    var metrics: [Metric] = []
    var samples: [Double] = []
    var curve: [Double] = []
    var error: String?
    var failedStep: Int?
}

/// Records sweep `id` of `suite` through the Store API and completes each trial with its outcome.
/// The spec is the axes nested by dotted key plus a seed, so equal axes in two sweeps pair up.
func recordSweep(_ store: Store, id: String, suite: String, trials: [SyntheticTrial], now: Double = 1_700_000_000,
                 provenance: String = #"{"git_commit":"abc123","git_dirty":false,"host":"testhost","cpu":"Test CPU","cores":2,"os":"TestOS","swift":"6.3+","build":"release","blas":"OpenBLAS test","blas_threads_per_job":1,"jobs":2,"date":"2025-01-01T00:00:00Z","engine":"ablate-engine-1"}"#) throws {
    var planned: [PlannedTrial] = []
    for (i, t) in trials.enumerated() {
        var spec: [String: Any] = ["seed": t.seed, "engine": "ablate-engine-1"]
        for (k, v) in t.axes {
            let parts = k.split(separator: ".").map(String.init)
            var inner = spec[parts[0]] as? [String: Any] ?? [:]
            if parts.count == 2 { inner[parts[1]] = v; spec[parts[0]] = inner } else { spec[k] = v }
        }
        var axes = t.axes
        axes["seed"] = t.seed
        let specText = String(decoding: try JSONSerialization.data(withJSONObject: spec, options: [.sortedKeys]), as: UTF8.self)
        let axesText = String(decoding: try JSONSerialization.data(withJSONObject: axes, options: [.sortedKeys]), as: UTF8.self)
        planned.append(PlannedTrial(key: "\(id)-\(i)", spec: specText, seed: t.seed, axes: axesText, position: i))
    }
    try store.recordSweep(id: id, suite: suite, description: "A synthetic sweep.", suiteText: "", trials: planned,
                          provenance: provenance, now: now)
    for t in trials {
        let claimed = try XCTUnwrap(try store.claim(sweep: id, worker: "w", now: now))
        let source = trials[planned.firstIndex { $0.key == claimed.key }!]
        let curves = source.curve.enumerated().map { CurvePoint(name: "loss", step: $0.offset * 10, value: $0.element) }
        let samples = source.samples.isEmpty ? [] : [SampleSeries(stage: "eval", name: "latency", unit: "s", values: source.samples)]
        try store.complete(key: claimed.key, worker: "w", outcome: TrialOutcome(
            status: source.status, metrics: source.metrics, curves: curves, samples: samples,
            error: source.error, failedStep: source.failedStep), now: now + 1)
        _ = t
    }
}
