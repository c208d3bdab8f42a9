import Configuration
import NN
import Tensor
import TestSupport
import Variants
import XCTest

/// The contract every `compress.*` registry entry passes, on a small trained LM and an MLP
/// classifier: its do-nothing setting reproduces the outputs; its default setting gives a
/// finite model whose stored representation is exactly `codeBytes` and whose compressed
/// checkpoint loads into a fresh model with bitwise-identical outputs.
final class CompressionContractTests: XCTestCase {
    static var methods: [VariantDescriptor] { Registry.all.filter { $0.family == .compress } }
    static let fixtures: [(String, () -> CompressionFixture)] = [
        ("lm", { CompressionFixture.languageModel() }),
        ("mlp", { CompressionFixture.classifier() }),
    ]

    /// Applies `method` with `given` to a fresh copy of the fixture's model; nil when the
    /// method says it does not apply to this kind of model.
    func compressed(_ method: VariantDescriptor, _ given: [String: ParameterValue], _ fixture: CompressionFixture)
        throws -> (CompressibleModel, CompressionOutcome)? {
        let model = fixture.trainedModel()
        let context = fixture.context(for: model, teacher: fixture.trainedModel())
        do {
            let outcome = try method.compress(try method.resolve(given), context)
            return (model, outcome)
        } catch let e as CompressionError where e.description.contains("does not apply") {
            return nil
        }
    }

    func maxRelativeDifference(_ a: [Float], _ b: [Float]) -> Float {
        let scale = a.map(abs).max() ?? 1
        return zip(a, b).map { abs($0 - $1) }.max()! / max(scale, 1e-12)
    }

    func testEveryMethodDeclaresItsIdentitySetting() {
        for m in Self.methods {
            XCTAssertNotNil(m.identity, "\(m.id) declares no do-nothing setting for the contract tests")
        }
    }

    func testIdentitySettingReproducesOutputs() throws {
        for m in Self.methods {
            guard let identity = m.identity else { continue }
            for (name, make) in Self.fixtures {
                let fixture = make()
                let reference = fixture.outputs(fixture.trainedModel())
                guard let (model, _) = try compressed(m, identity.parameters, fixture) else { continue }
                let d = maxRelativeDifference(reference, fixture.outputs(model))
                XCTAssertLessThanOrEqual(d, identity.tolerance, "\(m.id) on \(name): identity setting changes outputs by \(d)")
            }
        }
    }

    func testDefaultSettingStoresExactlyItsCodesAndRoundTrips() throws {
        var applied = 0
        for m in Self.methods {
            for (name, make) in Self.fixtures {
                let fixture = make()
                guard let (model, outcome) = try compressed(m, [:], fixture) else { continue }
                applied += 1
                let out = fixture.outputs(model)
                XCTAssertTrue(out.allSatisfy(\.isFinite), "\(m.id) on \(name): non-finite outputs")
                XCTAssertEqual(model.modelBytes, 4 * model.parameterCount + model.compressedLinears.reduce(0) { $0 + $1.twin.codeBytes })
                for layer in outcome.layers {
                    if let e = layer.relativeError { XCTAssertTrue(e.isFinite && e >= 0, "\(m.id): \(layer.name) error \(e)") }
                }

                let file = model.compressedCheckpoint()
                let parameterNames = Set(model.namedParameters().map(\.0))
                let codeBytes = file.entries.filter { !parameterNames.contains($0.name) }.reduce(0) { $0 + $1.bytes.count }
                XCTAssertEqual(codeBytes, model.compressedLinears.reduce(0) { $0 + $1.twin.codeBytes },
                               "\(m.id) on \(name): the stored codes are not codeBytes")

                let restored = fixture.untrainedModel()
                try restored.loadCompressed(SafeTensors(data: file.serialized()))
                XCTAssertEqual(fixture.outputs(restored), out, "\(m.id) on \(name): compressed checkpoint does not round-trip")
                XCTAssertEqual(restored.modelBytes, model.modelBytes)
            }
        }
        XCTAssertGreaterThanOrEqual(applied, Self.methods.count, "every method applies to at least one fixture")
    }
}
