import Configuration
import NN
import Tensor
import Variants
import XCTest

extension VariantContract {
    /// The compression contract, on a small trained LM and an MLP classifier
    /// (`CompressionFixture`): the method declares a do-nothing setting that reproduces the
    /// outputs within its tolerance; under its defaults it applies to at least one of the two
    /// models and gives finite outputs and layer errors, swaps in only the twin types its
    /// descriptor lists (no built-in twin of another type writes their formats), stores
    /// exactly `codeBytes` besides the visited parameters, and its compressed checkpoint,
    /// decoded with those twin types alone, loads into a fresh model with bitwise-identical
    /// outputs and the same bytes.
    static func checkCompression(_ m: VariantDescriptor, file: StaticString, line: UInt) throws {
        checkFormats(m, file: file, line: line)
        let fixtures = [("lm", CompressionFixture.languageModel()), ("mlp", CompressionFixture.classifier())]
        if let identity = m.identity {
            for (name, fixture) in fixtures {
                let reference = fixture.outputs(fixture.trainedModel())
                guard let (model, _) = try compressed(m, identity.parameters, fixture) else { continue }
                checkTwins(m, model, file: file, line: line)
                let d = maxRelativeDifference(reference, fixture.outputs(model))
                XCTAssertLessThanOrEqual(d, identity.tolerance, "\(m.id) on \(name): identity setting changes outputs by \(d)",
                                         file: file, line: line)
            }
        } else {
            XCTFail("\(m.id) declares no do-nothing setting (VariantDescriptor.identity)", file: file, line: line)
        }

        var applied = 0
        for (name, fixture) in fixtures {
            guard let (model, outcome) = try compressed(m, [:], fixture) else { continue }
            applied += 1
            checkTwins(m, model, file: file, line: line)
            let out = fixture.outputs(model)
            XCTAssertTrue(out.allSatisfy(\.isFinite), "\(m.id) on \(name): non-finite outputs", file: file, line: line)
            let codeBytes = model.compressedLinears.reduce(0) { $0 + $1.twin.codeBytes }
            XCTAssertEqual(model.modelBytes, 4 * model.parameterCount + codeBytes, "\(m.id) on \(name): model bytes",
                           file: file, line: line)
            for layer in outcome.layers {
                if let e = layer.relativeError {
                    XCTAssertTrue(e.isFinite && e >= 0, "\(m.id): \(layer.name) error \(e)", file: file, line: line)
                }
            }

            let checkpoint = model.compressedCheckpoint()
            let parameterNames = Set(model.namedParameters().map(\.0))
            let stored = checkpoint.entries.filter { !parameterNames.contains($0.name) }.reduce(0) { $0 + $1.bytes.count }
            XCTAssertEqual(stored, codeBytes, "\(m.id) on \(name): the stored codes are not codeBytes", file: file, line: line)

            let restored = fixture.untrainedModel()
            try restored.loadCompressed(SafeTensors(data: checkpoint.serialized()), twins: m.twins)
            XCTAssertEqual(fixture.outputs(restored), out, "\(m.id) on \(name): compressed checkpoint does not round-trip",
                           file: file, line: line)
            XCTAssertEqual(restored.modelBytes, model.modelBytes, "\(m.id) on \(name): restored bytes", file: file, line: line)
        }
        XCTAssertGreaterThan(applied, 0, "\(m.id) applies to neither the LM nor the MLP fixture", file: file, line: line)
    }

    /// Each of the method's twin types writes a format that no other twin type (its own or a
    /// built-in method's) writes.
    static func checkFormats(_ m: VariantDescriptor, file: StaticString, line: UInt) {
        let known = Registry.builtIn.flatMap(\.twins) + m.twins
        for twin in m.twins {
            let clashing = known.filter { $0.format == twin.format && ObjectIdentifier($0) != ObjectIdentifier(twin) }
            XCTAssertTrue(clashing.isEmpty, "\(m.id): format \(twin.format) of \(twin) is also written by \(clashing)",
                          file: file, line: line)
        }
    }

    /// Every twin in `model` is of a type the method's descriptor lists.
    static func checkTwins(_ m: VariantDescriptor, _ model: CompressibleModel, file: StaticString, line: UInt) {
        let listed = Set(m.twins.map(ObjectIdentifier.init))
        let unlisted = Dictionary(grouping: model.compressedLinears.filter { !listed.contains(ObjectIdentifier(type(of: $0.twin))) },
                                  by: { "\(type(of: $0.twin))" })
        for (type, layers) in unlisted.sorted(by: { $0.key < $1.key }) {
            XCTFail("\(m.id) swaps in \(type) (\(layers[0].name), …), which the descriptor's twins do not list", file: file, line: line)
        }
    }

    /// Applies `m` with `given` to a fresh copy of the fixture's trained model (its teacher
    /// another copy); nil when the method says it does not apply to this kind of model.
    static func compressed(_ m: VariantDescriptor, _ given: [String: ParameterValue], _ fixture: CompressionFixture)
        throws -> (CompressibleModel, CompressionOutcome)? {
        let model = fixture.trainedModel()
        let context = fixture.context(for: model, teacher: fixture.trainedModel())
        do {
            return (model, try m.compress(try m.resolve(given), context))
        } catch let e as CompressionError where e.description.contains("does not apply") {
            return nil
        }
    }

    /// max|a − b| / max|a|.
    static func maxRelativeDifference(_ a: [Float], _ b: [Float]) -> Float {
        let scale = a.map(abs).max() ?? 1
        return zip(a, b).map { abs($0 - $1) }.max()! / max(scale, 1e-12)
    }
}
