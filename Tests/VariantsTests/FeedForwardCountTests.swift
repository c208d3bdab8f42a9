import XCTest
import Configuration
import NN
import Tensor
@testable import Variants

/// The analytic parameter counts (reported without building a layer) equal the visitor's count.
final class FeedForwardCountTests: XCTestCase {
    private func check(_ id: String, _ given: [String: ParameterValue], _ ctx: LayerContext,
                       _ table: [String: (ParameterValues, LayerContext) -> Int]) throws {
        let d = try XCTUnwrap(Registry.descriptor(id))
        let values = try d.resolve(given)
        var rng = RNG(seed: 1)
        let layer: Layer
        switch d.factory {
        case .tokenMixer(let make): layer = try make(values, ctx, &rng)
        case .feedForward(let make): layer = try make(values, ctx, &rng)
        default: throw XCTSkip("\(id) builds no layer")
        }
        let formula = try XCTUnwrap(table[id], "no count for \(id)")
        XCTAssertEqual(formula(values, ctx), layer.parameterCount, "\(id) \(given) bias \(ctx.bias)")
    }

    func testAnalyticCountsEqualVisitedCounts() throws {
        for bias in [true, false] {
            let ctx = LayerContext(width: 16, heads: 4, ffnHidden: 64, context: 8, depth: 2, bias: bias)
            let mixers: [(String, [String: ParameterValue])] = [
                ("attn.softmax", [:]), ("attn.softmax", ["kv_heads": .int(2), "qk_norm": .bool(true)]),
                ("attn.linear", [:]), ("attn.sla", [:]), ("attn.sla", ["share_conv_across_heads": .bool(false)]),
                ("attn.gla", [:]), ("attn.gla", ["output_gate": .bool(false), "gate_rank": .int(4)]),
                ("attn.retention", [:]), ("attn.retention", ["key_ratio": .double(0.5)]), ("attn.none", [:]),
            ]
            for (id, given) in mixers { try check(id, given, ctx, attentionParameterCounts) }
            let ffns: [(String, [String: ParameterValue])] = [
                ("ffn.mlp", [:]), ("ffn.swiglu", [:]), ("ffn.swiglu", ["hidden": .int(24)]), ("ffn.lowrank", [:]),
                ("ffn.lowrank", ["rank": .int(3)]), ("ffn.blockdiag", [:]),
                ("ffn.blockdiag", ["structure": .string("btt"), "blocks": .int(2), "btt_rank": .int(3)]),
                ("ffn.blockdiag", ["structure": .string("blockdiag")]),
                ("ffn.moe", [:]), ("ffn.moe", ["expert": .string("swiglu"), "experts": .int(3), "top_k": .int(1)]),
            ]
            for (id, given) in ffns { try check(id, given, ctx, feedForwardParameterCounts) }
        }
        XCTAssertEqual(Set(attentionParameterCounts.keys), Set(attentionVariants.map(\.id)))
        XCTAssertEqual(Set(feedForwardParameterCounts.keys), Set(feedForwardVariants.map(\.id)))
    }
}
