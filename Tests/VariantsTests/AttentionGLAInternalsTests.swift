import XCTest
import TestSupport
import NN
import Tensor
@testable import Variants

/// The decay statistics GLA and retention report through `InternalsReporting`.
final class AttentionGLAInternalsTests: XCTestCase {
    /// Retention's fixed γₕ = 1 − 2^(−5−h): mean over the heads, min the last head's.
    func testRetentionDecayStatisticsAreTheClosedForm() {
        let a = GatedLinearAttention(width: 12, heads: 3, keyWidth: 6, decay: .retention)
        GradientCheck.randomize(a, std: 0.4)
        a.recordsInternals = true
        _ = a.forward(GradientCheck.input([2, 5, 12]))
        let stats = a.takeInternals()
        let gammas = (0..<3).map { 1 - Foundation.pow(2.0, -5.0 - Double($0)) }
        let mean = gammas.reduce(0, +) / 3
        XCTAssertEqual(stats["decay.mean"]!, mean, accuracy: 1e-6)
        XCTAssertEqual(stats["decay.min"]!, 1 - 1.0 / 32, accuracy: 1e-6)
        XCTAssertEqual(stats["decay.half_life"]!, Foundation.log(0.5) / Foundation.log(mean), accuracy: 1e-3)
    }

    /// A gate with zero weights and bias b decays every channel by σ(b)^(1/τ): with b = 0 the
    /// half-life is τ tokens.
    func testLearnedGateHalfLifeIsTheTemperatureAtZeroBias() {
        for tau: Float in [1, 16] {
            let a = GatedLinearAttention(width: 8, heads: 2, keyWidth: 8, decay: .learned(rank: 2, temperature: tau))
            GradientCheck.randomize(a, std: 0.4)
            a.gateUp!.weight.value.fill(0)
            a.gateUp!.bias!.value.fill(0)
            a.recordsInternals = true
            _ = a.forward(GradientCheck.input([2, 5, 8]))
            let stats = a.takeInternals()
            let alpha = Foundation.pow(0.5, 1 / Double(tau))
            XCTAssertEqual(stats["decay.mean"]!, alpha, accuracy: 1e-6)
            XCTAssertEqual(stats["decay.min"]!, alpha, accuracy: 1e-6)
            XCTAssertEqual(stats["decay.half_life"]!, Double(tau), accuracy: 1e-4 * Double(tau))
        }
    }

    /// Nothing is gathered while recording is off, and taking resets.
    func testOnlyRecordedForwardsCount() {
        let a = GatedLinearAttention(width: 8, heads: 2, keyWidth: 8, decay: .retention)
        GradientCheck.randomize(a, std: 0.4)
        let x = GradientCheck.input([1, 4, 8])
        _ = a.forward(x)
        XCTAssertEqual(a.takeInternals(), [:])
        a.recordsInternals = true
        _ = a.forward(x)
        XCTAssertEqual(a.takeInternals().keys.sorted(), ["decay.half_life", "decay.mean", "decay.min"])
        XCTAssertEqual(a.takeInternals(), [:])
    }
}
