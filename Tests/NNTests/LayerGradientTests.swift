import XCTest
import Foundation
import TestSupport
import NN
import Tensor

final class LayerGradientTests: XCTestCase {
    func randomInput(_ shape: [Int], seed: UInt64 = 1, std: Float = 1) -> Tensor {
        var rng = RNG(seed: seed)
        let t = Tensor(shape: shape)
        t.fillNormal(std: std, rng: &rng)
        return t
    }

    func testLinear() {
        var rng = RNG(seed: 2)
        let l = Linear(5, 4)
        l.initializeUniform(rng: &rng)
        GradientCheck.check(l, input: randomInput([3, 5]))
        let noBias = Linear(5, 3, bias: false)
        noBias.initializeUniform(rng: &rng)
        GradientCheck.check(noBias, input: randomInput([2, 2, 5]))
    }

    func testLayerNorm() {
        var rng = RNG(seed: 3)
        let ln = LayerNorm(6)
        ln.gain.value.fillNormal(mean: 1, std: 0.3, rng: &rng)
        ln.bias!.value.fillNormal(std: 0.3, rng: &rng)
        GradientCheck.check(ln, input: randomInput([4, 6]))
        GradientCheck.check(LayerNorm(6, bias: false), input: randomInput([3, 6], seed: 5))
    }

    func testLearnedScale() {
        GradientCheck.check(LearnedScale(initial: 1.7), input: randomInput([3, 5]))
    }

    func testGELU() {
        GradientCheck.check(GELU(), input: randomInput([4, 9], std: 2))
    }

    func testReLU() {
        // Inputs kept away from the kink at 0, where the derivative is undefined.
        let x = randomInput([4, 9])
        for i in 0..<x.count where abs(x.data[i]) < 0.05 { x.data[i] = 0.5 }
        GradientCheck.check(ReLU(), input: x)
    }

    func testMultiHeadAttention() {
        var rng = RNG(seed: 4)
        let a = MultiHeadAttention(width: 8, heads: 2)
        a.qkv.initializeNormal(std: 0.4, rng: &rng)
        a.proj.initializeNormal(std: 0.4, rng: &rng)
        a.qkv.bias!.value.fillNormal(std: 0.1, rng: &rng)
        GradientCheck.check(a, input: randomInput([2, 5, 8]))
    }

    /// Several query blocks, the last one partial: T = 5 in blocks of 2.
    func testBlockedCausalAttention() throws {
        var rng = RNG(seed: 7)
        let a = MultiHeadAttention(width: 8, heads: 2, queryBlock: 2)
        a.qkv.initializeNormal(std: 0.4, rng: &rng)
        a.proj.initializeNormal(std: 0.4, rng: &rng)
        GradientCheck.check(a, input: randomInput([2, 5, 8], seed: 3))
        // Same outputs as a single block.
        let whole = MultiHeadAttention(width: 8, heads: 2, queryBlock: 64)
        try whole.load(a.checkpoint())
        let x = randomInput([2, 5, 8], seed: 4)
        let y1 = a.forward(x).copy(), y2 = whole.forward(x)
        XCTAssertLessThan(y1.maxAbsDifference(y2), 1e-5)
        // 5 tokens in blocks of 2 compute 2·2 + 2·4 + 1·5 = 17 score entries per head.
        XCTAssertEqual(MultiHeadAttention.blockedScoreCount(time: 5, block: 2), 17)
        // Projections on 10 rows, then 2 products of 2·17·4 for each of the 4 (batch, head) pairs.
        XCTAssertEqual(FLOPCounter.count { _ = a.forward(x) }, 2 * 10 * (8 * 24 + 8 * 8) + 4 * 2 * (2 * 17 * 4))
    }

    /// Against the definition, position by position: oᵢ = Σ_{j≤i} softmax_j(qᵢ·kⱼ/√hd) vⱼ.
    func testAttentionMatchesDirectFormula() {
        var rng = RNG(seed: 8)
        let (batch, time, d, heads) = (2, 7, 8, 2)
        let hd = d / heads
        let a = MultiHeadAttention(width: d, heads: heads, queryBlock: 3)
        a.qkv.initializeNormal(std: 0.5, rng: &rng)
        a.proj.initializeNormal(std: 0.5, rng: &rng)
        let x = randomInput([batch, time, d], seed: 2)
        let y = a.forward(x).copy()
        let qkv = a.qkv.forward(x).copy()
        let o = Tensor(shape: [batch, time, d])
        for b in 0..<batch { for h in 0..<heads { for i in 0..<time {
            func at(_ t: Int, _ part: Int, _ c: Int) -> Double { Double(qkv.data[(b * time + t) * 3 * d + part * d + h * hd + c]) }
            let scores = (0...i).map { j in (0..<hd).reduce(0.0) { $0 + at(i, 0, $1) * at(j, 1, $1) } / Double(hd).squareRoot() }
            let m = scores.max()!
            let e = scores.map { Foundation.exp($0 - m) }
            let z = e.reduce(0, +)
            for c in 0..<hd {
                o.data[(b * time + i) * d + h * hd + c] = Float((0...i).reduce(0.0) { $0 + e[$1] / z * at($1, 2, c) })
            }
        } } }
        let want = a.proj.forward(o)
        XCTAssertLessThan(y.maxAbsDifference(want), 1e-5)
    }

    func testTransformerBlock() {
        var rng = RNG(seed: 5)
        let b = TransformerBlock(width: 8, heads: 2, ffn: 16)
        b.initialize(layers: 1, rng: &rng)
        // Larger weights than GPT-2's 0.02 so every path contributes measurably.
        for (_, p) in b.namedParameters() where p.decays { p.value.fillNormal(std: 0.3, rng: &rng) }
        GradientCheck.check(b, input: randomInput([2, 4, 8]))
    }

    func testCausalityOfAttention() {
        // Changing a later token must not change earlier outputs.
        var rng = RNG(seed: 6)
        let a = MultiHeadAttention(width: 8, heads: 2)
        a.qkv.initializeNormal(std: 0.5, rng: &rng)
        a.proj.initializeNormal(std: 0.5, rng: &rng)
        let x = randomInput([1, 6, 8])
        let y1 = a.forward(x).copy()
        for i in 0..<8 { x.data[5 * 8 + i] += 1 }
        let y2 = a.forward(x)
        for i in 0..<(5 * 8) { XCTAssertEqual(y1.data[i], y2.data[i]) }
        XCTAssertNotEqual(y1.data[5 * 8], y2.data[5 * 8])
    }
}
