import XCTest
import Foundation
import NN
import Tensor

final class OptimizerTests: XCTestCase {
    final class Single: ParameterVisitable {
        let w = Parameter(shape: [2], decays: true)
        let b = Parameter(shape: [1], decays: false)
        func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
            visit("b", b); visit("w", w)
        }
    }

    func testAdamWMatchesHandComputedSteps() {
        let model = Single()
        let set = ParameterSet(model)
        set.values.buffer.update(fromContentsOf: [1, -2, 0.5])  // w (decays) first, then b
        let opt = AdamW(beta1: 0.9, beta2: 0.99, epsilon: 1e-8, weightDecay: 0.1)
        var p = [1.0, -2.0, 0.5], m = [0.0, 0, 0], v = [0.0, 0, 0]
        let grads: [[Double]] = [[0.5, -1, 2], [0.1, 0.3, -0.2]]
        let lr = 0.01
        for (t, g) in grads.enumerated() {
            set.gradients.buffer.update(fromContentsOf: g.map(Float.init))
            opt.step(set, learningRate: Float(lr))
            for i in 0..<3 {
                if i < 2 { p[i] *= 1 - lr * 0.1 }
                m[i] = 0.9 * m[i] + 0.1 * g[i]
                v[i] = 0.99 * v[i] + 0.01 * g[i] * g[i]
                let mh = m[i] / (1 - pow(0.9, Double(t + 1))), vh = v[i] / (1 - pow(0.99, Double(t + 1)))
                p[i] -= lr * mh / (vh.squareRoot() + 1e-8)
            }
        }
        for i in 0..<3 { XCTAssertEqual(Double(set.values.array[i]), p[i], accuracy: 1e-6) }
        XCTAssertEqual(set.decayCount, 2)
        XCTAssertEqual(model.w.value.array, Array(set.values.array[0..<2]), "parameters are views of the packed values")
    }

    func testSGDMomentum() {
        let model = Single()
        let set = ParameterSet(model)
        let opt = SGD(momentum: 0.5, weightDecay: 0)
        set.gradients.buffer.update(fromContentsOf: [1, 1, 1])
        opt.step(set, learningRate: 0.1)
        opt.step(set, learningRate: 0.1)
        // v1 = 1, v2 = 1.5; p = −0.1 − 0.15
        for x in set.values.array { XCTAssertEqual(x, -0.25, accuracy: 1e-7) }
    }

    func testGlobalNormClipping() {
        let set = ParameterSet(Single())
        set.gradients.buffer.update(fromContentsOf: [3, 4, 0])
        XCTAssertEqual(set.clipGradients(maxNorm: 1), 5, accuracy: 1e-6)
        XCTAssertEqual(set.gradientNorm(), 1, accuracy: 1e-5)
        XCTAssertEqual(set.gradients.array[0] / set.gradients.array[1], 0.75, accuracy: 1e-6)
    }

    func testTiedParameterStoredOnce() {
        final class Tied: ParameterVisitable {
            let p = Parameter(shape: [3], decays: true)
            func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) { visit("a", p); visit("b", p) }
        }
        let m = Tied()
        XCTAssertEqual(ParameterSet(m).count, 3)
        XCTAssertEqual(m.parameterCount, 3)
    }

    func testSchedules() {
        let cos = LearningRateSchedule.warmupCosine(warmup: 10, total: 110, minRatio: 0.1)
        XCTAssertEqual(cos.multiplier(step: 0), 0.1, accuracy: 1e-6)
        XCTAssertEqual(cos.multiplier(step: 9), 1, accuracy: 1e-6)
        XCTAssertEqual(cos.multiplier(step: 60), 0.55, accuracy: 1e-6)
        XCTAssertEqual(cos.multiplier(step: 110), 0.1, accuracy: 1e-6)
        let wsd = LearningRateSchedule.warmupStableDecay(warmup: 5, decay: 10, total: 100, minRatio: 0)
        XCTAssertEqual(wsd.multiplier(step: 4), 1, accuracy: 1e-6)
        XCTAssertEqual(wsd.multiplier(step: 50), 1)
        XCTAssertEqual(wsd.multiplier(step: 94), 0.5, accuracy: 1e-6)
        XCTAssertEqual(wsd.multiplier(step: 99), 0, accuracy: 1e-6)
        XCTAssertEqual(LearningRateSchedule.constant.multiplier(step: 1234), 1)
    }
}
