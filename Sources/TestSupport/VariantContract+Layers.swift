import Configuration
import NN
import Tensor
import Variants
import XCTest

extension VariantContract {
    /// The shape trainable layers are built at: small enough for finite differences over every
    /// parameter, large enough for two heads.
    public static let layerContext = LayerContext(width: 8, heads: 2, ffnHidden: 16, context: 4, depth: 2)
    /// Sequences per input batch.
    static let batch = 2

    /// The layer contract: parameter count, gradients, shape, determinism, round trip, FLOPs.
    static func checkLayer(_ d: VariantDescriptor, file: StaticString, line: UInt) throws {
        guard let formula = d.parameterCount else {
            XCTFail("\(d.id) has no analytic parameter count (VariantDescriptor.parameterCount)", file: file, line: line)
            return
        }
        XCTAssertEqual(formula(try d.resolve(), layerContext), try build(d).parameterCount,
                       "\(d.id): analytic parameter count", file: file, line: line)
        try checkGradients(d, file: file, line: line)
        try checkShapes(d, file: file, line: line)

        let a = try build(d, seed: 42).forward(input()).array
        let b = try build(d, seed: 42).forward(input()).array
        XCTAssertEqual(a, b, "\(d.id): the same seed gives different outputs", file: file, line: line)

        let source = try build(d, seed: 1), target = try build(d, seed: 2)
        GradientCheck.randomize(source, seed: 5)
        try target.load(try SafeTensors(data: source.checkpoint().serialized()))
        XCTAssertEqual(source.forward(input()).array, target.forward(input()).array,
                       "\(d.id): safetensors round trip changes outputs", file: file, line: line)

        let layer = try build(d), x = input()
        let counted = FLOPCounter.count { _ = layer.forward(x) }
        XCTAssertEqual(layer.forwardFLOPsPerToken(context: layerContext.context) * batch * layerContext.context, counted,
                       "\(d.id): analytic FLOPs differ from the GEMMs' FLOPs", file: file, line: line)
        XCTAssertGreaterThanOrEqual(layer.activationBytesPerToken(context: layerContext.context), 0, d.id, file: file, line: line)
    }

    /// Finite-difference gradients of the input and every parameter (in evaluation mode when
    /// the backward is a declared approximation).
    static func checkGradients(_ d: VariantDescriptor, file: StaticString, line: UInt) throws {
        let layer = try build(d)
        if !d.exactBackward {
            guard let phased = layer as? TrainingPhaseDependent else {
                XCTFail("\(d.id) declares an approximate backward but has no evaluation mode", file: file, line: line)
                return
            }
            phased.isTraining = false
        }
        GradientCheck.randomize(layer)
        // h = 4e-3: the head norms of GLA and retention are curved enough near the random
        // point that h = 1e-2 leaves ~1.5% truncation error even after extrapolation.
        let errors = GradientCheck.check(layer, input: input(), step: 4e-3,
                                         auxiliary: { (layer as? FeedForward)?.auxiliaryLoss ?? 0 }, file: file, line: line)
        for (name, e) in errors where e >= GradientCheck.tolerance {
            XCTFail("\(d.id): gradient of \(name) off by \(e)", file: file, line: line)
        }
    }

    /// Output and input-gradient shapes equal the input's; outputs are finite.
    static func checkShapes(_ d: VariantDescriptor, file: StaticString, line: UInt) throws {
        let layer = try build(d), x = input()
        let y = layer.forward(x)
        XCTAssertEqual(y.shape, x.shape, "\(d.id): output shape", file: file, line: line)
        XCTAssertTrue(y.array.allSatisfy(\.isFinite), "\(d.id): non-finite outputs", file: file, line: line)
        XCTAssertEqual(layer.backward(y).shape, x.shape, "\(d.id): input-gradient shape", file: file, line: line)
    }

    /// The layer `d` builds with its defaults at `layerContext`, mid-schedule so that scheduled
    /// variants (PRepBN's λ) exercise every branch.
    static func build(_ d: VariantDescriptor, seed: UInt64 = 1) throws -> Layer & CostModel {
        var rng = RNG(seed: seed)
        let layer = try XCTUnwrap(try d.buildLayer(try d.resolve(), layerContext, rng: &rng), "\(d.id) builds no layer")
        (layer as? TrainingPhaseDependent)?.prepare(step: 5, of: 10)
        return layer
    }

    /// A [batch, context, width] input of N(0, 1) entries.
    static func input(seed: UInt64 = 3) -> Tensor {
        GradientCheck.input([batch, layerContext.context, layerContext.width], seed: seed)
    }
}
