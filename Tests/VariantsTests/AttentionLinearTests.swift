import XCTest
import TestSupport
import Configuration
import NN
import Tensor
@testable import Variants

final class AttentionLinearTests: XCTestCase {
    /// Direct O(T²) evaluation of oₜ = φ(qₜ)·Σ_{s≤t} φ(k_s)ᵀv_s / (φ(qₜ)·Σ_{s≤t} φ(k_s) + ε) from
    /// the layer's own projections, in Double.
    private func reference(_ a: LinearAttention, _ x: Tensor) -> [Double] {
        let (batch, time, d) = (x.shape[0], x.shape[1], x.shape[2])
        let hd = a.headWidth
        let w = a.qkv.weight.value, bias = a.qkv.bias!.value
        var qkv = [Double](repeating: 0, count: batch * time * 3 * d)
        for r in 0..<(batch * time) {
            for o in 0..<(3 * d) {
                var s = Double(bias.data[o])
                for i in 0..<d { s += Double(w.data[o * d + i]) * Double(x.data[r * d + i]) }
                qkv[r * 3 * d + o] = s
            }
        }
        func phi(_ u: Double) -> Double {
            a.featureMap == .relu ? max(u, 0) : (u > 0 ? u + 1 : Foundation.exp(u))
        }
        var mixed = [Double](repeating: 0, count: batch * time * d)
        for b in 0..<batch {
            for h in 0..<a.heads {
                for t in 0..<time {
                    var num = [Double](repeating: 0, count: hd), den = 0.0
                    for s in 0...t {
                        var score = 0.0
                        for c in 0..<hd {
                            score += phi(qkv[(b * time + t) * 3 * d + h * hd + c]) * phi(qkv[(b * time + s) * 3 * d + d + h * hd + c])
                        }
                        den += score
                        for c in 0..<hd { num[c] += score * qkv[(b * time + s) * 3 * d + 2 * d + h * hd + c] }
                    }
                    for c in 0..<hd { mixed[(b * time + t) * d + h * hd + c] = num[c] / (den + Double(a.epsilon)) }
                }
            }
        }
        if let cw = a.convWeight, let cb = a.convBias {
            let channels = cb.count, k = a.convKernel
            for b in 0..<batch {
                for t in 0..<time {
                    for c in 0..<d {
                        var s = Double(cb.value.data[c % channels])
                        for j in 0..<k where t - (k - 1) + j >= 0 {
                            s += Double(cw.value.data[(c % channels) * k + j]) * qkv[(b * time + t - (k - 1) + j) * 3 * d + 2 * d + c]
                        }
                        mixed[(b * time + t) * d + c] += s
                    }
                }
            }
        }
        var y = [Double](repeating: 0, count: batch * time * d)
        let pw = a.proj.weight.value, pb = a.proj.bias!.value
        for r in 0..<(batch * time) {
            for o in 0..<d {
                var s = Double(pb.data[o])
                for i in 0..<d { s += Double(pw.data[o * d + i]) * mixed[r * d + i] }
                y[r * d + o] = s
            }
        }
        return y
    }

    private func maxError(_ y: Tensor, _ ref: [Double]) -> Double {
        var m = 0.0
        for i in ref.indices { m = max(m, abs(Double(y.data[i]) - ref[i])) }
        return m
    }

    func testMatchesDirectFormulaForEveryChunkLength() {
        let x = GradientCheck.input([2, 7, 8])
        for map in [LinearAttention.FeatureMap.eluPlusOne, .relu] {
            for chunk in [1, 3, 7, 64] {
                let a = LinearAttention(width: 8, heads: 2, featureMap: map, chunk: chunk, convKernel: map == .relu ? 3 : 0,
                                        shareConvAcrossHeads: chunk != 3)
                GradientCheck.randomize(a, std: 0.4)
                let ref = reference(a, x)
                XCTAssertLessThan(maxError(a.forward(x), ref), 1e-4, "\(map) chunk \(chunk)")
            }
        }
    }

    func testGradientsLinear() {
        for chunk in [2, 64] {
            let a = LinearAttention(width: 8, heads: 2, featureMap: .eluPlusOne, chunk: chunk)
            GradientCheck.randomize(a, std: 0.4)
            GradientCheck.check(a, input: GradientCheck.input([2, 5, 8]))
        }
    }

    func testGradientsSLA() {
        for shared in [true, false] {
            let a = LinearAttention(width: 8, heads: 2, featureMap: .relu, chunk: 2, convKernel: 3, shareConvAcrossHeads: shared)
            GradientCheck.randomize(a, std: 0.4)
            // a positive query/key bias keeps ReLU features away from their kink (finite differences)
            for i in 0..<16 { a.qkv.bias!.value.data[i] = 1.5 }
            let errors = GradientCheck.check(a, input: GradientCheck.input([2, 5, 8]))
            XCTAssertNotNil(errors["dwc.weight"])
        }
    }

    func testCausal() throws {
        for id in ["attn.linear", "attn.sla"] {
            let a = try makeMixer(id, ["chunk": .int(2)], context: 7)
            GradientCheck.checkCausal(a, input: GradientCheck.input([2, 7, 8]), position: 3)
            GradientCheck.checkCausal(a, input: GradientCheck.input([2, 7, 8]), position: 6)
        }
    }

    func testFLOPsMatchCounter() throws {
        for id in ["attn.linear", "attn.sla"] {
            for (chunk, time) in [(4, 8), (64, 8), (3, 9)] {
                let a = try makeMixer(id, ["chunk": .int(chunk)], width: 16, heads: 4, context: time)
                let x = GradientCheck.input([2, time, 16])
                XCTAssertEqual(countedFLOPsPerToken(a, x), a.forwardFLOPsPerToken(context: time), "\(id) C=\(chunk) T=\(time)")
            }
        }
    }

    func testParameterNamesAndCounts() throws {
        let lin = try makeMixer("attn.linear", width: 16, heads: 4)
        XCTAssertEqual(lin.namedParameters().map(\.0), ["qkv.weight", "qkv.bias", "proj.weight", "proj.bias"])
        XCTAssertEqual(lin.parameterCount, 16 * 48 + 48 + 16 * 16 + 16)
        let sla = try makeMixer("attn.sla", width: 16, heads: 4)
        XCTAssertEqual(sla.namedParameters().map(\.0), ["qkv.weight", "qkv.bias", "dwc.weight", "dwc.bias", "proj.weight", "proj.bias"])
        XCTAssertEqual(sla.parameterCount, lin.parameterCount + 4 * 4 + 4)
        let unshared = try makeMixer("attn.sla", ["share_conv_across_heads": .bool(false)], width: 16, heads: 4)
        XCTAssertEqual(unshared.parameterCount, lin.parameterCount + 16 * 4 + 16)
    }
}
