import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// `compress.quant.mixed`: the knapsack is exact, the budget holds, and mixed precision does
/// at least as well as uniform bits at equal bytes.
final class QuantizationMixedTests: XCTestCase {
    func testAllocationIsTheExactKnapsackOptimum() {
        let delta: [[Double]] = [[0.0, 0.5, 2.0], [0.1, 0.2, 0.3], [0.0, 1.0, 4.0]]
        let cost = [[8, 4, 3], [8, 4, 3], [8, 4, 3]]
        for budget in 9...24 {
            var best = Double.infinity
            for a in 0..<3 { for b in 0..<3 { for c in 0..<3 where cost[0][a] + cost[1][b] + cost[2][c] <= budget {
                best = min(best, delta[0][a] + delta[1][b] + delta[2][c])
            } } }
            let choice = MixedPrecisionQuantization.allocate(delta: delta, cost: cost, budget: budget)
            if best.isInfinite { XCTAssertNil(choice); continue }
            let pick = try! XCTUnwrap(choice)
            XCTAssertLessThanOrEqual(zip(pick, cost).reduce(0) { $0 + $1.1[$1.0] }, budget)
            XCTAssertEqual(zip(pick, delta).reduce(0) { $0 + $1.1[$1.0] }, best, accuracy: 1e-12, "budget \(budget)")
        }
        XCTAssertNil(MixedPrecisionQuantization.allocate(delta: delta, cost: cost, budget: 8))
    }

    func testMeetsTheBudgetAndBeatsUniformAtEqualBytes() throws {
        let fixture = CompressionFixture.languageModel()
        let uniform = try applyCompression("compress.quant.int", ["bits": .int(3), "granularity": .string("channel"), "symmetric": .bool(false)], to: fixture)
        let uniformBits = try XCTUnwrap(uniform.outcome.metrics["bits_per_weight"])
        let mixed = try applyCompression("compress.quant.mixed", ["budget": .double(uniformBits), "symmetric": .bool(false)], to: fixture)
        let weights = mixed.outcome.layers.count
        XCTAssertEqual(weights, uniform.outcome.layers.count)
        let mixedBits = try XCTUnwrap(mixed.outcome.metrics["bits_per_weight"])
        XCTAssertLessThanOrEqual(mixedBits, uniformBits)
        let (uniformLoss, mixedLoss) = (fixture.evaluationLoss(uniform.model), fixture.evaluationLoss(mixed.model))
        let chosen = mixed.outcome.metrics.filter { $0.key.hasPrefix("bits.") }.sorted { $0.key < $1.key }.map { "\($0.key.dropFirst(5))=\(Int($0.value))" }
        print("mixed vs uniform int3 at \(uniformBits) bits/weight: uniform \(uniformLoss), mixed \(mixedLoss) (\(mixedBits) bits/weight; \(chosen.joined(separator: " ")))")
        XCTAssertLessThanOrEqual(mixedLoss, uniformLoss)
        XCTAssertThrowsError(try applyCompression("compress.quant.mixed", ["budget": .double(1)], to: fixture))
        XCTAssertThrowsError(try applyCompression("compress.quant.mixed", ["bits_choices": .string("8,5")], to: fixture))
    }
}
