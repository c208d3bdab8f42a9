import XCTest
import Configuration
import CustomVariant
import NN
import Tensor
import TestSupport
import Variants

/// ScaleNorm's formula, gradients (both sides of the ε clamp) and descriptor, checked the
/// way Ablate's contract tests check the built-in variants.
final class ScaleNormTests: XCTestCase {
    /// Small enough for finite differences over every input element.
    static let context = LayerContext(width: 8, heads: 2, ffnHidden: 16, context: 4, depth: 2)

    func build() throws -> Layer & CostModel {
        var rng = RNG(seed: 1)
        return try XCTUnwrap(try scaleNormVariant.buildLayer(try scaleNormVariant.resolve(), Self.context, rng: &rng))
    }

    func input() -> Tensor { GradientCheck.input([2, Self.context.context, Self.context.width]) }

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

    func testGradientsMatchFiniteDifferences() throws {
        let layer = try build()
        GradientCheck.randomize(layer)
        GradientCheck.check(layer, input: input())
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

    func testAnalyticParameterCountEqualsTheLayer() throws {
        let formula = try XCTUnwrap(scaleNormVariant.parameterCount)
        XCTAssertEqual(formula(try scaleNormVariant.resolve(), Self.context), try build().parameterCount)
    }

    func testRegisteredVariantValidatesAsANorm() throws {
        // Registering twice is a programming error, and test order is not fixed.
        if Registry.descriptor(scaleNormVariant.id) == nil { Registry.register(scaleNormVariant) }
        XCTAssertTrue(Registry.ids(in: .norm).contains("norm.scalenorm"))
        let resolved = try Registry.validate(key: "model.norm", id: "norm.scalenorm",
                                             parameters: ["epsilon": .double(1e-3)], family: .norm)
        XCTAssertEqual(resolved.values.double("epsilon"), 1e-3)
        XCTAssertThrowsError(try Registry.validate(key: "model.norm", id: "norm.scalenorm",
                                                   parameters: ["epsilon": .double(0)], family: .norm))
    }
}
