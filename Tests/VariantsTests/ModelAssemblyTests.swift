import XCTest
import TestSupport
import Configuration
import NN
import Tensor
@testable import Variants

final class ModelAssemblyTests: XCTestCase {
    /// Every norm, mixer and feed-forward in the registry (new ones included) appears in
    /// some combination, crossed with every placement and sharing scheme; each trains.
    func testSampledCombinationsTrainWithDecreasingLoss() throws {
        let norms = Registry.ids(in: .norm), mixers = Registry.ids(in: .attn), ffns = Registry.ids(in: .ffn)
        let placements: [Placement] = [.pre, .post, .mix(alpha: 0.5), .depthScaled]
        let sharings: [SharingScheme] = [.none, .recursive(unique: 1, order: .cycle, loraRank: 0, sharedNorms: false),
                                         .recursive(unique: 2, order: .block, loraRank: 0, sharedNorms: true),
                                         .recursive(unique: 1, order: .cycle, loraRank: 2, sharedNorms: false)]
        let count = max(norms.count, mixers.count, ffns.count, placements.count * sharings.count / 2)
        for i in 0..<count {
            // Different strides so that pairs vary across the sample.
            var spec = ModelTestSupport.spec(norms[i % norms.count], mixer: mixers[(i * 5 + 1) % mixers.count],
                                             ffn: ffns[(i * 3 + 2) % ffns.count], placement: placements[i % placements.count],
                                             sharing: sharings[(i / 2 + i) % sharings.count], depth: 4)
            spec.zLoss = i % 3 == 0 ? 1e-4 : 0
            let name = "\(spec.norm.id) \(spec.placement.name) \(spec.mixer.id) \(spec.ffn.id) \(spec.sharing)"
            let model = try DecoderLM(spec, seed: UInt64(i))
            let losses = ModelTestSupport.train(model, steps: 12, learningRate: 1e-2)
            XCTAssertTrue(losses.allSatisfy(\.isFinite), "\(name): \(losses)")
            let first = (losses[0] + losses[1]) / 2, last = (losses[10] + losses[11]) / 2
            XCTAssertLessThan(last, first - 0.05, "\(name): \(losses)")
        }
    }

    func testAnalyticCountsMatchDirectCounts() throws {
        let specs = [
            ModelTestSupport.spec(),
            ModelTestSupport.spec("norm.prepbn", placement: .post),
            ModelTestSupport.spec("norm.dyt", sharing: .recursive(unique: 1, order: .cycle, loraRank: 0, sharedNorms: true), depth: 3),
            ModelTestSupport.spec("norm.rmsnorm", sharing: .recursive(unique: 2, order: .cycle, loraRank: 3, sharedNorms: false), depth: 4),
        ]
        for spec in specs {
            let model = try DecoderLM(spec, seed: 1)
            // A layer variant without a formula is reported by the contract tests; here it would only repeat that.
            let layers = try spec.validated()
            try XCTSkipIf([layers.norm, layers.mixer, layers.ffn].contains { $0.descriptor.parameterCount == nil },
                          "a layer variant has no analytic parameter count (see ContractTests)")
            XCTAssertEqual(model.analyticParameterCount, model.parameterCount, "\(spec)")
            let data = ModelTestSupport.batch(vocabulary: spec.vocabulary, batch: 2, time: spec.context)
            let counted = FLOPCounter.count { _ = model.forward(tokens: data.tokens, batch: 2, time: spec.context) }
            XCTAssertEqual(model.forwardFLOPsPerToken * 2 * spec.context + model.mergeFLOPsPerStep, counted, "\(spec)")
            XCTAssertGreaterThan(model.activationBytesPerToken, 0)
        }
        // Tying: unique parameters are one block plus per-layer norms, far below the untied model.
        let untied = try DecoderLM(ModelTestSupport.spec(depth: 4), seed: 1)
        let tied = try DecoderLM(ModelTestSupport.spec(sharing: .recursive(unique: 1, order: .cycle, loraRank: 0, sharedNorms: false), depth: 4), seed: 1)
        XCTAssertEqual(untied.forwardFLOPsPerToken, tied.forwardFLOPsPerToken)
        XCTAssertLessThan(tied.parameterCount, untied.parameterCount)
    }

    /// Finite differences through the whole model: shared weights, per-layer LoRA, μP logit
    /// scaling, z-loss and depth-scaled norms all enter the gradient. The loss passes through
    /// more Float32 layers than a single layer's check and is rounded to Float once, so the
    /// tolerance is 5e-2 rather than 1e-2; a missing or mis-scaled term still gives O(1).
    func testModelGradientWithSharingLoRAMuPAndZLoss() throws {
        var spec = ModelTestSupport.spec("norm.rmsnorm", placement: .depthScaled,
                                         sharing: .recursive(unique: 1, order: .cycle, loraRank: 2, sharedNorms: false),
                                         width: 8, depth: 2, vocabulary: 6, context: 4)
        spec.mup = MuP(baseWidth: 4)
        spec.zLoss = 0.05
        let model = try DecoderLM(spec, seed: 3)
        var rng = RNG(seed: 4)
        for (_, p) in model.namedParameters() { p.value.fillNormal(std: 0.3, rng: &rng) }
        let data = ModelTestSupport.batch(vocabulary: 6, batch: 2, time: 4)
        func loss() -> Double {
            Double(model.lossAndBackward(tokens: data.tokens, targets: data.targets, batch: 2, time: 4))
        }
        let params = model.namedParameters()
        for (_, p) in params { p.grad.fill(0) }
        _ = loss()
        let analytic = params.map { $0.1.grad.array.map(Double.init) }
        let h: Float = 1e-2
        for (k, (name, p)) in params.enumerated() {
            let numeric = (0..<p.count).map { i -> Double in
                let saved = p.value.data[i]
                p.value.data[i] = saved + h; let plus = loss()
                p.value.data[i] = saved - h; let minus = loss()
                p.value.data[i] = saved
                return (plus - minus) / Double(2 * h)
            }
            XCTAssertLessThan(GradientCheck.relativeError(analytic[k], numeric), 5e-2, name)
        }
        XCTAssertTrue(params.contains { $0.0.contains("lora") } && params.contains { $0.0.hasPrefix("shared.0.") })
    }

    func testSameSeedSameModelAndCheckpointRoundTrip() throws {
        let spec = ModelTestSupport.spec("norm.batchnorm", sharing: .recursive(unique: 1, order: .cycle, loraRank: 2, sharedNorms: false))
        let a = try DecoderLM(spec, seed: 7), b = try DecoderLM(spec, seed: 7), c = try DecoderLM(spec, seed: 8)
        let data = ModelTestSupport.batch(vocabulary: spec.vocabulary, batch: 2, time: spec.context)
        let ya = a.forward(tokens: data.tokens, batch: 2, time: spec.context).array
        XCTAssertEqual(ya, b.forward(tokens: data.tokens, batch: 2, time: spec.context).array)
        try c.load(a.checkpoint())
        XCTAssertEqual(ya, c.forward(tokens: data.tokens, batch: 2, time: spec.context).array)
    }

    func testInvalidSpecNamesTheKey() {
        XCTAssertThrowsError(try DecoderLM(ModelTestSupport.spec("norm.rmsnrom"), seed: 1)) { error in
            XCTAssertTrue("\(error)".contains("model.norm") && "\(error)".contains("did you mean norm.rmsnorm?"), "\(error)")
        }
        XCTAssertThrowsError(try DecoderLM(ModelTestSupport.spec(heads: 3), seed: 1)) { error in
            XCTAssertTrue("\(error)".contains("heads"), "\(error)")
        }
    }

    func testPlacementsAndFinalNorm() {
        XCTAssertEqual(Placement.mix(alpha: 0.25).blockPlacement(layer: 2, depth: 12), .post)
        XCTAssertEqual(Placement.mix(alpha: 0.25).blockPlacement(layer: 3, depth: 12), .standard)
        XCTAssertEqual(Placement.depthScaled.blockPlacement(layer: 3, depth: 12), .pre(scale: 0.5))
        XCTAssertFalse(Placement.post.hasFinalNorm(depth: 4))
        XCTAssertTrue(Placement.mix(alpha: 0.5).hasFinalNorm(depth: 4))
    }

    func testArchitectureEntriesApplyToSpec() throws {
        let base = ModelTestSupport.spec(depth: 6)
        let relaxed = try Registry.validate(key: "model.arch", id: "arch.relaxed-recursive", parameters: ["unique_blocks": .int(3), "lora_rank": .int(4)])
        XCTAssertEqual(base.applying(relaxed).sharing, .recursive(unique: 3, order: .cycle, loraRank: 4, sharedNorms: false))
        let block = SharingScheme.recursive(unique: 3, order: .block, loraRank: 0, sharedNorms: false)
        XCTAssertEqual((0..<6).map { block.uniqueIndex(layer: $0, depth: 6) }, [0, 0, 1, 1, 2, 2])
        let t = try Registry.validate(key: "model.arch", id: "arch.transformer", parameters: ["placement": .string("mix"), "mix_alpha": .double(0.5)])
        XCTAssertEqual(base.applying(t).placement, .mix(alpha: 0.5))
        XCTAssertEqual(base.applying(try Registry.validate(key: "m", id: "arch.mup")).mup, MuP(baseWidth: 64))
    }

    func testScalingRules() {
        let base = ModelTestSupport.spec(width: 64, depth: 4, heads: 2)
        let rule = { (r: ScalingRule.Rule) in ScalingRule(rule: r, headWidth: 16) }
        let depth = rule(.depth).apply(4, to: base), width = rule(.width).apply(4, to: base)
        XCTAssertEqual([depth.depth, depth.width], [16, 64])
        XCTAssertEqual([width.depth, width.width, width.heads], [4, 128, 8])
        let fast = rule(.fast).apply(32, to: base)  // depth × 32^0.2 = 2, width × 32^0.4 = 4
        XCTAssertEqual([fast.depth, fast.width], [8, 256])
        let heads = ScalingRule(rule: .heads, headsRule: .fixedHeads).apply(2, to: base)
        XCTAssertEqual([heads.width, heads.heads], [64, 4])
        XCTAssertEqual(rule(.width).axis([1, 4, 16], base: base).map(\.width), [64, 128, 256])
    }
}
