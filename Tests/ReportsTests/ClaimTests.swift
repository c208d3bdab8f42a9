import Foundation
import XCTest
@testable import Reports
import Statistics
@testable import Store

/// Claims checked into verdicts on sweeps with a known true effect.
final class ClaimTests: XCTestCase {
    /// A sweep of two configurations, `model.norm` = a (reference) and b, over `seeds` seeds:
    /// eval.loss = 1 + 0.3·s + noise for a and the same plus `effect` for b, where s is shared
    /// by both sides of a seed (what pairing removes). Also a deterministic parameter count.
    func sweep(effect: Double, noise: Double, seeds: Int, seed: UInt64, fraction: Bool = false, stage: String = "eval") -> SweepData {
        var rng = Noise(seed: seed)
        var results: [TrialResults] = []
        for s in 0..<seeds {
            let shared = 0.3 * rng.normal()
            for (norm, shift) in [("a", 0.0), ("b", effect)] {
                let loss = 1 + shared + shift + noise * rng.normal()
                var metrics = [Metric(stage: stage, name: "loss", value: loss, unit: "nats/token"),
                               Metric(stage: "eval", name: "params", value: norm == "a" ? 1000 : 900, unit: "parameters")]
                if fraction {
                    metrics.append(Metric(stage: "eval", name: "exact_match", value: min(1, max(0, 0.9 + shift + noise * rng.normal())), unit: "fraction"))
                }
                let spec = #"{"engine":"e","model":{"norm":"\#(norm)"},"seed":\#(s)}"#
                let record = TrialRecord(key: "\(norm)-\(s)", spec: spec, seed: s, status: .done, attempt: 1, worker: nil, heartbeat: nil,
                                         createdAt: 0, startedAt: nil, finishedAt: nil, error: nil, failedStep: nil, environmentId: nil)
                results.append(TrialResults(trial: record, axes: #"{"model.norm":"\#(norm)","seed":\#(s)}"#, position: results.count,
                                            metrics: metrics, curves: [], samples: []))
            }
        }
        return SweepData(sweep: SweepRecord(id: "claims", suite: "s", description: "", suiteText: "", createdAt: 0, updatedAt: 0),
                         trials: results, fits: [], provenance: [])
    }

    func evaluator(draws: Int = 2000) -> ClaimEvaluator {
        var effects = EffectSettings()
        effects.draws = draws
        return ClaimEvaluator(gates: .standard, effects: effects, tuned: true, fits: []) { _ in throw CancellationError() }
    }

    func claim(_ kind: Claim.Kind, metric: String = "eval.loss", margin: Claim.Margin? = nil, gates: [Gate] = []) -> Claim {
        Claim(name: kind.rawValue, kind: kind, metric: metric, subjects: [["model.norm": "b"]], reference: ["model.norm": "a"],
              margin: margin, gates: gates)
    }

    func verdict(_ c: Claim, _ data: SweepData) -> ClaimVerdict {
        evaluator().evaluate([c], data: data).verdicts[0]
    }

    func testATrueEffectIsSupportedAndItsOppositeContradicted() {
        let data = sweep(effect: -0.2, noise: 0.02, seeds: 5, seed: 1)
        XCTAssertEqual(verdict(claim(.better), data).result, .supported)
        XCTAssertEqual(verdict(claim(.better, margin: .absolute(0.1)), data).result, .supported)
        XCTAssertEqual(verdict(claim(.better, margin: .absolute(0.5)), data).result, .contradicted)
        XCTAssertEqual(verdict(claim(.better, margin: .relative(0.1)), data).result, .supported)
        XCTAssertEqual(verdict(claim(.worse), data).result, .contradicted)
        XCTAssertEqual(verdict(claim(.equivalent, margin: .absolute(0.05)), data).result, .contradicted)
        let effect = verdict(claim(.better), data).effects[0]
        XCTAssertEqual(effect.n, 5)
        XCTAssertEqual(effect.difference, -0.2, accuracy: 0.05)
        let interval = try! XCTUnwrap(effect.interval)
        XCTAssertTrue(interval.low < effect.difference && effect.difference < interval.high)
        XCTAssertLessThan(interval.high, 0)
    }

    func testNoEffectIsEquivalentWithinAWideMarginAndBetterIsInconclusive() {
        let data = sweep(effect: 0, noise: 0.01, seeds: 5, seed: 2)
        XCTAssertEqual(verdict(claim(.equivalent, margin: .absolute(0.1)), data).result, .supported)
        XCTAssertEqual(verdict(claim(.equivalent, margin: .relative(0.1)), data).result, .supported)
        XCTAssertEqual(verdict(claim(.better), data).result, .inconclusive)
        XCTAssertEqual(verdict(claim(.worse), data).result, .inconclusive)
    }

    func testTheOppositeEffectContradictsTheClaim() {
        let data = sweep(effect: 0.3, noise: 0.02, seeds: 4, seed: 3)
        XCTAssertEqual(verdict(claim(.better), data).result, .contradicted)
        XCTAssertEqual(verdict(claim(.worse), data).result, .supported)
    }

    /// A compression stage's name holds dots: the claim's `stage.name` is matched to what was recorded.
    func testAClaimOnACompressionStageFindsItsMetric() {
        let stage = "compress:prune.nm>quant.int(bits=4,granularity=group)"
        let data = sweep(effect: -0.2, noise: 0.02, seeds: 5, seed: 1, stage: stage)
        let v = verdict(claim(.better, metric: stage + ".loss"), data)
        XCTAssertEqual(v.result, .supported, v.reason)
        XCTAssertEqual(v.effects.first?.metric, stage + ".loss")
    }

    func testTwoSeedsGiveNoIntervalAndNoVerdict() {
        let data = sweep(effect: -0.5, noise: 0.01, seeds: 2, seed: 4)
        let v = verdict(claim(.better), data)
        XCTAssertEqual(v.result, .inconclusive)
        XCTAssertNil(v.effects[0].interval)
        XCTAssertTrue(v.reason.contains("range"), v.reason)
    }

    /// A deterministic quantity has an exact difference (no ±), and a ratio for costs.
    func testDeterministicQuantitiesCarryNoSpread() {
        let data = sweep(effect: 0, noise: 0.01, seeds: 3, seed: 5)
        let v = verdict(claim(.better, metric: "eval.params"), data)
        XCTAssertEqual(v.result, .supported)
        let e = v.effects[0]
        XCTAssertTrue(e.deterministic)
        XCTAssertEqual(e.interval, Interval(low: -100, high: -100))
        XCTAssertEqual(try XCTUnwrap(e.ratio), 0.9, accuracy: 1e-12)
        XCTAssertEqual(NumberFormat.interval(e.difference, e.interval!.low, e.interval!.high), "-100")
    }

    /// A proportion's difference never leaves [-1, 1].
    func testProportionIntervalsStayInRange() {
        let data = sweep(effect: -0.6, noise: 0.3, seeds: 3, seed: 6, fraction: true)
        let e = verdict(claim(.worse, metric: "eval.exact_match"), data).effects[0]
        let interval = try! XCTUnwrap(e.interval)
        XCTAssertGreaterThanOrEqual(interval.low, -1)
        XCTAssertLessThanOrEqual(interval.high, 1)
    }

    /// A failing gate turns any verdict inconclusive and says which gate.
    func testAFailedGateMakesTheClaimInconclusive() {
        let data = sweep(effect: -0.2, noise: 0.02, seeds: 5, seed: 7)
        let v = verdict(claim(.better, gates: [.headroom]), data)
        XCTAssertEqual(v.result, .inconclusive)
        XCTAssertTrue(v.failedGates.contains { $0.hasPrefix("headroom:") }, "\(v.failedGates)")
        XCTAssertTrue(v.reason.contains("would be supported"), v.reason)
        var untuned = evaluator()
        untuned.tuned = false
        let t = untuned.evaluate([claim(.better, gates: [.tuned])], data: data).verdicts[0]
        XCTAssertEqual(t.result, .inconclusive)
        XCTAssertTrue(t.failedGates[0].hasPrefix("tuned:"), "\(t.failedGates)")
    }

    /// The same configuration under two names, 300 times: `better` is supported at most at
    /// the nominal one-sided rate (2.5%), at 3 and at 5 seeds.
    func testAAClaimsAreSupportedAtMostAtTheNominalRate() {
        let e = evaluator(draws: 400)
        for seeds in [3, 5] {
            var supported = 0
            for r in 0..<300 {
                let data = sweep(effect: 0, noise: 0.05, seeds: seeds, seed: UInt64(10_000 + 7 * r + seeds))
                if e.evaluate([claim(.better)], data: data).verdicts[0].result == .supported { supported += 1 }
            }
            // Binomial(300, 0.025): mean 7.5, sd 2.7; allow three standard deviations.
            XCTAssertLessThanOrEqual(supported, 16, "\(supported) of 300 A/A repetitions at \(seeds) seeds claimed better")
        }
    }

    func testOrderAndMonotoneChains() {
        let data = sweep(effect: -0.2, noise: 0.02, seeds: 5, seed: 8)
        var order = claim(.order)
        order.subjects = [["model.norm": "b"], ["model.norm": "a"]]
        XCTAssertEqual(verdict(order, data).result, .supported)
        order.subjects.reverse()
        XCTAssertEqual(verdict(order, data).result, .contradicted)
    }

    func testExitCodes() {
        func report(_ results: [ClaimResult]) -> ClaimReport {
            ClaimReport(sweep: "s", verdicts: results.map { ClaimVerdict(claim: claim(.better), result: $0, reason: "") }, method: "")
        }
        XCTAssertEqual(report([.supported, .supported]).exitCode, 0)
        XCTAssertEqual(report([.supported, .inconclusive]).exitCode, 4)
        XCTAssertEqual(report([.inconclusive, .contradicted]).exitCode, 2)
    }
}

/// Numbers rounded to the precision their interval supports.
final class IntervalFormatTests: XCTestCase {
    func testDigitsFollowTheIntervalWidth() {
        XCTAssertEqual(NumberFormat.interval(0.31841, 0.30112, 0.33577), "0.318 [0.301, 0.336]")
        XCTAssertEqual(NumberFormat.interval(0.888, 0.47, 1.0), "0.89 [0.47, 1.00]")
        XCTAssertEqual(NumberFormat.interval(12.345, 2.1, 22.6), "12 [2, 23]")
        XCTAssertEqual(NumberFormat.interval(1.34e-5, 1.13e-5, 1.55e-5), "1.34e-05 [1.13e-05, 1.55e-05]")
        XCTAssertEqual(NumberFormat.interval(7, 7, 7), "7")
    }
}

/// A mean's interval stays inside what the metric can be.
final class SeedIntervalTests: XCTestCase {
    func testIntervalsStayInTheMetricsRange() throws {
        let loss = try XCTUnwrap(SeedInterval.of([0.01, 0.4, 0.02], metric: "loss"))
        XCTAssertEqual(loss.low, 0)
        let match = try XCTUnwrap(SeedInterval.of([1, 0.5, 1], metric: "exact_match"))
        XCTAssertEqual(match.high, 1)
        XCTAssertLessThan(try XCTUnwrap(SeedInterval.of([0.01, 0.4, 0.02], metric: "custom")).low, 0)
        XCTAssertNil(SeedInterval.of([1, 2], metric: "loss"))
        XCTAssertEqual(SeedInterval.text([1, 2], metric: "loss"), "1.5 (n = 2)")
        XCTAssertEqual(SeedInterval.text([7, 7, 7], metric: "params"), "7")
    }
}
