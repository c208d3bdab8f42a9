import XCTest
import NN
import Tensor

/// Per-parameter learning-rate multipliers (`Parameter.learningRateMultiplier`) in
/// `ParameterSet` and the optimizers.
final class OptimizerGroupTests: XCTestCase {
    final class TwoLinear: ParameterVisitable {
        let a = Linear(3, 2), b = Linear(2, 2)
        func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
            a.visitParameters(prefix: qualified(prefix, "a"), visit)
            b.visitParameters(prefix: qualified(prefix, "b"), visit)
        }
    }

    func testGroupsAreContiguousAndScaleTheStep() {
        for optimizer in [AdamW(weightDecay: 0.1), SGD(momentum: 0.9, weightDecay: 0.1)] as [Optimizer] {
            let scaled = TwoLinear(), plain = TwoLinear()
            var rng = RNG(seed: 1)
            for m in [scaled, plain] {
                var r = rng
                for (_, p) in m.namedParameters() { p.value.fillNormal(std: 1, rng: &r) }
            }
            scaled.b.weight.learningRateMultiplier = 0.5
            scaled.a.bias!.learningRateMultiplier = 0
            let set = ParameterSet(scaled), reference = ParameterSet(plain)
            XCTAssertEqual(set.learningRateGroups.map(\.multiplier), [1, 0.5, 0, 1])
            XCTAssertEqual(set.learningRateGroups.map(\.range.count), [6, 4, 2, 2])
            XCTAssertEqual(set.decayCount, 10)
            let biasBefore = scaled.a.bias!.value.array
            for s in [set, reference] {
                for i in 0..<s.count { s.gradients.data[i] = Float(i % 5) - 2 }
            }
            // The same update at half the rate equals half the plain step for SGD's first step.
            let wBefore = plain.b.weight.value.array
            optimizer.step(set, learningRate: 0.1)
            let other: Optimizer = optimizer is AdamW ? AdamW(weightDecay: 0.1) : SGD(momentum: 0.9, weightDecay: 0.1)
            other.step(reference, learningRate: 0.05)
            XCTAssertEqual(scaled.a.bias!.value.array, biasBefore, "multiplier 0 freezes the parameter")
            for (x, y) in zip(scaled.b.weight.value.array, plain.b.weight.value.array) {
                XCTAssertEqual(x, y, accuracy: 1e-6)
            }
            XCTAssertNotEqual(plain.b.weight.value.array, wBefore)
        }
    }
}
