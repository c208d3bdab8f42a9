import XCTest
import TestSupport
import Configuration
import NN
import Tensor
@testable import Variants

/// The contract every trainable variant in `Registry.all` must meet, checked by iterating
/// the registry (so a variant added later is tested without new test code): analytic
/// parameter count, finite-difference gradients of the input and every parameter, output
/// shape, determinism for a seed, safetensors round trip, and analytic FLOPs equal to the
/// FLOPs the GEMM calls perform.
final class ContractTests: XCTestCase {
    /// Small enough for finite differences over every parameter, large enough for two heads.
    static let context = LayerContext(width: 8, heads: 2, ffnHidden: 16, context: 4, depth: 2)
    static let batch = 2

    var variants: [VariantDescriptor] { Registry.all.filter(\.isTrainableLayer) }

    func build(_ d: VariantDescriptor, seed: UInt64 = 1) throws -> Layer & CostModel {
        var rng = RNG(seed: seed)
        let layer = try XCTUnwrap(try d.buildLayer(try d.resolve(), Self.context, rng: &rng), d.id)
        // Mid-schedule, so scheduled variants (PRepBN's λ) exercise every branch.
        (layer as? TrainingPhaseDependent)?.prepare(step: 5, of: 10)
        return layer
    }

    func input(seed: UInt64 = 3) -> Tensor {
        GradientCheck.input([Self.batch, Self.context.context, Self.context.width], seed: seed)
    }

    /// Σ y ⊙ R plus the layer's auxiliary loss, the scalar the gradient check differentiates.
    func auxiliary(_ layer: Layer) -> () -> Float {
        { (layer as? FeedForward)?.auxiliaryLoss ?? 0 }
    }

    func testRegistryHasEveryFamilyAndTrainableVariants() {
        for family in [VariantFamily.norm, .attn, .ffn] {
            XCTAssertFalse(Registry.ids(in: family).isEmpty, "no \(family) variants")
        }
    }

    func testAnalyticParameterCountEqualsVisitorCount() throws {
        for d in variants {
            guard let formula = d.parameterCount else {
                XCTFail("\(d.id) has no analytic parameter count (VariantDescriptor.parameterCount)")
                continue
            }
            let layer = try build(d)
            XCTAssertEqual(formula(try d.resolve(), Self.context), layer.parameterCount, d.id)
        }
    }

    func testGradientsMatchFiniteDifferences() throws {
        for d in variants {
            let layer = try build(d)
            // A deliberately approximate backward is exact in evaluation mode only.
            if !d.exactBackward {
                let phased = try XCTUnwrap(layer as? TrainingPhaseDependent, "\(d.id) declares an approximate backward but has no evaluation mode")
                phased.isTraining = false
            }
            GradientCheck.randomize(layer)
            // h = 4e-3: the head norms of GLA and retention are curved enough near the random
            // point that h = 1e-2 leaves ~1.5% truncation error even after extrapolation.
            let errors = GradientCheck.check(layer, input: input(), step: 4e-3, auxiliary: auxiliary(layer))
            for (name, e) in errors where e >= GradientCheck.tolerance {
                XCTFail("\(d.id): gradient of \(name) off by \(e)")
            }
        }
    }

    func testOutputShapeAndFiniteness() throws {
        for d in variants {
            let layer = try build(d)
            let x = input()
            let y = layer.forward(x)
            XCTAssertEqual(y.shape, x.shape, d.id)
            XCTAssertTrue(y.array.allSatisfy(\.isFinite), d.id)
            let dx = layer.backward(y)
            XCTAssertEqual(dx.shape, x.shape, d.id)
        }
    }

    func testSameSeedGivesIdenticalOutput() throws {
        for d in variants {
            let a = try build(d, seed: 42).forward(input()).array
            let b = try build(d, seed: 42).forward(input()).array
            XCTAssertEqual(a, b, d.id)
        }
    }

    func testSafetensorsRoundTrip() throws {
        for d in variants {
            let source = try build(d, seed: 1), target = try build(d, seed: 2)
            GradientCheck.randomize(source, seed: 5)
            let bytes = source.checkpoint().serialized()
            try target.load(try SafeTensors(data: bytes))
            XCTAssertEqual(source.forward(input()).array, target.forward(input()).array, d.id)
        }
    }

    func testAnalyticFLOPsEqualCountedFLOPs() throws {
        let tokens = Self.batch * Self.context.context
        for d in variants {
            let layer = try build(d)
            let x = input()
            let counted = FLOPCounter.count { _ = layer.forward(x) }
            XCTAssertEqual(layer.forwardFLOPsPerToken(context: Self.context.context) * tokens, counted, d.id)
            XCTAssertGreaterThanOrEqual(layer.activationBytesPerToken(context: Self.context.context), 0, d.id)
        }
    }
}
