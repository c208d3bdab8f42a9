import XCTest
import TestSupport
import NN
import Tensor
import Configuration
import Variants

final class ModelGradientTests: XCTestCase {
    func testCrossEntropyGradientWithIgnoredRows() {
        var rng = RNG(seed: 1)
        let logits = Tensor(shape: [5, 7])
        logits.fillNormal(std: 2, rng: &rng)
        let targets: [Int32] = [3, -1, 0, 6, -1]
        let ce = SoftmaxCrossEntropy()
        _ = ce.forward(logits, targets: targets)
        let analytic = ce.gradient!.array.map(Double.init)
        let numeric = GradientCheck.numeric(logits) { Double(SoftmaxCrossEntropy().forward(logits, targets: targets, computeGradient: false)) }
        XCTAssertLessThan(GradientCheck.relativeError(analytic, numeric), GradientCheck.tolerance)
        for j in 0..<7 { XCTAssertEqual(ce.gradient!.data[7 + j], 0) }
        XCTAssertEqual(ce.counted, 3)
    }

    func testMLPClassifierLossGradient() {
        var rng = RNG(seed: 2)
        let model = MLPClassifier(inputs: 6, hidden: [8, 5], classes: 4, activation: .gelu, rng: &rng)
        let x = Tensor(shape: [3, 6])
        x.fillNormal(std: 1, rng: &rng)
        let y: [Int32] = [0, 3, 1]
        let ce = SoftmaxCrossEntropy()
        func loss() -> Double { Double(ce.forward(model.forward(x), targets: y, computeGradient: false)) }
        checkModel(model, loss: loss) {
            _ = ce.forward(model.forward(x), targets: y)
            _ = model.backward(ce.gradient!)
        }
    }

    func testDecoderLMLossGradient() throws {
        try checkDecoderLM(ModelSpec(vocabulary: 7, context: 6, width: 8, depth: 2, heads: 2, ffnRatio: 1.5))
    }

    /// DyT's LLM recipe: per-site α, no biases, a learnable scalar after the embedding.
    func testDecoderLMLossGradientWithDyTRecipe() throws {
        var spec = ModelSpec(vocabulary: 7, context: 6, width: 8, depth: 2, heads: 2, ffnRatio: 1.5, bias: false,
                             norm: VariantChoice("norm.dyt", ["alpha_mixer": .double(0.5), "alpha_ffn": .double(0.7),
                                                              "alpha_final": .double(0.6)]))
        spec.embeddingScale = true
        try checkDecoderLM(spec) { model in
            // Below √d, so that no tanh saturates and every path contributes measurably.
            model.embeddingScale!.scale.value.fill(0.5)
        }
    }

    /// `spec`'s loss gradient with GPT-2-scale weights enlarged so every path contributes
    /// measurably, and unit-scale embeddings so that h = 1e-2 is a small step for the first norm.
    func checkDecoderLM(_ spec: ModelSpec, adjust: (DecoderLM) -> Void = { _ in },
                        file: StaticString = #filePath, line: UInt = #line) throws {
        var rng = RNG(seed: 3)
        let model = try DecoderLM(spec, seed: 3)
        for (_, p) in model.namedParameters() where p.decays { p.value.fillNormal(std: 0.3, rng: &rng) }
        model.embedding.tokens.value.fillNormal(std: 1, rng: &rng)
        model.embedding.positions!.value.fillNormal(std: 1, rng: &rng)
        adjust(model)
        let tokens: [Int32] = [1, 4, 2, 6, 0, 3, 5, 5, 1, 2]
        let targets: [Int32] = [4, 2, 6, 0, -1, 5, 5, 1, 2, 3]
        let ce = SoftmaxCrossEntropy()
        func loss() -> Double {
            Double(ce.forward(model.forward(tokens: tokens, batch: 2, time: 5), targets: targets, computeGradient: false))
        }
        checkModel(model, loss: loss, backward: {
            _ = ce.forward(model.forward(tokens: tokens, batch: 2, time: 5), targets: targets)
            model.backward(ce.gradient!)
        }, file: file, line: line)
    }

    /// Every parameter tensor's analytic gradient against central differences of `loss`.
    func checkModel(_ model: ParameterVisitable, loss: () -> Double, backward: () -> Void,
                    file: StaticString = #filePath, line: UInt = #line) {
        let params = model.namedParameters()
        for (_, p) in params { p.grad.fill(0) }
        backward()
        for (name, p) in params {
            let analytic = p.grad.array.map(Double.init)
            let err = GradientCheck.relativeError(analytic, GradientCheck.numeric(p.value, loss))
            XCTAssertLessThan(err, GradientCheck.tolerance, "parameter \(name)", file: file, line: line)
        }
    }
}

final class CostModelTests: XCTestCase {
    /// The analytic FLOP formulas against the FLOPs the kernels actually perform.
    func testAnalyticFLOPsMatchDirectCount() throws {
        let model = try DecoderLM(ModelSpec(vocabulary: 13, context: 6, width: 16, depth: 2, heads: 4, ffnRatio: 1.5), seed: 1)
        let tokens = [Int32](repeating: 3, count: 2 * 6)
        let counted = FLOPCounter.count { _ = model.forward(tokens: tokens, batch: 2, time: 6) }
        XCTAssertEqual(counted, model.forwardFLOPsPerToken * 12)
        let block = model.blocks[0]
        let x = Tensor(shape: [2, 6, 16])
        XCTAssertEqual(FLOPCounter.count { _ = block.mixer.forward(x) }, block.mixer.forwardFLOPsPerToken(context: 6) * 12)
        XCTAssertEqual(FLOPCounter.count { _ = block.ffn.forward(x) }, block.ffn.forwardFLOPsPerToken(context: 6) * 12)
    }
}
