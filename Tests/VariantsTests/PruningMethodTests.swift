import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// Unstructured and N:M pruning on the trained fixtures: exact sparsity, and the qualitative
/// orderings VARIANTS.md asks for (Wanda vs magnitude, 2:4 vs removing half the FFN neurons).
final class PruningMethodTests: XCTestCase {
    func apply(_ id: String, _ given: [String: ParameterValue], to model: CompressibleModel,
               _ fixture: CompressionFixture) throws -> CompressionOutcome {
        let method = Registry.all.first { $0.id == id }!
        return try method.compress(try method.resolve(given), fixture.context(for: model))
    }

    func pruned(_ id: String, _ given: [String: ParameterValue], _ fixture: CompressionFixture) throws -> (CompressibleModel, CompressionOutcome) {
        let model = fixture.trainedModel()
        let outcome = try apply(id, given, to: model, fixture)
        return (model, outcome)
    }

    func testMagnitudeSparsityIsExactlyAsAskedPerLayerAndGlobally() throws {
        let fixture = CompressionFixture.languageModel()
        let (layerwise, outcome) = try pruned("compress.prune.magnitude", ["sparsity": .double(0.6)], fixture)
        for (name, twin) in layerwise.compressedLinears {
            let n = twin.inFeatures * twin.outFeatures
            XCTAssertEqual(twin.effectiveWeightCount, n - Int((0.6 * Double(n)).rounded()), name)
        }
        XCTAssertEqual(layerwise.compressedLinears.count, 8)  // 2 blocks × (qkv, proj, fc1, fc2), head kept
        XCTAssertEqual(outcome.speed, .simulated)

        let (global, _) = try pruned("compress.prune.magnitude", ["sparsity": .double(0.6), "scope": .string("global")], fixture)
        let total = global.compressedLinears.reduce(0) { $0 + $1.twin.inFeatures * $1.twin.outFeatures }
        let kept = global.compressedLinears.reduce(0) { $0 + $1.twin.effectiveWeightCount }
        XCTAssertEqual(kept, total - Int((0.6 * Double(total)).rounded()))
        let densities = global.compressedLinears.map { Double($0.twin.effectiveWeightCount) / Double($0.twin.inFeatures * $0.twin.outFeatures) }
        XCTAssertGreaterThan(densities.max()! - densities.min()!, 0.01, "a global threshold prunes layers unevenly")
    }

    func testWandaRemovesExactlyTheFractionOfEveryRow() throws {
        let fixture = CompressionFixture.languageModel()
        let (model, outcome) = try pruned("compress.prune.wanda", ["sparsity": .double(0.5)], fixture)
        for (name, twin) in model.compressedLinears {
            let w = twin.decodedWeight()
            let i = twin.inFeatures
            for r in 0..<twin.outFeatures {
                let zeros = (0..<i).filter { w.data[r * i + $0] == 0 }.count
                XCTAssertGreaterThanOrEqual(zeros, i / 2, "\(name) row \(r)")
            }
            XCTAssertEqual(twin.effectiveWeightCount, twin.outFeatures * (i - i / 2), name)
        }
        XCTAssertNotNil(outcome.metrics["activation_norm_spread_max"])
    }

    /// Measured on the fixture (2 blocks, d = 32, trained 300 steps): at 50/60/70% Wanda's loss
    /// is at or below magnitude's at every sparsity; the test allows 1% slack on each.
    func testWandaLosesNoMoreThanMagnitude() throws {
        let fixture = CompressionFixture.languageModel()
        let dense = fixture.evaluationLoss(fixture.trainedModel())
        for s in [0.5, 0.6, 0.7] {
            let (magnitude, _) = try pruned("compress.prune.magnitude", ["sparsity": .double(s)], fixture)
            let (wanda, outcome) = try pruned("compress.prune.wanda", ["sparsity": .double(s)], fixture)
            let (lm, lw) = (fixture.evaluationLoss(magnitude), fixture.evaluationLoss(wanda))
            print("sparsity \(s): dense \(dense), magnitude \(lm), wanda \(lw), max/median a_j \(outcome.metrics["activation_norm_spread_max"]!)")
            XCTAssertLessThanOrEqual(lw, lm * 1.01, "sparsity \(s)")
        }
    }

    /// Same share of the FFN weights: 2:4 on the FFN matrices against 50% of the FFN neurons
    /// (FLAP, bias-compensated). Measured: on the d = 16 fixture, dense 0.0094, 2:4 0.049,
    /// neurons 0.079 nats; on the default d = 32 fixture (hidden 128, far more than the task
    /// needs) both stay within 0.0025 of dense (2:4 0.0047, neurons 0.0045), so the test uses
    /// the narrower model where the FFN is not redundant.
    func testTwoFourKeepsTwoOfEveryFourAndLosesLessThanHalfTheNeurons() throws {
        let fixture = CompressionFixture.languageModel(width: 16, heads: 2)
        let (nm, _) = try pruned("compress.prune.nm", ["layers": .string("ffn")], fixture)
        XCTAssertEqual(nm.compressedLinears.count, 4)
        for (name, twin) in nm.compressedLinears {
            XCTAssertEqual(twin.format, "nm")
            XCTAssertTrue(name.contains(".ffn."))
            let w = twin.decodedWeight()
            for g in 0..<(w.count / 4) {
                XCTAssertGreaterThanOrEqual((0..<4).filter { w.data[g * 4 + $0] == 0 }.count, 2, name)
            }
            XCTAssertEqual(twin.effectiveWeightCount * 2, twin.inFeatures * twin.outFeatures, name)
        }
        let (neurons, _) = try pruned("compress.prune.neurons", ["ratio": .double(0.5)], fixture)
        let (l24, ln) = (fixture.evaluationLoss(nm), fixture.evaluationLoss(neurons))
        print("dense \(fixture.evaluationLoss(fixture.trainedModel())), 2:4 FFN \(l24), 50% FFN neurons \(ln)")
        XCTAssertLessThan(l24, ln)
    }

    func testMLPClassifierPrunesToo() throws {
        let fixture = CompressionFixture.classifier()
        let (model, _) = try pruned("compress.prune.magnitude", ["sparsity": .double(0.75)], fixture)
        XCTAssertEqual(model.compressedLinears.count, 2)  // the output layer stays dense
        XCTAssertThrowsError(try pruned("compress.prune.magnitude", ["layers": .string("ffn")], fixture))
        for (_, twin) in model.compressedLinears {
            let n = twin.inFeatures * twin.outFeatures
            XCTAssertEqual(twin.effectiveWeightCount, n - Int((0.75 * Double(n)).rounded()))
        }
    }
}
