import XCTest
import TestSupport
import NN
import Tensor
@testable import Variants

/// Behaviour of the norms beyond the contract: statistics axes, evaluation forms,
/// schedules and the exact Pre-LN → Pre-RMSNorm conversion.
final class NormalizationTests: XCTestCase {
    func input(_ shape: [Int], seed: UInt64 = 3, mean: Float = 0) -> Tensor {
        let x = GradientCheck.input(shape, seed: seed)
        for i in 0..<x.count { x.data[i] += mean }
        return x
    }

    func testRMSNormMatchesFormula() {
        let n = RMSNorm(4, bias: false), x = Tensor(shape: [1, 4], values: [1, -2, 3, 0])
        let r = 1 / ((1 + 4 + 9) / 4 + 1e-5 as Float).squareRoot()
        XCTAssertEqual(n.forward(x).array, [1 * r, -2 * r, 3 * r, 0], accuracy: 1e-6)
    }

    func testBatchNormIsBatchDependentInTrainingAndUsesRunningStatsInEvaluation() {
        let bn = BatchNorm(3, momentum: 1)  // running stats = last batch (variance unbiased)
        let x = input([4, 5, 3], mean: 2)
        let y = bn.forward(x)
        for f in 0..<3 {  // each feature standardized over the 20 rows
            let column = (0..<20).map { y.data[$0 * 3 + f] }
            XCTAssertEqual(column.reduce(0, +) / 20, 0, accuracy: 1e-5)
        }
        let first = bn.forward(Tensor(viewOf: x, shape: [1, 5, 3])).array
        XCTAssertNotEqual(first, Array(y.array.prefix(15)), "training output depends on the batch")
        _ = bn.forward(x)
        bn.isTraining = false
        let evalFull = bn.forward(x).array, evalFirst = bn.forward(Tensor(viewOf: x, shape: [1, 5, 3])).array
        XCTAssertEqual(Array(evalFull.prefix(15)), evalFirst, "evaluation output is per row")
        // Unbiased running variance: eval output has variance (n−1)/n of the training one.
        let trainVar = (0..<20).map { y.data[$0 * 3] * y.data[$0 * 3] }.reduce(0, +) / 20
        let evalVar = (0..<20).map { evalFull[$0 * 3] * evalFull[$0 * 3] }.reduce(0, +) / 20
        XCTAssertEqual(evalVar / trainVar, 19.0 / 20, accuracy: 1e-3)
    }

    func testPowerNormWarmupThenRunningQuadraticMean() {
        let pn = PowerNorm(2, alphaForward: 0.5, warmupFraction: 0.5)
        pn.prepare(step: 0, of: 2)  // one warm-up step
        let x = Tensor(shape: [2, 2], values: [1, 2, 3, 4])
        // Group scaling first: each row to unit quadratic mean, u = x/√(mean(x²)+ε).
        let eps: Float = 1e-5
        let s0 = 1 / (2.5 + eps).squareRoot(), s1 = 1 / (12.5 + eps).squareRoot()
        let u: [Float] = [1 * s0, 2 * s0, 3 * s1, 4 * s1]
        let q: [Float] = [(u[0] * u[0] + u[2] * u[2]) / 2, (u[1] * u[1] + u[3] * u[3]) / 2]  // q_B = [0.56, 1.44]
        _ = pn.forward(x)
        XCTAssertEqual(pn.runningPhi, q, accuracy: 1e-6)  // warm-up: cumulative mean of q_B
        let y = pn.forward(x)  // after warm-up: divide by the previous ψ², then ψ² ← ½ψ² + ½q_B
        XCTAssertEqual(y.array, [u[0] / (q[0] + eps).squareRoot(), u[1] / (q[1] + eps).squareRoot(),
                                 u[2] / (q[0] + eps).squareRoot(), u[3] / (q[1] + eps).squareRoot()], accuracy: 1e-6)
        _ = pn.backward(Tensor(shape: [2, 2], values: [1, 1, 1, 1]))
        XCTAssertTrue(pn.gradientCorrection.contains { $0 != 0 }, "ν accumulates mean(ĝ ⊙ x̂)")
        // A row's scale does not matter: 10x gives the same output in evaluation.
        pn.isTraining = false
        let scaled = Tensor(shape: [2, 2], values: [10, 20, 3, 4])
        XCTAssertEqual(pn.forward(scaled).array, pn.forward(x).array, accuracy: 1e-5)
    }

    func testDyTIsElementwiseTanh() {
        let n = DynamicTanh(2, alpha: 0.5)
        XCTAssertEqual(n.forward(Tensor(shape: [1, 2], values: [1, -4])).array, [Float(tanh(0.5)), Float(tanh(-2.0))], accuracy: 1e-6)
    }

    func testPRepBNScheduleAndFoldedInference() {
        let n = PRepBN(3, warmupFraction: 0.1, decayFraction: 0.5)
        n.prepare(step: 5, of: 100)
        XCTAssertEqual(n.lambda, 1)
        n.prepare(step: 35, of: 100)
        XCTAssertEqual(n.lambda, 0.5, accuracy: 1e-6)
        n.prepare(step: 90, of: 100)
        XCTAssertEqual(n.lambda, 0)
        var rng = RNG(seed: 2)
        for (_, p) in n.namedParameters() { p.value.fillNormal(mean: 1, std: 0.3, rng: &rng) }
        let x = input([2, 6, 3], mean: 1.5)
        for _ in 0..<30 { _ = n.forward(x) }  // running statistics converge to the batch's
        n.isTraining = false
        let folded = n.forward(x).array
        // Unfolded: BN with running statistics plus η·x.
        let bn = n.batchNorm, eta = n.eta.value.data[0]
        for r in 0..<12 {
            for f in 0..<3 {
                let v = x.data[r * 3 + f]
                let expected = bn.gain.value.data[f] * (v - bn.runningMean[f]) / (bn.runningVariance[f] + bn.epsilon).squareRoot()
                    + bn.bias!.value.data[f] + eta * v
                XCTAssertEqual(folded[r * 3 + f], expected, accuracy: 1e-5)
            }
        }
        // At λ = 0 the training form is BN(batch stats) + η·x: close to the folded form on the same batch.
        n.isTraining = true
        let train = n.forward(x).array
        XCTAssertEqual(train, folded, accuracy: 0.25)
    }

    func testPreLNToRMSNormConversionKeepsLogits() throws {
        let spec = ModelTestSupport.spec("norm.layernorm", depth: 3)
        let model = try DecoderLM(spec, seed: 5)
        _ = ModelTestSupport.train(model, steps: 5, learningRate: 1e-2)  // "trained": gains and shifts away from 1 and 0
        let converted = try PreLNConversion.convert(model)
        XCTAssertTrue(converted.blocks[0].norm1 is RMSNorm)
        let data = ModelTestSupport.batch(vocabulary: spec.vocabulary, batch: 3, time: spec.context, seed: 21)
        let a = model.forward(tokens: data.tokens, batch: 3, time: spec.context).array
        let b = converted.forward(tokens: data.tokens, batch: 3, time: spec.context).array
        let scale = a.map { abs($0) }.max()!
        let diff = zip(a, b).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(diff / scale, 1e-5, "max |Δlogit| \(diff) at logit scale \(scale)")
        // The converted residual stream has zero feature-mean: embedding rows are centred.
        let e = converted.embedding.tokens.value
        XCTAssertEqual(Kernels.sum(spec.width, e.data) / Float(spec.width), 0, accuracy: 1e-6)
        XCTAssertThrowsError(try PreLNConversion.convert(try DecoderLM(ModelTestSupport.spec("norm.rmsnorm"), seed: 1)))
    }
}

private func XCTAssertEqual(_ a: [Float], _ b: [Float], accuracy: Float, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
