import XCTest
import NN
import Tensor
@testable import Variants

/// μP's claim at toy scale: the best Adam learning rate of a small sweep moves less from
/// width 32 to width 128 with μP than with the standard parametrization.
final class MuPTransferTests: XCTestCase {
    static let rates: [Float] = (0..<8).map { 1e-3 * Float(1 << $0) }  // 1e-3 … 0.128, factor 2

    /// The grid index of the learning rate with the lowest final training loss.
    func bestRateIndex(width: Int, mup: Bool) throws -> Int {
        var finals: [Float] = []
        for lr in Self.rates {
            var spec = ModelTestSupport.spec(width: width, depth: 2, heads: width / 16, vocabulary: 32, context: 8)
            spec.mup = mup ? MuP(baseWidth: 32) : nil
            let model = try DecoderLM(spec, seed: 1)
            let losses = ModelTestSupport.train(model, steps: 30, learningRate: lr, batch: 8)
            let tail = losses.suffix(5)
            finals.append(tail.allSatisfy(\.isFinite) ? tail.reduce(0, +) / Float(tail.count) : .infinity)
        }
        return finals.indices.min { finals[$0] < finals[$1] }!
    }

    func testBestLearningRateMovesLessWithMuP() throws {
        let sp = try (bestRateIndex(width: 32, mup: false), bestRateIndex(width: 128, mup: false))
        let mu = try (bestRateIndex(width: 32, mup: true), bestRateIndex(width: 128, mup: true))
        print("best learning-rate index (width 32 → 128): standard \(sp), μP \(mu)")
        XCTAssertLessThan(abs(mu.1 - mu.0), abs(sp.1 - sp.0), "standard \(sp), μP \(mu)")
    }

    func testMuPSetsRatesAndInit() throws {
        var spec = ModelTestSupport.spec(width: 64, depth: 1, heads: 4)
        spec.mup = MuP(baseWidth: 16)
        let model = try DecoderLM(spec, seed: 1)
        let byName = Dictionary(uniqueKeysWithValues: model.namedParameters())
        XCTAssertEqual(byName["blocks.0.mixer.qkv.weight"]?.learningRateMultiplier, 0.25)
        XCTAssertEqual(byName["blocks.0.ffn.fc1.weight"]?.learningRateMultiplier, 0.25)
        XCTAssertEqual(byName["embed.tokens"]?.learningRateMultiplier, 1)
        XCTAssertEqual(byName["head.weight"]?.learningRateMultiplier, 1)
        XCTAssertEqual(byName["head.weight"]?.value.array.allSatisfy { $0 == 0 }, true)
        XCTAssertEqual(model.logitScale, 0.25)
        let std = { (t: Tensor) in (Kernels.sumOfSquares(t.count, t.data) / Double(t.count)).squareRoot() }
        XCTAssertEqual(std(byName["blocks.0.ffn.fc1.weight"]!.value), 0.01, accuracy: 0.001)  // 0.02·√(16/64)
    }

    /// With the normal readout, μP at its base width is the standard parametrization: the same
    /// weights and the same loss curve, bit for bit; wider, the head keeps σ = 0.02 and the
    /// logits carry the 1/m.
    func testNormalReadoutIsStandardAtBaseWidth() throws {
        var spec = ModelTestSupport.spec(width: 32, depth: 2, heads: 2, vocabulary: 32, context: 8)
        let standard = ModelTestSupport.train(try DecoderLM(spec, seed: 3), steps: 5, learningRate: 1e-2)
        spec.mup = MuP(baseWidth: 32, readout: .normal)
        let mup = ModelTestSupport.train(try DecoderLM(spec, seed: 3), steps: 5, learningRate: 1e-2)
        XCTAssertEqual(mup.map(\.bitPattern), standard.map(\.bitPattern), "μP \(mup), standard \(standard)")
        spec.mup!.readout = .zero
        XCTAssertNotEqual(ModelTestSupport.train(try DecoderLM(spec, seed: 3), steps: 5, learningRate: 1e-2), standard)

        spec.width = 128
        spec.heads = 8
        let wide = try DecoderLM(spec, seed: 3)
        spec.mup!.readout = .normal
        let wideNormal = try DecoderLM(spec, seed: 3)
        let std = { (t: Tensor) in (Kernels.sumOfSquares(t.count, t.data) / Double(t.count)).squareRoot() }
        XCTAssertEqual(std(wide.head.weight.value), 0)
        XCTAssertEqual(std(wideNormal.head.weight.value), 0.02, accuracy: 0.001)
        XCTAssertEqual(wideNormal.logitScale, 0.25)
    }

    /// `readout` at its default stays out of the trial spec, so stored μP trials keep their keys.
    func testReadoutRecordedOnlyWhenNotDefault() throws {
        let zero = try Registry.validate(key: "m", id: "arch.mup", parameters: ["base_width": .int(32)])
        XCTAssertEqual(zero.recordedValues, ["base_width": .int(32)])
        let normal = try Registry.validate(key: "m", id: "arch.mup", parameters: ["readout": .string("normal")])
        XCTAssertEqual(normal.recordedValues, ["base_width": .int(64), "readout": .string("normal")])
        XCTAssertEqual(ModelTestSupport.spec().applying(normal).mup, MuP(baseWidth: 64, readout: .normal))
    }
}
