import XCTest
import TestSupport
import Configuration
import NN
import Tensor
@testable import Variants

/// Builds a registered token mixer with `given` parameters.
func makeMixer(_ id: String, _ given: [String: ParameterValue] = [:], width: Int = 8, heads: Int = 2,
               context: Int = 6, seed: UInt64 = 5) throws -> TokenMixer {
    let d = try XCTUnwrap(Registry.descriptor(id), "no variant \(id)")
    guard case .tokenMixer(let make) = d.factory else { throw XCTSkip("\(id) is not a token mixer") }
    var rng = RNG(seed: seed)
    let ctx = LayerContext(width: width, heads: heads, ffnHidden: 4 * width, context: context, depth: 2)
    return try make(try d.resolve(given), ctx, &rng)
}

/// FLOPCounter's count of one forward pass over x, per token.
func countedFLOPsPerToken(_ layer: Layer, _ x: Tensor) -> Int {
    let total = FLOPCounter.count { _ = layer.forward(x) }
    return total / (x.shape[0] * x.shape[1])
}

final class AttentionSoftmaxTests: XCTestCase {
    func testGradientsMultiHeadGroupedAndMultiQuery() throws {
        for g in [4, 2, 1] {
            let a = MultiHeadAttention(width: 8, heads: 4, kvHeads: g)
            GradientCheck.randomize(a)
            GradientCheck.check(a, input: GradientCheck.input([2, 5, 8]))
        }
    }

    func testGradientsWithQKNorm() throws {
        let a = MultiHeadAttention(width: 8, heads: 2, kvHeads: 1, qkNorm: true)
        GradientCheck.randomize(a)
        let errors = GradientCheck.check(a, input: GradientCheck.input([2, 5, 8]))
        XCTAssertNotNil(errors["q_norm.weight"])
        XCTAssertNotNil(errors["k_norm.weight"])
    }

    /// Multi-query equals multi-head whose key/value heads are all copies of the single one.
    func testMultiQueryEqualsMultiHeadWithRepeatedKeyValues() {
        let (d, h, hd) = (8, 4, 2)
        let mq = MultiHeadAttention(width: d, heads: h, kvHeads: 1)
        let mh = MultiHeadAttention(width: d, heads: h, kvHeads: h)
        GradientCheck.randomize(mq)
        mh.proj.weight.value.assign(mq.proj.weight.value)
        mh.proj.bias!.value.assign(mq.proj.bias!.value)
        // rows of the fused weight: q (d) | k (hd) | v (hd) → q (d) | k repeated | v repeated
        func copyRow(_ from: Int, _ to: Int) {
            (mh.qkv.weight.value.data + to * d).update(from: mq.qkv.weight.value.data + from * d, count: d)
            mh.qkv.bias!.value.data[to] = mq.qkv.bias!.value.data[from]
        }
        for r in 0..<d { copyRow(r, r) }
        for g in 0..<h { for j in 0..<hd { copyRow(d + j, d + g * hd + j); copyRow(d + hd + j, 2 * d + g * hd + j) } }
        let x = GradientCheck.input([1, 6, d])
        XCTAssertLessThan(mq.forward(x).copy().maxAbsDifference(mh.forward(x)), 1e-5)
    }

    func testCausal() throws {
        for given: [String: ParameterValue] in [[:], ["kv_heads": .int(1), "qk_norm": .bool(true)]] {
            let a = try makeMixer("attn.softmax", given)
            GradientCheck.checkCausal(a, input: GradientCheck.input([2, 6, 8]), position: 3)
        }
    }

    /// qk-norm makes the output invariant to the scale of the query and key projections.
    func testQKNormIsInvariantToQueryKeyScale() {
        let a = MultiHeadAttention(width: 8, heads: 2, kvHeads: 2, qkNorm: true)
        GradientCheck.randomize(a)
        let x = GradientCheck.input([1, 5, 8])
        let y0 = a.forward(x).copy()
        // rows 0..<2d of the fused weight and bias are q and k
        for i in 0..<(16 * 8) { a.qkv.weight.value.data[i] *= 10 }
        for i in 0..<16 { a.qkv.bias!.value.data[i] *= 10 }
        XCTAssertLessThan(a.forward(x).maxAbsDifference(y0), 1e-3)
        let plain = MultiHeadAttention(width: 8, heads: 2, kvHeads: 2)
        GradientCheck.randomize(plain)
        let p0 = plain.forward(x).copy()
        for i in 0..<(16 * 8) { plain.qkv.weight.value.data[i] *= 10 }
        XCTAssertGreaterThan(plain.forward(x).maxAbsDifference(p0), 1e-2)
    }

    func testFLOPsAndParameterCounts() throws {
        for (g, norm) in [(0, false), (2, true), (1, false)] {
            let a = try makeMixer("attn.softmax", ["kv_heads": .int(g), "qk_norm": .bool(norm)], width: 16, heads: 4)
            let x = GradientCheck.input([2, 6, 16])
            XCTAssertEqual(countedFLOPsPerToken(a, x), a.forwardFLOPsPerToken(context: 6))
            let kv = g == 0 ? 4 : g
            let expected = 16 * (4 + 2 * kv) * 4 + (4 + 2 * kv) * 4 + 16 * 16 + 16 + (norm ? 8 : 0)
            XCTAssertEqual(a.parameterCount, expected)
        }
    }

    func testInvalidKVHeadsIsAnError() {
        XCTAssertThrowsError(try makeMixer("attn.softmax", ["kv_heads": .int(3)], width: 16, heads: 4))
    }

    func testParameterNames() throws {
        let a = try makeMixer("attn.softmax", ["qk_norm": .bool(true)])
        XCTAssertEqual(a.namedParameters().map(\.0),
                       ["qkv.weight", "qkv.bias", "q_norm.weight", "k_norm.weight", "proj.weight", "proj.bias"])
    }

    func testNoMixer() throws {
        let a = try makeMixer("attn.none")
        let x = GradientCheck.input([2, 3, 8])
        XCTAssertEqual(a.forward(x).array, [Float](repeating: 0, count: 48))
        XCTAssertEqual(a.backward(x).array, [Float](repeating: 0, count: 48))
        XCTAssertEqual(a.parameterCount, 0)
        XCTAssertEqual(countedFLOPsPerToken(a, x), a.forwardFLOPsPerToken(context: 3))
    }
}
