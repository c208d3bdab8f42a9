import XCTest
import Foundation
import TestSupport
import NN
import Tensor

final class BinaryCrossEntropyTests: XCTestCase {
    func testGradientWithIgnoredEntries() {
        var rng = RNG(seed: 1)
        let logits = Tensor(shape: [4, 5])
        logits.fillNormal(std: 2, rng: &rng)
        var targets = (0..<20).map { _ in Int32(rng.int(below: 2)) }
        targets[3] = -1
        targets[11] = -1
        let bce = SigmoidBinaryCrossEntropy()
        _ = bce.forward(logits, targets: targets)
        XCTAssertEqual(bce.counted, 18)
        let analytic = bce.gradient!.array.map(Double.init)
        let numeric = GradientCheck.numeric(logits) {
            Double(SigmoidBinaryCrossEntropy().forward(logits, targets: targets, computeGradient: false))
        }
        XCTAssertLessThan(GradientCheck.relativeError(analytic, numeric), GradientCheck.tolerance)
        XCTAssertEqual(bce.gradient!.data[3], 0)
        XCTAssertEqual(bce.gradient!.data[11], 0)
    }

    /// The loss against the direct formula −[y log σ(z) + (1−y) log(1−σ(z))], and finite for huge logits.
    func testValueMatchesDirectFormulaAndStaysFinite() {
        let z: [Float] = [-3, -0.5, 0, 0.7, 2.5, 4]
        let y: [Int32] = [0, 1, 1, 0, 1, 0]
        var direct = 0.0
        for i in z.indices {
            let s = 1 / (1 + Foundation.exp(-Double(z[i])))
            direct -= y[i] == 1 ? Foundation.log(s) : Foundation.log(1 - s)
        }
        direct /= Double(z.count)
        let loss = SigmoidBinaryCrossEntropy().forward(Tensor(shape: [2, 3], values: z), targets: y)
        XCTAssertEqual(Double(loss), direct, accuracy: 1e-5)
        // Confidently right (±200) costs nothing; confidently wrong costs |z| per entry.
        let huge = Tensor(shape: [4], values: [200, -200, 200, -200])
        XCTAssertEqual(SigmoidBinaryCrossEntropy().forward(huge, targets: [1, 0, 0, 1]), 100, accuracy: 1e-3)
        XCTAssertEqual(SigmoidBinaryCrossEntropy().forward(huge, targets: [1, 0, 1, 0]), 0, accuracy: 1e-6)
    }
}
