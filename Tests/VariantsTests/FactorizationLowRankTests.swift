import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// `compress.lowrank.svd`: Eckart–Young error of the truncation, exactness at full rank,
/// the trainable factors' gradients, and the method's rank choice and break-even rule.
final class FactorizationLowRankTests: XCTestCase {
    /// A fixed random weight [out, in].
    func weight(_ out: Int, _ inputs: Int, seed: UInt64 = 5) -> Tensor {
        GradientCheck.input([out, inputs], seed: seed)
    }

    func testRelativeSquaredErrorIsTheDiscardedEnergyAndFallsWithRank() {
        let w = weight(24, 40)
        let svd = SingularValueDecomposition<Double>(w)
        let squares = svd.singularValues.map { $0 * $0 }, total = squares.reduce(0, +)
        var previous = Double.infinity
        for r in 1...svd.k {
            let twin = LowRankCompressedLinear(truncating: svd, rank: r, bias: nil)
            let e = relativeFrobeniusError(w, twin.decodedWeight())
            let expected = squares[r...].reduce(0, +) / total
            XCTAssertEqual(e * e, expected, accuracy: 1e-5, "rank \(r)")
            XCTAssertLessThan(e, previous + 1e-7, "error must not grow with rank (\(r))")
            previous = e
        }
        XCTAssertLessThan(previous, 1e-5, "full rank reconstructs W")
    }

    func testFullRankReproducesTheLayerOutputs() {
        let w = weight(20, 12), bias = GradientCheck.input([20], seed: 9)
        let dense = Linear(12, 20)
        dense.weight.value.assign(w)
        dense.bias!.value.assign(bias)
        let x = GradientCheck.input([2, 5, 12])
        let reference = dense.forward(x).copy()
        let svd = SingularValueDecomposition<Double>(w)
        dense.compress(with: LowRankCompressedLinear(truncating: svd, rank: 12, bias: bias))
        let y = dense.forward(x)
        for i in 0..<y.count { XCTAssertEqual(y.data[i], reference.data[i], accuracy: 1e-4) }
    }

    func testFactorGradientsMatchFiniteDifferences() {
        let svd = SingularValueDecomposition<Double>(weight(10, 8))
        let linear = Linear(8, 10)
        linear.compress(with: LowRankCompressedLinear(truncating: svd, rank: 3, bias: GradientCheck.input([10], seed: 4)))
        GradientCheck.check(linear, input: GradientCheck.input([3, 8]))
    }

    func testMethodChoosesTheEnergyRankAndKeepsLayersAboveBreakEvenDense() throws {
        let fixture = CompressionFixture.languageModel()
        let model = fixture.trainedModel()
        let before = model.namedLinears().map { ($0.0, $0.1.currentWeight()) }
        let method = try XCTUnwrap(Registry.all.first { $0.id == "compress.lowrank.svd" })
        let outcome = try method.compress(try method.resolve(["energy": .double(0.5)]), fixture.context(for: model))
        XCTAssertEqual(outcome.speed, .measured)
        XCTAssertGreaterThan(outcome.layers.count, 0)
        let head = model.outputLinear
        for (name, w) in before {
            let linear = model.namedLinears().first { $0.0 == name }!.1
            if linear === head { XCTAssertNil(linear.compressed, "head stays Float32"); continue }
            let svd = SingularValueDecomposition<Double>(w)
            let r = svd.rank(energy: 0.5)
            XCTAssertEqual(outcome.metrics["rank.\(name)"], Double(r))
            if let twin = linear.compressed as? LowRankCompressedLinear {
                XCTAssertEqual(twin.rank, r)
                XCTAssertLessThan(r * (w.shape[0] + w.shape[1]), w.count)
            } else {
                XCTAssertGreaterThanOrEqual(r * (w.shape[0] + w.shape[1]), w.count, "\(name) kept dense below break-even")
                XCTAssertTrue(outcome.notes.contains { $0.hasPrefix(name + ":") })
            }
        }
        let kept = try method.compress(try method.resolve(["rank_ratio": .double(1)]), fixture.context(for: fixture.trainedModel()))
        XCTAssertTrue(kept.layers.isEmpty, "full rank is above break-even everywhere")
        XCTAssertEqual(kept.metrics["layers_kept_dense"], Double(before.count - 1))
    }

    func testLowerEnergyLosesMoreButStoresLess() throws {
        let fixture = CompressionFixture.languageModel()
        let method = try XCTUnwrap(Registry.all.first { $0.id == "compress.lowrank.svd" })
        var results: [(bytes: Int, loss: Double)] = []
        for energy in [0.95, 0.7, 0.4] {
            let model = fixture.trainedModel()
            _ = try method.compress(try method.resolve(["energy": .double(energy)]), fixture.context(for: model))
            results.append((model.modelBytes, fixture.evaluationLoss(model)))
        }
        XCTAssertGreaterThan(results[0].bytes, results[2].bytes)
        XCTAssertLessThan(results[0].loss, results[2].loss)
    }
}
