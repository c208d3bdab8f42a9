import XCTest
import TestSupport
import Configuration
import NN
import Tensor
@testable import Variants

final class FeedForwardMoETests: XCTestCase {
    private func moe(experts e: Int, k: Int, scope: MixtureOfExperts.BalancingScope, zLoss: Float = 0, coefficient: Float = 0.5,
                     width: Int = 6) -> MixtureOfExperts {
        let experts: [FeedForward] = (0..<e).map { i in
            i % 2 == 0 ? GELUFeedForward(width: width, hidden: 5) as FeedForward : SwiGLUFeedForward(width: width, hidden: 4)
        }
        let m = MixtureOfExperts(width: width, experts: experts, topK: k, balanceCoefficient: coefficient,
                                 zLossCoefficient: zLoss, scope: scope)
        GradientCheck.randomize(m, std: 0.5)
        return m
    }

    func testGradientsIncludingAuxiliaryLosses() throws {
        for (k, scope, z) in [(1, MixtureOfExperts.BalancingScope.microBatch, Float(0)), (2, .sequence, 0.1), (2, .global, 0)] {
            let m = moe(experts: 4, k: k, scope: scope, zLoss: z)
            m.router.weight.value.scale(by: 6)  // decisive routing
            // the first input (in a fixed seed order) whose routing has clear margins
            let x = try XCTUnwrap((UInt64(1)...50).lazy.map { GradientCheck.input([2, 3, 6], seed: $0) }
                .first(where: m.routesDecisively), "no input with decisive routing")
            let errors = GradientCheck.check(m, input: x, step: 4e-3, auxiliary: { m.auxiliaryLoss })
            XCTAssertNotNil(errors["router.weight"])
            XCTAssertNotNil(errors["experts.1.w3.weight"])
            XCTAssertGreaterThan(m.auxiliaryLoss, 0)
        }
    }

    /// Two experts, k = 1, four tokens with hand-set router probabilities.
    func testLoadBalancingLossHandChecked() {
        let m = moe(experts: 2, k: 1, scope: .microBatch, coefficient: 0.1, width: 2)
        // router logits z = W x with W = I: token t has logits x_t
        m.router.weight.value.assign(Tensor(shape: [2, 2], values: [1, 0, 0, 1]))
        let l2: Float = Float(Foundation.log(3.0))  // p = (0.75, 0.25) for logits (ln 3, 0)
        let x = Tensor(shape: [1, 4, 2], values: [l2, 0, l2, 0, l2, 0, 0, l2])
        _ = m.forward(x)
        // f = (3/4, 1/4); P = ((.75·3 + .25)/4, (.25·3 + .75)/4) = (0.625, 0.375)
        // LBL = c·E·Σ f·P = 0.1·2·(0.75·0.625 + 0.25·0.375) = 0.1125
        XCTAssertEqual(m.expertLoad[0], 0.75, accuracy: 1e-6)
        XCTAssertEqual(m.expertLoad[1], 0.25, accuracy: 1e-6)
        XCTAssertEqual(m.balanceLoss, 0.1125, accuracy: 1e-6)
        XCTAssertEqual(m.auxiliaryLoss, 0.1125, accuracy: 1e-6)
        XCTAssertEqual(m.loadImbalance, 1.5, accuracy: 1e-6)
        let h = -(0.75 * Foundation.log(0.75) + 0.25 * Foundation.log(0.25))
        XCTAssertEqual(Double(m.routerEntropy), h, accuracy: 1e-5)
        // perfect balance gives exactly c
        let balanced = Tensor(shape: [1, 2, 2], values: [l2, 0, 0, l2])
        _ = m.forward(balanced)
        XCTAssertEqual(m.balanceLoss, 0.1, accuracy: 1e-6)
    }

    /// Sequence scope balances each sequence: two sequences each routed wholly to one expert
    /// are balanced over the micro-batch but not per sequence.
    func testScopesDiffer() {
        let l2: Float = Float(Foundation.log(3.0))
        let x = Tensor(shape: [2, 2, 2], values: [l2, 0, l2, 0, 0, l2, 0, l2])
        var losses: [MixtureOfExperts.BalancingScope: Float] = [:]
        for scope in [MixtureOfExperts.BalancingScope.sequence, .microBatch] {
            let m = moe(experts: 2, k: 1, scope: scope, coefficient: 1, width: 2)
            m.router.weight.value.assign(Tensor(shape: [2, 2], values: [1, 0, 0, 1]))
            _ = m.forward(x)
            losses[scope] = m.balanceLoss
        }
        XCTAssertEqual(losses[.microBatch]!, 1, accuracy: 1e-6)       // f = P = (½, ½)
        XCTAssertEqual(losses[.sequence]!, 2 * 0.75, accuracy: 1e-6)  // per sequence f = (1, 0), P = (¾, ¼)
    }

    /// Global scope uses the step's load when given (counted by the router-only pass).
    func testGlobalLoadFromRouterPass() {
        let m = moe(experts: 2, k: 1, scope: .global, coefficient: 1, width: 2)
        m.router.weight.value.assign(Tensor(shape: [2, 2], values: [1, 0, 0, 1]))
        let l2: Float = Float(Foundation.log(3.0))
        let a = Tensor(shape: [1, 2, 2], values: [l2, 0, l2, 0]), b = Tensor(shape: [1, 2, 2], values: [0, l2, 0, l2])
        let counts = zip(m.routedCounts(a), m.routedCounts(b)).map { $0 + $1 }
        XCTAssertEqual(counts, [2, 2])
        m.globalLoad = counts.map { Float($0) / 4 }
        _ = m.forward(a)
        XCTAssertEqual(m.balanceLoss, 2 * (0.5 * 0.75 + 0.5 * 0.25), accuracy: 1e-6)
        m.globalLoad = nil
        _ = m.forward(a)
        XCTAssertEqual(m.balanceLoss, 2 * 0.75, accuracy: 1e-6)  // micro-batch fallback: f = (1, 0)
    }

    func testOutputIsGateWeightedExperts() {
        let m = moe(experts: 3, k: 2, scope: .microBatch)
        let x = GradientCheck.input([1, 1, 6])
        let y = m.forward(x).copy()
        let z = (0..<3).map { e in (0..<6).reduce(Float(0)) { $0 + m.router.weight.value.data[e * 6 + $1] * x.data[$1] } }
        let p = z.map { Foundation.exp($0 - z.max()!) }
        let order = (0..<3).sorted { p[$0] > p[$1] }
        let s = p[order[0]] + p[order[1]]
        let x2 = x.reshaped([1, 6])
        var expected = [Float](repeating: 0, count: 6)
        for e in order.prefix(2) {
            let ye = m.experts[e].forward(x2)
            for c in 0..<6 { expected[c] += p[e] / s * ye.data[c] }
        }
        for c in 0..<6 { XCTAssertEqual(y.data[c], expected[c], accuracy: 1e-5) }
    }

    func testParameterNamesAndCount() throws {
        let m = try makeFeedForward("ffn.moe", ["experts": .int(3)], width: 8, hidden: 16)
        let names = m.namedParameters().map(\.0)
        XCTAssertEqual(names.first, "router.weight")
        XCTAssertTrue(names.contains("experts.2.fc2.bias"))
        // hidden 16/2 = 8 per expert
        XCTAssertEqual(m.parameterCount, 8 * 3 + 3 * (8 * 8 + 8 + 8 * 8 + 8))
        XCTAssertThrowsError(try makeFeedForward("ffn.moe", ["experts": .int(2), "top_k": .int(3)]))
    }
}

extension MixtureOfExperts {
    /// Whether every token's k-th and (k+1)-th router logits for x are well separated, so a
    /// finite-difference step never changes the routing.
    func routesDecisively(_ x: Tensor) -> Bool {
        let n = x.count / width, e = expertCount
        let logits = Tensor(shape: [n, e])
        sgemm(.none, .transposed, m: n, n: e, k: width, a: x.data, lda: width, b: router.weight.value.data,
              ldb: width, beta: 0, c: logits.data, ldc: e)
        return (0..<n).allSatisfy { t in
            let row = (0..<e).map { logits.data[t * e + $0] }.sorted(by: >)
            return e == topK || row[topK - 1] - row[topK] >= 0.3
        }
    }
}
