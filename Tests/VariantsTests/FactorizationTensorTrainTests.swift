import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// `compress.tt`: mode factorization with padding, exactness at full bond, error falling
/// with the bond, the core parameter count, the contraction kernel and its gradients.
final class FactorizationTensorTrainTests: XCTestCase {
    func testModesFactorEvenlyAndPadPrimes() {
        XCTAssertEqual(TensorTrainShape.factors(of: 32, count: 2), [4, 8])
        XCTAssertEqual(TensorTrainShape.factors(of: 64, count: 3), [4, 4, 4])
        XCTAssertEqual(TensorTrainShape.factors(of: 96, count: 2), [8, 12])
        let prime = TensorTrainShape.factors(of: 37, count: 2)
        XCTAssertGreaterThanOrEqual(prime.reduce(1, *), 37)
        XCTAssertLessThan(prime.max()!, 37, "a prime is padded instead of left as 1·37")
        let modes = TensorTrainShape.modes(inFeatures: 32, outFeatures: 128, cores: 2)
        XCTAssertEqual(modes.inFactors, [8, 4])
        XCTAssertEqual(modes.outFactors, [8, 16])
    }

    func testFullBondIsExactIncludingPaddedShapes() {
        for (out, inputs, cores) in [(20, 12, 2), (24, 16, 3), (11, 7, 2), (13, 17, 3)] {
            let w = GradientCheck.input([out, inputs], seed: UInt64(out))
            let twin = TensorTrainLinear(decomposing: w, bias: nil, cores: cores, maxBond: 10_000)
            XCTAssertLessThan(relativeFrobeniusError(w, twin.decodedWeight()), 1e-5, "\(out)×\(inputs), K = \(cores)")
            let bias = GradientCheck.input([out], seed: 2)
            let dense = Linear(inputs, out)
            dense.weight.value.assign(w)
            dense.bias!.value.assign(bias)
            let x = GradientCheck.input([3, 4, inputs])
            let reference = dense.forward(x).copy()
            dense.compress(with: TensorTrainLinear(decomposing: w, bias: bias, cores: cores, maxBond: 10_000))
            let y = dense.forward(x)
            for i in 0..<y.count { XCTAssertEqual(y.data[i], reference.data[i], accuracy: 1e-4) }
        }
    }

    func testErrorFallsMonotonicallyWithBond() {
        for (out, inputs, cores) in [(24, 16, 2), (27, 8, 3)] {
            let w = GradientCheck.input([out, inputs], seed: 8)
            var previous = Double.infinity
            var errors: [Double] = []
            for bond in 1...40 {
                let e = relativeFrobeniusError(w, TensorTrainLinear(decomposing: w, bias: nil, cores: cores, maxBond: bond).decodedWeight())
                XCTAssertLessThanOrEqual(e, previous + 1e-6, "K = \(cores), χ = \(bond)")
                previous = e
                errors.append(e)
            }
            XCTAssertGreaterThan(errors[0], 0.3)
            XCTAssertLessThan(errors.last!, 1e-5)
        }
    }

    func testCoreParameterCountIsTheFormula() {
        let w = GradientCheck.input([24, 18], seed: 3)
        for (cores, bond) in [(2, 4), (3, 3), (3, 100)] {
            let twin = TensorTrainLinear(decomposing: w, bias: GradientCheck.input([24]), cores: cores, maxBond: bond)
            let s = twin.shape
            var formula = 0
            for k in 0..<s.cores {
                let left: Int = s.ranks[k], right: Int = s.ranks[k + 1]
                formula += left * s.outFactors[k] * s.inFactors[k] * right
            }
            XCTAssertEqual(s.parameterCount, formula)
            XCTAssertEqual(twin.cores.reduce(0) { $0 + $1.count }, formula)
            let linear = Linear(18, 24)
            linear.compress(with: twin)
            XCTAssertEqual(linear.parameterCount, formula + 24)
            XCTAssertLessThanOrEqual(s.ranks.max()!, bond)
        }
    }

    func testCoreGradientsMatchFiniteDifferences() {
        let w = GradientCheck.input([10, 7], seed: 4)
        let linear = Linear(7, 10)
        linear.compress(with: TensorTrainLinear(decomposing: w, bias: GradientCheck.input([10]), cores: 3, maxBond: 2))
        GradientCheck.check(linear, input: GradientCheck.input([3, 7]))
    }

    func testMethodOnTheLanguageModel() throws {
        let fixture = CompressionFixture.languageModel()
        let method = try XCTUnwrap(Registry.all.first { $0.id == "compress.tt" })
        var lastError = Double.infinity, lastBytes = Int.max
        for bond in [8, 4, 2] {
            let model = fixture.trainedModel()
            let outcome = try method.compress(try method.resolve(["bond": .int(bond)]), fixture.context(for: model))
            XCTAssertEqual(outcome.metrics["layers_kept_dense"], 0)
            XCTAssertEqual(outcome.layers.count, model.namedLinears().count - 1, "every Linear but the head")
            XCTAssertEqual(outcome.metrics["max_bond"], Double(bond))
            let meanError = outcome.layers.map { $0.relativeError! }.reduce(0, +) / Double(outcome.layers.count)
            if lastError.isFinite { XCTAssertGreaterThan(meanError, lastError, "a smaller bond loses more") }
            XCTAssertLessThan(model.modelBytes, lastBytes)
            lastError = meanError
            lastBytes = model.modelBytes
        }
    }
}
