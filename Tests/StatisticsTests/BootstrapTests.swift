import Foundation
import XCTest
import Statistics

/// The bootstrap by its properties, with fixed seeds (its draws have no reference outside this code).
final class BootstrapTests: XCTestCase {
    let x = [3.2, 4.1, 2.7, 5.5, 3.9, 4.4, 3.1, 4.8, 3.6, 4.0]

    func testSameSeedSameInterval() {
        let a = Bootstrap.meanInterval(x, level: 0.95, draws: 500, seed: 7)
        XCTAssertEqual(a, Bootstrap.meanInterval(x, level: 0.95, draws: 500, seed: 7))
        XCTAssertNotEqual(a, Bootstrap.meanInterval(x, level: 0.95, draws: 500, seed: 8))
        let b = [2.9, 4.4, 2.5, 5.0, 3.9, 4.0, 3.3, 4.1, 3.0, 4.2]
        XCTAssertEqual(Bootstrap.pairedRatio(baseline: b, candidate: x, level: 0.9, draws: 300, seed: 3),
                       Bootstrap.pairedRatio(baseline: b, candidate: x, level: 0.9, draws: 300, seed: 3))
        XCTAssertEqual(Bootstrap.clusteredMean([x, b], level: 0.9, draws: 300, seed: 3),
                       Bootstrap.clusteredMean([x, b], level: 0.9, draws: 300, seed: 3))
    }

    func testMeanIntervalContainsTheMeanAndRespectsBounds() {
        let i = Bootstrap.meanInterval(x, level: 0.95, draws: 1000, seed: 1)
        XCTAssertTrue(i.contains(Descriptive.mean(x)))
        XCTAssertGreaterThan(i.width, 0)
        // Noisy rates that overshoot 1: the upper end is clamped, the lower one kept.
        let rates = [0.8, 1.05, 1.04, 0.9, 1.06, 1.02]
        let free = Bootstrap.meanInterval(rates, level: 0.95, draws: 1000, seed: 1)
        let bounded = Bootstrap.meanInterval(rates, level: 0.95, draws: 1000, seed: 1, bounds: 0...1)
        XCTAssertGreaterThan(free.high, 1)
        XCTAssertEqual(bounded.high, 1)
        XCTAssertEqual(bounded.low, free.low)
        XCTAssertTrue(Bootstrap.meanInterval([], level: 0.95, draws: 100, seed: 1).low.isNaN)
    }

    func testPairedIntervalOfAConstantShiftIsTheShift() {
        let baseline = [1.5, 2.75, 0.5, 3.25, 2.0, 1.0]
        let shifted = baseline.map { $0 + 0.25 }
        let d = Bootstrap.pairedMeanDifference(baseline: baseline, candidate: shifted, level: 0.95, draws: 400, seed: 2)
        XCTAssertEqual(d, Interval(low: 0.25, high: 0.25))
        let doubled = baseline.map { $0 * 2 }
        let r = Bootstrap.pairedRatio(baseline: baseline, candidate: doubled, level: 0.95, draws: 400, seed: 2)
        XCTAssertEqual(r, Interval(low: 2, high: 2))
    }

    func testClusteredBootstrapOverIdenticalClustersHasZeroWidth() {
        let cluster = [0.3, 0.7, 0.55, 0.61]
        let i = Bootstrap.clusteredMean(Array(repeating: cluster, count: 5), level: 0.95, draws: 300, seed: 4)
        XCTAssertEqual(i.width, 0)
        XCTAssertEqual(i.low, Descriptive.mean(Array(repeating: cluster, count: 5).flatMap { $0 }))
        // Clusters that differ spread it.
        XCTAssertGreaterThan(Bootstrap.clusteredMean([[1, 1.2], [2, 2.1], [3, 2.9]], level: 0.95, draws: 300, seed: 4).width, 0)
    }

    func testTwoSampleResamplesEachSide() {
        let i = Bootstrap.twoSample(baseline: [1, 1, 1], candidate: [2, 2, 2, 2], level: 0.95, draws: 50, seed: 0) {
            Descriptive.median($1) / Descriptive.median($0)
        }
        XCTAssertEqual(i, Interval(low: 2, high: 2))
        XCTAssertTrue(Bootstrap.medianInterval(x, level: 0.95, draws: 500, seed: 5).contains(Descriptive.median(x)))
    }

    func testMeanIntervalCoverageNearNominal() {
        // 200 seeded samples of n = 30 from N(10, 2²): the 95% interval should cover 10 about 95% of the time.
        var rng = SplitMix64(seed: 2026)
        func normal() -> Double {
            let u1 = (Double(rng.next() >> 11) + 0.5) * 0x1p-53, u2 = Double(rng.next() >> 11) * 0x1p-53
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
        var covered = 0
        for repetition in 0..<200 {
            let sample = (0..<30).map { _ in 10 + 2 * normal() }
            if Bootstrap.meanInterval(sample, level: 0.95, draws: 1000, seed: UInt64(repetition)).contains(10) { covered += 1 }
        }
        let coverage = Double(covered) / 200
        XCTAssertGreaterThanOrEqual(coverage, 0.90)
        XCTAssertLessThanOrEqual(coverage, 0.98)
    }
}
