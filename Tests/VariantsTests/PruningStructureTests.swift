import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// Structured pruning (neurons, heads) and sublayer dropping: exact parameter and FLOP
/// savings, and the pruned structure's round trip through the compressed checkpoint.
final class PruningStructureTests: XCTestCase {
    func pruned(_ id: String, _ given: [String: ParameterValue], _ fixture: CompressionFixture) throws -> (CompressibleModel, CompressionOutcome) {
        let model = fixture.trainedModel()
        let method = Registry.all.first { $0.id == id }!
        return (model, try method.compress(try method.resolve(given), fixture.context(for: model)))
    }

    /// FLOPCounter's count of the fixture's evaluation forward, per token.
    func countedFLOPsPerToken(_ model: CompressibleModel, _ fixture: CompressionFixture) -> Int {
        FLOPCounter.count { _ = fixture.outputs(model) } / (16 * 16)
    }

    func assertRoundTrips(_ model: CompressibleModel, _ fixture: CompressionFixture, file: StaticString = #filePath, line: UInt = #line) throws {
        let restored = fixture.untrainedModel()
        try restored.loadCompressed(SafeTensors(data: model.compressedCheckpoint().serialized()))
        XCTAssertEqual(fixture.outputs(restored), fixture.outputs(model), file: file, line: line)
        XCTAssertEqual(restored.parameterCount, model.parameterCount, file: file, line: line)
        XCTAssertEqual(restored.modelBytes, model.modelBytes, file: file, line: line)
    }

    func testNeuronPruningShrinksParametersAndFLOPsExactly() throws {
        let fixture = CompressionFixture.languageModel()  // d = 32, hidden 128, 2 blocks
        let dense = fixture.trainedModel() as! DecoderLM
        let (model, outcome) = try pruned("compress.prune.neurons", ["ratio": .double(0.25)], fixture)
        let lm = model as! DecoderLM
        let removed = 32  // 25% of 128 per block
        for b in lm.blocks { XCTAssertEqual((b.ffn as! GELUFeedForward).hidden, 96) }
        // fc1 loses rows (weights and biases), fc2 loses columns
        XCTAssertEqual(dense.parameterCount - lm.parameterCount, 2 * removed * (32 + 1 + 32))
        XCTAssertEqual(dense.forwardFLOPsPerToken - lm.forwardFLOPsPerToken, 2 * 2 * 2 * 32 * removed)
        XCTAssertEqual(countedFLOPsPerToken(lm, fixture), lm.forwardFLOPsPerToken)
        XCTAssertEqual(outcome.speed, .measured)
        XCTAssertEqual(outcome.metrics["parameters_after"], Double(lm.parameterCount))
        try assertRoundTrips(model, fixture)
    }

    func testBiasCompensationLowersTheLossOfNeuronPruning() throws {
        let fixture = CompressionFixture.languageModel()
        let (with, _) = try pruned("compress.prune.neurons", ["ratio": .double(0.5)], fixture)
        let (without, _) = try pruned("compress.prune.neurons", ["ratio": .double(0.5), "bias_compensation": .bool(false)], fixture)
        let (adaptive, _) = try pruned("compress.prune.neurons", ["ratio": .double(0.5), "ratio_mode": .string("adaptive")], fixture)
        let (baseline, _) = try pruned("compress.prune.neurons", ["ratio": .double(0.5), "score": .string("weight-activation"),
                                                                  "bias_compensation": .bool(false)], fixture)
        let losses = [with, without, adaptive, baseline].map(fixture.evaluationLoss)
        print("neurons 50%: compensated \(losses[0]), uncompensated \(losses[1]), adaptive \(losses[2]), |W|·‖X‖ baseline \(losses[3])")
        XCTAssertLessThan(losses[0], losses[1])
        XCTAssertEqual(with.parameterCount, adaptive.parameterCount)
    }

    func testSwiGLUNeuronPruningAddsTheCompensatingBias() throws {
        let fixture = CompressionFixture.languageModel(ffn: "ffn.swiglu")
        let dense = fixture.trainedModel() as! DecoderLM
        let h = (dense.blocks[0].ffn as! SwiGLUFeedForward).hidden
        let (model, _) = try pruned("compress.prune.neurons", ["ratio": .double(0.25)], fixture)
        let lm = model as! DecoderLM
        let removed = Int((0.25 * Double(h)).rounded())
        for b in lm.blocks { XCTAssertEqual((b.ffn as! SwiGLUFeedForward).hidden, h - removed) }
        // w1 and w3 lose rows, w2 columns; w2 gains a bias [32]
        XCTAssertEqual(dense.parameterCount - lm.parameterCount, 2 * (3 * removed * 32 - 32))
        XCTAssertEqual(countedFLOPsPerToken(lm, fixture), lm.forwardFLOPsPerToken)
        try assertRoundTrips(model, fixture)
    }

    func testClassifierNeuronPruningShrinksHiddenLayers() throws {
        let fixture = CompressionFixture.classifier()  // 16 → 64 → 64 → 4
        let dense = fixture.trainedModel()
        let (model, _) = try pruned("compress.prune.neurons", ["ratio": .double(0.25)], fixture)
        let linears = model.namedLinears().map(\.1)
        XCTAssertEqual(linears.map(\.outFeatures), [48, 48, 4])
        XCTAssertEqual(linears.map(\.inFeatures), [16, 48, 48])
        func count(_ h: Int) -> Int { (16 * h + h) + (h * h + h) + (h * 4 + 4) }
        XCTAssertEqual(dense.parameterCount, count(64))
        XCTAssertEqual(model.parameterCount, count(48))
        try assertRoundTrips(model, fixture)
    }

    func testHeadPruningShrinksAttentionAndRoundTrips() throws {
        let fixture = CompressionFixture.languageModel()  // 4 heads of 8
        let dense = fixture.trainedModel() as! DecoderLM
        let (model, outcome) = try pruned("compress.prune.heads", ["ratio": .double(0.25)], fixture)
        let lm = model as! DecoderLM
        for b in lm.blocks {
            let a = b.mixer as! MultiHeadAttention
            XCTAssertEqual([a.heads, a.kvHeads, a.innerWidth], [3, 3, 24])
        }
        // per block: qkv loses 3·8 rows of 32 weights + 1 bias, proj 8 columns of 32
        XCTAssertEqual(dense.parameterCount - lm.parameterCount, 2 * (3 * 8 * 33 + 8 * 32))
        XCTAssertEqual(countedFLOPsPerToken(lm, fixture), lm.forwardFLOPsPerToken)
        XCTAssertLessThan(lm.forwardFLOPsPerToken, dense.forwardFLOPsPerToken)
        XCTAssertEqual(outcome.speed, .measured)
        XCTAssertTrue(fixture.outputs(lm).allSatisfy(\.isFinite))
        let file = lm.compressedCheckpoint()
        XCTAssertNotNil(file.metadata[DecoderLM.structureKey])
        try assertRoundTrips(model, fixture)
        XCTAssertThrowsError(try pruned("compress.prune.heads", [:], CompressionFixture.classifier()))
    }

    func testDroppedSublayersDisappearAndRoundTrip() throws {
        let fixture = CompressionFixture.languageModel()
        let dense = fixture.trainedModel() as! DecoderLM
        var importance: [String: [Double]] = [:]
        for kind in ["attention", "mlp", "block"] {
            let (model, outcome) = try pruned("compress.drop.\(kind)", ["count": .int(1)], fixture)
            let lm = model as! DecoderLM
            importance[kind] = (0..<2).compactMap { outcome.metrics["importance.blocks.\($0)"] }
            let dropped = lm.blocks.filter { $0.mixerDropped || $0.ffnDropped }
            XCTAssertEqual(dropped.count, 1, kind)
            let b = dropped[0]
            XCTAssertEqual(b.mixerDropped, kind != "mlp")
            XCTAssertEqual(b.ffnDropped, kind != "attention")
            var removed = 0
            if b.mixerDropped { removed += b.norm1.parameterCount + b.mixer.parameterCount }
            if b.ffnDropped { removed += b.norm2.parameterCount + b.ffn.parameterCount }
            XCTAssertEqual(dense.parameterCount - lm.parameterCount, removed, kind)
            XCTAssertEqual(model.modelBytes, 4 * lm.parameterCount)
            XCTAssertFalse(lm.namedParameters().contains { $0.0.hasPrefix("blocks.\(lm.blocks.firstIndex { $0 === b }!).\(b.mixerDropped ? "mixer" : "ffn")") })
            XCTAssertEqual(countedFLOPsPerToken(lm, fixture), lm.forwardFLOPsPerToken, kind)
            XCTAssertEqual(outcome.metrics["forward_flops_per_token_after"], Double(lm.forwardFLOPsPerToken))
            try assertRoundTrips(model, fixture)
        }
        print("importance 1 − cos per block: \(importance)")
        XCTAssertThrowsError(try pruned("compress.drop.block", ["count": .int(3)], fixture))
        XCTAssertThrowsError(try pruned("compress.drop.mlp", [:], CompressionFixture.classifier()))
    }

    func testIterativeDroppingRanksAgainAfterEachDrop() throws {
        let fixture = CompressionFixture.languageModel()
        let (model, _) = try pruned("compress.drop.attention", ["count": .int(2), "iterative": .bool(true)], fixture)
        let lm = model as! DecoderLM
        XCTAssertTrue(lm.blocks.allSatisfy(\.mixerDropped))
        XCTAssertTrue(fixture.outputs(lm).allSatisfy(\.isFinite))
        try assertRoundTrips(model, fixture)
    }

    func testDroppedBlocksStillTrain() throws {
        let fixture = CompressionFixture.languageModel()
        let (model, _) = try pruned("compress.drop.mlp", ["count": .int(1)], fixture)
        let context = fixture.context(for: model)
        let loss = context.recoveryStep!(nil)
        XCTAssertTrue(loss.isFinite)
    }
}
