import XCTest
import TestSupport
import Configuration
import NN
import Tensor
@testable import Variants

/// The capacity factor (token dropping) of `ffn.moe` and its mechanism statistics.
final class FeedForwardMoECapacityTests: XCTestCase {
    private func moe(experts e: Int, k: Int, capacityFactor: Double, width: Int) -> MixtureOfExperts {
        let experts: [FeedForward] = (0..<e).map { _ in GELUFeedForward(width: width, hidden: 5) }
        let m = MixtureOfExperts(width: width, experts: experts, topK: k, balanceCoefficient: 0.5, scope: .microBatch,
                                 capacityFactor: capacityFactor)
        GradientCheck.randomize(m, std: 0.5)
        return m
    }

    /// The router is the identity, so each input row is its token's router logits.
    private func identityRouted(experts e: Int, k: Int, capacityFactor: Double) -> MixtureOfExperts {
        let m = moe(experts: e, k: k, capacityFactor: capacityFactor, width: e)
        m.router.weight.value.fill(0)
        for i in 0..<e { m.router.weight.value.data[i * e + i] = 1 }
        return m
    }

    private func expert(_ m: MixtureOfExperts, _ i: Int, _ x: Tensor, token t: Int) -> [Float] {
        let row = Tensor(shape: [1, m.width])
        row.data.update(from: x.data + t * m.width, count: m.width)
        return m.experts[i].forward(row).array
    }

    func testCapacityIsTheCeilingOfCfKnOverE() {
        XCTAssertNil(moe(experts: 4, k: 1, capacityFactor: 0, width: 2).capacity(tokens: 8))
        XCTAssertEqual(moe(experts: 4, k: 1, capacityFactor: 1, width: 2).capacity(tokens: 8), 2)
        XCTAssertEqual(moe(experts: 4, k: 1, capacityFactor: 1, width: 2).capacity(tokens: 9), 3)
        XCTAssertEqual(moe(experts: 8, k: 2, capacityFactor: 1.25, width: 2).capacity(tokens: 12), 4)  // ⌈3.75⌉
        XCTAssertEqual(moe(experts: 1, k: 1, capacityFactor: 1.1, width: 2).capacity(tokens: 10), 11)  // not 12
    }

    /// A router with zero weights gives every token p = 1/E and (ties to the lower index) sends
    /// all of them to expert 0: with cf 1, E 4, k 1 it keeps C = ⌈n/4⌉ tokens, the first ones.
    func testOneExpertRouterDropsAllButCapacity() {
        let m = moe(experts: 4, k: 1, capacityFactor: 1, width: 3)
        m.router.weight.value.fill(0)
        m.recordsInternals = true
        let x = GradientCheck.input([2, 4, 3])
        let y = m.forward(x).copy()
        XCTAssertEqual(m.droppedFraction, 1 - 2.0 / 8)
        for t in 0..<8 {
            let expected = t < 2 ? expert(m, 0, x, token: t).map { 0.25 * $0 } : [0, 0, 0]
            for c in 0..<3 { XCTAssertEqual(y.data[t * 3 + c], expected[c], accuracy: 1e-6, "token \(t)") }
        }
        // the load-balancing loss counts routing before dropping: f = (1, 0, 0, 0), P = ¼ each
        XCTAssertEqual(m.expertLoad, [1, 0, 0, 0])
        XCTAssertEqual(m.balanceLoss, 0.5, accuracy: 1e-6)
        let stats = m.takeInternals()
        XCTAssertEqual(stats["moe.dropped_fraction"]!, 0.75, accuracy: 1e-12)
        XCTAssertEqual(stats["moe.load_cv"]!, 3.0.squareRoot(), accuracy: 1e-6)  // √(E − 1)
        XCTAssertEqual(stats["moe.max_load"]!, 4, accuracy: 1e-6)
        XCTAssertEqual(stats["moe.router_entropy"]!, Foundation.log(4.0), accuracy: 1e-5)  // ln E
        XCTAssertEqual(m.takeInternals(), [:], "taking resets")
    }

    /// Four tokens each routed to its own expert: CV 0, max load 1, nothing dropped at cf 1.
    func testUniformLoadHasCVZero() {
        let m = identityRouted(experts: 4, k: 1, capacityFactor: 1)
        m.recordsInternals = true
        let x = Tensor(shape: [1, 4, 4])
        for t in 0..<4 { x.data[t * 4 + t] = 3 }
        _ = m.forward(x)
        let stats = m.takeInternals()
        XCTAssertEqual(stats["moe.load_cv"]!, 0, accuracy: 1e-12)
        XCTAssertEqual(stats["moe.max_load"]!, 1, accuracy: 1e-6)
        XCTAssertEqual(stats["moe.dropped_fraction"], 0)
    }

    /// Statistics average over the recorded forwards and are not gathered while off.
    func testStatisticsAverageOverRecordedForwards() {
        let m = moe(experts: 4, k: 1, capacityFactor: 1, width: 3)
        m.router.weight.value.fill(0)
        let x = GradientCheck.input([1, 8, 3])
        _ = m.forward(x)
        XCTAssertEqual(m.takeInternals(), [:], "off: nothing gathered")
        m.recordsInternals = true
        _ = m.forward(x)                               // C = 2: 6 of 8 dropped
        _ = m.forward(GradientCheck.input([1, 2, 3]))  // C = 1: 1 of 2 dropped
        XCTAssertEqual(m.takeInternals()["moe.dropped_fraction"]!, (0.75 + 0.5) / 2, accuracy: 1e-12)
    }

    /// Tokens 0, 1 choose experts (0, 1) and tokens 2, 3 choose (1, 0); with C = 2 each expert
    /// fills up with first choices, so every second choice drops, and the first gate keeps its
    /// top-2 value p₁/(p₁ + p₂) (no renormalization over the kept slots).
    func testFirstChoicesFillCapacityBeforeSecondChoices() {
        let m = identityRouted(experts: 3, k: 2, capacityFactor: 0.75)  // C = ⌈0.75·2·4/3⌉ = 2
        XCTAssertEqual(m.capacity(tokens: 4), 2)
        let rows: [[Float]] = [[2, 1, -2], [2, 1, -2], [1, 2, -2], [1, 2, -2]]
        let x = Tensor(shape: [1, 4, 3], values: rows.flatMap { $0 })
        let y = m.forward(x).copy()
        XCTAssertEqual(m.droppedFraction, 0.5)
        for (t, logits) in rows.enumerated() {
            let first = t < 2 ? 0 : 1
            let p = logits.map { Foundation.exp($0) }
            let gate = p[first] / (p[0] + p[1])
            let expected = expert(m, first, x, token: t).map { gate * $0 }
            for c in 0..<3 { XCTAssertEqual(y.data[t * 3 + c], expected[c], accuracy: 1e-5, "token \(t)") }
        }
    }

    /// A capacity no routing can exceed (C ≥ n) computes exactly what dropless routing does.
    func testAmpleCapacityEqualsDropless() {
        let x = GradientCheck.input([2, 3, 6])
        let dropless = moe(experts: 4, k: 2, capacityFactor: 0, width: 6)
        let ample = moe(experts: 4, k: 2, capacityFactor: 2, width: 6)  // C = ⌈2·2·6/4⌉ = 6 = n
        for (a, b) in zip(dropless.namedParameters(), ample.namedParameters()) { b.1.value.assign(a.1.value) }
        XCTAssertEqual(dropless.forward(x).array, ample.forward(x).array)
        XCTAssertEqual(ample.droppedFraction, 0)
        let dy = GradientCheck.input([2, 3, 6], seed: 11)
        XCTAssertEqual(dropless.backward(dy).array, ample.backward(dy).array)
    }

    func testGradientsWithDroppedSlots() throws {
        for k in [1, 2] {
            let m = moe(experts: 4, k: k, capacityFactor: 0.5, width: 6)  // 4·C < k·n: slots must drop
            m.router.weight.value.scale(by: 6)  // decisive routing
            let x = try XCTUnwrap((UInt64(1)...50).lazy.map { GradientCheck.input([2, 3, 6], seed: $0) }
                .first(where: m.routesDecisively), "no input with decisive routing")
            let errors = GradientCheck.check(m, input: x, step: 4e-3, auxiliary: { m.auxiliaryLoss })
            XCTAssertNotNil(errors["router.weight"])
            XCTAssertGreaterThan(m.droppedFraction, 0, "k \(k)")
            XCTAssertLessThan(m.droppedFraction, 1, "k \(k)")
        }
    }

    /// The registered variant reads `capacity_factor`; 0 (the default) is dropless.
    func testVariantParameter() throws {
        let capped = try XCTUnwrap(try makeFeedForward("ffn.moe", ["capacity_factor": .double(1.25)]) as? MixtureOfExperts)
        XCTAssertEqual(capped.capacityFactor, 1.25)
        let dropless = try XCTUnwrap(try makeFeedForward("ffn.moe") as? MixtureOfExperts)
        XCTAssertNil(dropless.capacity(tokens: 100))
    }

    /// A tiny decoder LM with cf 1 drops some but not all slots while it trains; dropless drops none.
    func testDecoderTrainsWithDroppedTokens() throws {
        for (factor, dropping) in [(1.0, true), (0.0, false)] {
            var spec = ModelTestSupport.spec(ffn: "ffn.moe")
            spec.ffn = VariantChoice("ffn.moe", ["capacity_factor": .double(factor), "experts": .int(4)])
            let model = try DecoderLM(spec, seed: 3)
            let layers = model.blocks.compactMap { $0.ffn as? MixtureOfExperts }
            XCTAssertEqual(layers.count, 2)
            for layer in layers { layer.recordsInternals = true }
            let losses = ModelTestSupport.train(model, steps: 12, learningRate: 1e-2)
            XCTAssertLessThan((losses[10] + losses[11]) / 2, (losses[0] + losses[1]) / 2 - 0.05, "cf \(factor): \(losses)")
            for layer in layers {
                let dropped = try XCTUnwrap(layer.takeInternals()["moe.dropped_fraction"])
                if dropping {
                    XCTAssertGreaterThan(dropped, 0)
                    XCTAssertLessThan(dropped, 1)
                } else {
                    XCTAssertEqual(dropped, 0)
                }
            }
        }
    }
}
