import XCTest
import Configuration
import NN
import Tensor
@testable import Variants

/// DyT's LLM recipe: α₀ per norm site, a model without biases, a learnable embedding scale.
final class DyTRecipeTests: XCTestCase {
    private func dyt(_ parameters: [String: ParameterValue], depth: Int = 2) -> ModelSpec {
        var spec = ModelTestSupport.spec(depth: depth)
        spec.norm = VariantChoice("norm.dyt", parameters)
        return spec
    }

    private func alphas(_ model: DecoderLM) -> (mixer: [Float], ffn: [Float], final: Float?) {
        func alpha(_ n: Normalization) -> Float { (n as! DynamicTanh).alpha.value.data[0] }
        return (model.blocks.map { alpha($0.norm1) }, model.blocks.map { alpha($0.norm2) }, model.finalNorm.map(alpha))
    }

    func testEachSiteStartsAtItsConfiguredAlpha() throws {
        let spec = dyt(["alpha": .double(0.4), "alpha_mixer": .double(0.8), "alpha_ffn": .double(0.2), "alpha_final": .double(0.3)],
                       depth: 3)
        let a = alphas(try DecoderLM(spec, seed: 1))
        XCTAssertEqual(a.mixer, [0.8, 0.8, 0.8])
        XCTAssertEqual(a.ffn, [0.2, 0.2, 0.2])
        XCTAssertEqual(a.final, 0.3)
    }

    func testUnsetSitesTakeAlpha() throws {
        let one = alphas(try DecoderLM(dyt(["alpha_ffn": .double(0.1)]), seed: 1))
        XCTAssertEqual(one.mixer, [0.5, 0.5])
        XCTAssertEqual(one.ffn, [0.1, 0.1])
        XCTAssertEqual(one.final, 0.5)
        // A norm built outside a decoder has no site: alpha.
        let alone = try Registry.validate(key: "model.norm", id: "norm.dyt", parameters: ["alpha": .double(2), "alpha_mixer": .double(9)])
        var rng = RNG(seed: 1)
        let layer = try alone.descriptor.buildLayer(alone.values, LayerContext(width: 4, heads: 1, ffnHidden: 4, context: 2, depth: 1), rng: &rng)
        XCTAssertEqual((layer as! DynamicTanh).alpha.value.data[0], 2)
    }

    /// Optional parameters stay out of the resolved values, so every DyT trial spec (and its
    /// content key) is what it was before they existed; given ones are range-checked.
    func testSiteAlphasAreOptionalAndChecked() throws {
        XCTAssertEqual(try Registry.validate(key: "model.norm", id: "norm.dyt").values.values.keys.sorted(), ["alpha", "bias"])
        let given = try Registry.validate(key: "model.norm", id: "norm.dyt", parameters: ["alpha_final": .int(1)])
        XCTAssertEqual(given.values["alpha_final"], .double(1))
        XCTAssertThrowsError(try Registry.validate(key: "model.norm", id: "norm.dyt", parameters: ["alpha_ffn": .double(0)])) { error in
            XCTAssertTrue("\(error)".contains("alpha_ffn") && "\(error)".contains("0.001...100"), "\(error)")
        }
        let spec = Registry.descriptor("norm.dyt")!.parameters.first { $0.name == "alpha_mixer" }!
        XCTAssertNil(spec.defaultValue)
        XCTAssertEqual(spec.defaultDescription, "unset")
    }

    /// `model.bias: false`: no Linear (attention, feed-forward, head) and no norm has a bias,
    /// whatever the norm's own `bias` parameter says; the analytic count follows.
    func testModelWithoutBiasesHasNoBiasParameters() throws {
        for norm in Registry.ids(in: .norm) {
            for (mixer, ffn) in [("attn.softmax", "ffn.mlp"), ("attn.linear", "ffn.swiglu")] {
                var spec = ModelTestSupport.spec(norm, mixer: mixer, ffn: ffn)
                spec.bias = false
                if Registry.descriptor(norm)!.parameters.contains(where: { $0.name == "bias" }) {
                    spec.norm = VariantChoice(norm, ["bias": .bool(true)])
                }
                let model = try DecoderLM(spec, seed: 1)
                let names = model.namedParameters().map(\.0)
                XCTAssertEqual(names.filter { $0.hasSuffix(".bias") }, [], "\(norm) \(mixer) \(ffn)")
                XCTAssertEqual(model.analyticParameterCount, model.parameterCount, "\(norm) \(mixer) \(ffn)")
            }
        }
        let withBiases = try DecoderLM(ModelTestSupport.spec("norm.dyt"), seed: 1).namedParameters().map(\.0)
        XCTAssertTrue(withBiases.contains("blocks.0.norm1.bias") && withBiases.contains("blocks.0.mixer.qkv.bias"))
    }

    func testEmbeddingScaleStartsAtRootWidthAndScalesTheEmbedding() throws {
        let entry = try Registry.validate(key: "model.arch", id: "arch.embedding-scale")
        let spec = ModelTestSupport.spec(width: 16).applying(entry)
        XCTAssertTrue(spec.embeddingScale)
        let scaled = try DecoderLM(spec, seed: 5), plain = try DecoderLM(ModelTestSupport.spec(width: 16), seed: 5)
        XCTAssertEqual(scaled.embeddingScale?.scale.value.data[0], 4)
        XCTAssertNil(plain.embeddingScale)
        XCTAssertEqual(scaled.parameterCount, plain.parameterCount + 1)
        XCTAssertEqual(scaled.analyticParameterCount, scaled.parameterCount)
        XCTAssertTrue(scaled.namedParameters().contains { $0.0 == "embed.scale" })
        // Same seed, same embedding tables: the scaled model's first block sees 4× the input.
        let data = ModelTestSupport.batch(vocabulary: spec.vocabulary, batch: 1, time: spec.context)
        let e = plain.embedding.forward(data.tokens, batch: 1, time: spec.context).array
        XCTAssertEqual(scaled.embeddingScale!.forward(scaled.embedding.forward(data.tokens, batch: 1, time: spec.context)).array,
                       e.map { 4 * $0 })
    }
}
