import XCTest
import Configuration
import CustomVariant
import NN
import Tensor
import TestSupport
import Variants

/// ScaleNorm against Ablate's variant contract, plus its formula, its gradients where the
/// norm is clamped at ε, and validation through the registry.
final class ScaleNormTests: XCTestCase {
    /// Registration closes at the registry's first read, so it comes before every test.
    override class func setUp() {
        super.setUp()
        Registry.register(scaleNormVariant)
    }

    /// The contract's layer shape: small enough for finite differences over every input element.
    static let context = VariantContract.layerContext

    func input() -> Tensor { GradientCheck.input([2, Self.context.context, Self.context.width]) }

    /// The contract every built-in variant meets: analytic parameter count, finite-difference
    /// gradients, shape, determinism, safetensors round trip and FLOPs.
    func testMeetsTheVariantContract() {
        VariantContract.check(scaleNormVariant)
    }

    func testOutputIsTheGainTimesTheUnitRow() {
        let d = Self.context.width
        let layer = ScaleNorm(d)
        XCTAssertEqual(layer.gain.value.data[0], Float(d).squareRoot())
        layer.gain.value.fill(1.5)
        let x = input(), y = layer.forward(x).array
        for r in 0..<(x.count / d) {
            let row = (0..<d).map { Double(x.array[r * d + $0]) }
            let norm = row.map { $0 * $0 }.reduce(0, +).squareRoot()
            for i in 0..<d { XCTAssertEqual(Double(y[r * d + i]), 1.5 * row[i] / norm, accuracy: 1e-5) }
        }
    }

    /// With ε above every row's norm the layer is the linear map g·x/ε, and so is its backward.
    /// ε is close to the norms so that a backward still using the radial term of the
    /// unclamped branch would be off by far more than the tolerance.
    func testGradientsWhereTheNormIsClampedAtEpsilon() {
        let d = Self.context.width, epsilon: Float = 6
        let layer = ScaleNorm(d, epsilon: epsilon)
        let x = input()
        for r in 0..<(x.count / d) {
            let norm = (0..<d).map { x.array[r * d + $0] * x.array[r * d + $0] }.reduce(0, +).squareRoot()
            XCTAssertLessThan(norm, epsilon - 0.1, "row \(r) is not clamped")
        }
        let y = layer.forward(x).array
        for i in 0..<x.count { XCTAssertEqual(y[i], layer.gain.value.data[0] * x.array[i] / epsilon, accuracy: 1e-6) }
        GradientCheck.check(layer, input: x)
    }

    func testRegisteredVariantValidatesAsANorm() throws {
        XCTAssertTrue(Registry.ids(in: .norm).contains("norm.scalenorm"))
        let resolved = try Registry.validate(key: "model.norm", id: "norm.scalenorm",
                                             parameters: ["epsilon": .double(1e-3)], family: .norm)
        XCTAssertEqual(resolved.values.double("epsilon"), 1e-3)
        XCTAssertThrowsError(try Registry.validate(key: "model.norm", id: "norm.scalenorm",
                                                   parameters: ["epsilon": .double(0)], family: .norm))
    }
}
