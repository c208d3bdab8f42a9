import XCTest
import TestSupport
import Configuration
import NN
import Tensor
@testable import Variants

/// Builds a registered feed-forward layer with `given` parameters.
func makeFeedForward(_ id: String, _ given: [String: ParameterValue] = [:], width: Int = 8, hidden: Int = 16,
                     seed: UInt64 = 5) throws -> FeedForward {
    let d = try XCTUnwrap(Registry.descriptor(id), "no variant \(id)")
    guard case .feedForward(let make) = d.factory else { throw XCTSkip("\(id) is not a feed-forward layer") }
    var rng = RNG(seed: seed)
    let ctx = LayerContext(width: width, heads: 2, ffnHidden: hidden, context: 4, depth: 2)
    return try make(try d.resolve(given), ctx, &rng)
}

final class FeedForwardTests: XCTestCase {
    func testSwiGLUGradientsAndMatchedWidth() throws {
        let m = SwiGLUFeedForward(width: 6, hidden: 10)
        GradientCheck.randomize(m, std: 0.5)
        GradientCheck.check(m, input: GradientCheck.input([2, 3, 6]))
        XCTAssertEqual(SwiGLUFeedForward.matchedHidden(mlpHidden: 256), 176)  // 8·64/3 = 170.7 → 176
        let s = try makeFeedForward("ffn.swiglu", width: 64, hidden: 256)
        XCTAssertEqual(s.parameterCount, 3 * 64 * 176)
        XCTAssertEqual(s.namedParameters().map(\.0), ["w1.weight", "w2.weight", "w3.weight"])
    }

    func testLowRankGradients() {
        let m = LowRankFeedForward(width: 6, hidden: 10, rank1: 3, rank2: 2)
        GradientCheck.randomize(m, std: 0.5)
        GradientCheck.check(m, input: GradientCheck.input([2, 3, 6]))
    }

    /// The spectral init is the truncated SVD: full rank reproduces W₀, and U·V at rank r is
    /// the best rank-r approximation (its residual is orthogonal to U·V).
    func testLowRankSpectralInitialization() {
        var rng = RNG(seed: 4)
        let w = Tensor(shape: [5, 7])
        w.fillNormal(std: 1, rng: &rng)
        func product(_ l: LowRankLinear) -> [Float] {
            var out = [Float](repeating: 0, count: 35)
            for o in 0..<5 { for j in 0..<7 { for i in 0..<l.rank {
                out[o * 7 + j] += l.up.weight.value.data[o * l.rank + i] * l.down.weight.value.data[i * 7 + j]
            } } }
            return out
        }
        let full = LowRankLinear(7, 5, rank: 5)
        full.initialize(fromSVDOf: w)
        for (a, b) in zip(product(full), w.array) { XCTAssertEqual(a, b, accuracy: 1e-4) }
        let low = LowRankLinear(7, 5, rank: 2)
        low.initialize(fromSVDOf: w)
        let approx = product(low)
        var inner: Float = 0, norm: Float = 0
        for i in 0..<35 { inner += (w.data[i] - approx[i]) * approx[i]; norm += approx[i] * approx[i] }
        XCTAssertLessThan(abs(inner), 1e-4 * norm)
        // balanced factors: V·Vᵀ = U ᵀU = Σ_r
        for i in 0..<2 { for j in 0..<2 {
            var vv: Float = 0, uu: Float = 0
            for c in 0..<7 { vv += low.down.weight.value.data[i * 7 + c] * low.down.weight.value.data[j * 7 + c] }
            for o in 0..<5 { uu += low.up.weight.value.data[o * 2 + i] * low.up.weight.value.data[o * 2 + j] }
            XCTAssertEqual(vv, uu, accuracy: 1e-4)
            if i != j { XCTAssertEqual(vv, 0, accuracy: 1e-4) }
        } }
        XCTAssertEqual(LowRankLinear.rank(fraction: 0.5, inFeatures: 64, outFeatures: 256), 25)
    }

    func testBlockTensorTrainGradients() {
        for (m1, n0, r) in [(2, 3, 1), (3, 2, 2)] {
            let l = BlockTensorTrainLinear(6, 6, inBlocks: m1, outBlocks: n0, rank: r)
            GradientCheck.randomize(l, std: 0.5)
            GradientCheck.check(l, input: GradientCheck.input([2, 3, 6]))
        }
        let diag = BlockDiagonalFeedForward(width: 8, hidden: 12, blocks: 2)
        GradientCheck.randomize(diag, std: 0.5)
        GradientCheck.check(diag, input: GradientCheck.input([2, 3, 8]))
        let m = StructuredFeedForward(width: 8, hidden: 16, blocks: 2, rank1: 2, rank2: 1)
        GradientCheck.randomize(m, std: 0.5)
        GradientCheck.check(m, input: GradientCheck.input([2, 3, 8]))
    }

    /// The layer computes y = W·x + b with W[(i₀,i₁),(j₀,j₁)] = Σ_α R[j₁][(i₀,α), j₀]·L[i₀][i₁, (j₁,α)].
    func testBlockTensorTrainEqualsItsDenseMatrix() {
        let (m0, m1, n0, n1, r) = (3, 2, 2, 5, 2)
        let l = BlockTensorTrainLinear(m0 * m1, n0 * n1, inBlocks: m1, outBlocks: n0, rank: r)
        GradientCheck.randomize(l, std: 0.5)
        let x = GradientCheck.input([4, m0 * m1])
        let y = l.forward(x)
        let R = l.first.value.data, L = l.second.value.data
        for row in 0..<4 {
            for i0 in 0..<n0 { for i1 in 0..<n1 {
                var s = Double(l.bias!.value.data[i0 * n1 + i1])
                for j1 in 0..<m1 { for j0 in 0..<m0 {
                    var w = 0.0
                    for a in 0..<r {
                        w += Double(R[(j1 * n0 * r + i0 * r + a) * m0 + j0]) * Double(L[(i0 * n1 + i1) * m1 * r + j1 * r + a])
                    }
                    s += w * Double(x.data[row * m0 * m1 + j1 * m0 + j0])
                } }
                XCTAssertEqual(Double(y.data[row * n0 * n1 + i0 * n1 + i1]), s, accuracy: 1e-5)
            } }
        }
        XCTAssertEqual(l.forwardFLOPsPerRow, 2 * r * (6 * n0 + m1 * 10))
    }

    func testStructuredVariantCountsAndInit() throws {
        let monarch = try makeFeedForward("ffn.blockdiag", width: 64, hidden: 256)
        // b = 4: r = 64/16 = 4 for both layers; params r·b·(in + out) per layer plus biases
        XCTAssertEqual(monarch.parameterCount, 2 * (4 * 4 * (64 + 256)) + 256 + 64)
        let s = try XCTUnwrap(monarch as? StructuredFeedForward)
        XCTAssertEqual(s.fc2.second.value.array.allSatisfy { $0 == 0 }, true)  // zero last core of the residual branch
        XCTAssertEqual(s.learningRateMultipliers["fc1.cores.0"], 64 / 16 / 2)  // d_in / fan_in(core) / 2
        XCTAssertEqual(s.learningRateMultipliers["fc1.cores.1"], 64 / 16 / 2)  // fan_in = m₁·r = 16
        let btt = try makeFeedForward("ffn.blockdiag", ["structure": .string("btt"), "blocks": .int(8), "btt_rank": .int(2)],
                                      width: 64, hidden: 256)
        XCTAssertEqual(btt.parameterCount, 2 * (2 * 8 * (64 + 256)) + 256 + 64)
        XCTAssertThrowsError(try makeFeedForward("ffn.blockdiag", ["blocks": .int(3)], width: 64, hidden: 256))
        // block-diagonal: outputs of group j depend only on inputs of group j
        let diag = try XCTUnwrap(try makeFeedForward("ffn.blockdiag", ["structure": .string("blockdiag"), "init": .string("standard")],
                                                     width: 8, hidden: 16) as? BlockDiagonalFeedForward)
        XCTAssertEqual(diag.learningRateMultipliers, [:])  // standard parametrization: every rate 1
        let scaled = try XCTUnwrap(try makeFeedForward("ffn.blockdiag", ["structure": .string("blockdiag")], width: 8, hidden: 16)
            as? BlockDiagonalFeedForward)
        XCTAssertEqual(scaled.learningRateMultipliers["fc1.weight"], 4)
        let x = GradientCheck.input([1, 2, 8])
        let y0 = diag.forward(x).copy()
        x.data[0] += 1  // group 0 of 4 (features 0..<2)
        let y1 = diag.forward(x)
        for t in 0..<2 { for c in 0..<8 where t == 1 || c >= 2 { XCTAssertEqual(y1.data[t * 8 + c], y0.data[t * 8 + c]) } }
        XCTAssertNotEqual(y1.data[0], y0.data[0])
    }

    func testFLOPsMatchCounter() throws {
        let cases: [(String, [String: ParameterValue])] = [
            ("ffn.mlp", [:]), ("ffn.swiglu", [:]), ("ffn.lowrank", [:]), ("ffn.lowrank", ["rank": .int(3)]),
            ("ffn.blockdiag", [:]), ("ffn.blockdiag", ["structure": .string("btt"), "btt_rank": .int(3)]),
            ("ffn.blockdiag", ["structure": .string("blockdiag")]),
            ("ffn.moe", [:]), ("ffn.moe", ["experts": .int(4), "top_k": .int(1), "expert": .string("swiglu")]),
        ]
        for (id, given) in cases {
            let m = try makeFeedForward(id, given, width: 16, hidden: 32)
            let x = GradientCheck.input([2, 5, 16])
            XCTAssertEqual(countedFLOPsPerToken(m, x), m.forwardFLOPsPerToken(context: 5), "\(id) \(given)")
        }
    }
}
