import Foundation
import XCTest
@testable import NN
import Tensor

/// The mechanism statistics of `measurement.internals`, each on a case with a known answer.
final class InternalsTests: XCTestCase {
    func testAOneHotRowHasEntropyZeroAndAUniformRowLnN() {
        let oneHot: [Float] = [0, 0, 1, 0]
        XCTAssertEqual(MultiHeadAttention.entropy(4, oneHot), 0)
        let uniform = [Float](repeating: 0.2, count: 5)
        XCTAssertEqual(MultiHeadAttention.entropy(5, uniform), log(5), accuracy: 1e-6)
    }

    /// With zero projections every score is 0: each causal row i is uniform over its i + 1
    /// keys, so the mean entropy is the mean of ln(i + 1) and the largest logit is 0.
    func testAttentionWithZeroScoresReportsUniformRows() {
        let attention = MultiHeadAttention(width: 4, heads: 2)
        attention.visitParameters(prefix: "") { _, p in p.value.fill(0) }
        var rng = RNG(seed: 1)
        let x = Tensor(shape: [2, 5, 4])
        x.fillUniform(-1, 1, rng: &rng)
        _ = attention.forward(x)
        XCTAssertEqual(attention.takeInternals(), [:], "off: nothing gathered")
        attention.recordsInternals = true
        _ = attention.forward(x)
        _ = attention.forward(x)
        let internals = attention.takeInternals()
        let expected = (1...5).map { log(Double($0)) }.reduce(0, +) / 5
        XCTAssertEqual(internals["attention.entropy"]!, expected, accuracy: 1e-5)
        XCTAssertEqual(internals["attention.max_logit"], 0)
        XCTAssertEqual(attention.takeInternals(), [:], "taking resets")
    }

    func testAttentionMaxLogitIsTheLargestScaledScore() {
        // One head of width 1: q = k = x, v = 0, so the scores are x_i·x_j (scale 1); the
        // largest causal one is the largest x_i².
        let attention = MultiHeadAttention(width: 1, heads: 1)
        attention.visitParameters(prefix: "") { _, p in p.value.fill(0) }
        attention.qkv.weight.value.data[0] = 1
        attention.qkv.weight.value.data[1] = 1
        let x = Tensor(shape: [1, 3, 1])
        x.data[0] = 0.5; x.data[1] = -2; x.data[2] = 1
        attention.recordsInternals = true
        _ = attention.forward(x)
        XCTAssertEqual(attention.takeInternals()["attention.max_logit"]!, 4, accuracy: 1e-6)
    }

    func testAConstantActivationHasNoKurtosis() {
        let probe = ActivationProbe()
        let x = Tensor(shape: [2, 3])
        x.fill(-2)
        probe.observe(x)
        let internals = probe.takeInternals()
        XCTAssertNil(internals["activations.kurtosis"], "undefined, not NaN")
        XCTAssertEqual(internals["residual.rms"], 2)
        XCTAssertEqual(internals["activations.max_median"], 1)
    }

    func testKurtosisMaxOverMedianAndRMSOfKnownVectors() {
        // Plain kurtosis: ±1 alternating has m₄ = m₂² = 1; seven 0s and a 2 give 43/7.
        XCTAssertEqual(ActivationProbe.moments(4, [1, -1, 1, -1]).kurtosis, 1)
        XCTAssertEqual(ActivationProbe.moments(8, [0, 0, 0, 0, 0, 0, 0, 2]).kurtosis!, 43.0 / 7, accuracy: 1e-12)
        XCTAssertEqual(ActivationProbe.moments(2, [3, 4]).rms, 12.5.squareRoot(), accuracy: 1e-12)
        var odd: [Float] = [4, 1, 10, 3, 2]
        XCTAssertEqual(ActivationProbe.maxOverMedian(&odd)!, 10.0 / 3, accuracy: 1e-12)
        var even: [Float] = [1, 2, 4, 8]
        XCTAssertEqual(ActivationProbe.maxOverMedian(&even)!, 8.0 / 3, accuracy: 1e-12)
        var zeroMedian: [Float] = [0, 0, 0, 1]
        XCTAssertNil(ActivationProbe.maxOverMedian(&zeroMedian))
    }

    func testTheProbeAveragesOverThePassesItObserves() {
        let probe = ActivationProbe()
        let a = Tensor(shape: [2]), b = Tensor(shape: [2])
        a.fill(1)
        b.fill(3)
        probe.observe(a)
        probe.observe(b)
        XCTAssertEqual(probe.takeInternals()["residual.rms"], 2)
        XCTAssertEqual(probe.takeInternals(), [:])
    }

    /// Per-layer gradient norms of an MLP whose gradients are set by hand.
    func testGradientNormsByLayer() {
        var rng = RNG(seed: 0)
        let mlp = MLPClassifier(inputs: 3, hidden: [2], classes: 2, rng: &rng)
        let parameters = ParameterSet(mlp)
        // layers.0 (hidden layer 0): 3·2 + 2 = 8 entries of 1; layers.2 (output, layer 1): 2·2 + 2 = 6 of 2
        for (name, p) in parameters.entries { p.grad.fill(name.hasPrefix("layers.0.") ? 1 : 2) }
        let norms = parameters.gradientNorms(byLayer: mlp.internalsLayer(ofParameter:))
        XCTAssertEqual(norms[0]!, 8.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(norms[1]!, 2 * 6.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(norms.count, 2)
    }

    func testTheTrainerShowsGradientsBeforeClipping() {
        var rng = RNG(seed: 0)
        let mlp = MLPClassifier(inputs: 2, hidden: [], classes: 2, rng: &rng)
        let trainer = Trainer(model: mlp, optimizer: SGD(momentum: 0), learningRate: 0, clipNorm: 1e-3)
        var seen: Double?
        trainer.gradientObserver = { seen = Double($0.gradientNorm()) }
        trainer.step {
            trainer.parameters.gradients.fill(1)
            return 1
        }
        XCTAssertEqual(seen!, Double(trainer.parameters.count).squareRoot(), accuracy: 1e-5, "the norm before clipping to 1e-3")
    }
}
