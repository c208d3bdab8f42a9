import Configuration
import Foundation
import XCTest
@testable import Harness
import Variants

final class SweepPlannerTests: XCTestCase {
    func plan(_ extra: String, overrides: [String] = []) throws -> SweepPlan {
        try SweepPlanner.plan(try Suite.parse(text: baseSuite + "\n" + extra, file: "suite.yaml", overrides: overrides))
    }

    func testGridZipAndSeedsMultiply() throws {
        let p = try plan("sweep:\n  grid:\n    model.norm: [norm.layernorm, norm.rmsnorm]\n  zip:\n    model.width: [16, 32]\n    training.lr: [1e-3, 2e-3]\n  seeds: 3\n")
        XCTAssertEqual(p.trials.count, 2 * 2 * 3)
        XCTAssertEqual(Set(p.trials.map(\.key)).count, 12)
        XCTAssertEqual(p.axes.map(\.count), [2, 2, 3])
        let first = p.trials[0].spec
        XCTAssertEqual(first.model.norm.id, "norm.layernorm")
        XCTAssertEqual(first.model.width, 16)
        XCTAssertEqual(first.training.lr, 1e-3)
        XCTAssertEqual(p.trials[3].spec.model.width, 32)
        XCTAssertEqual(p.trials[3].spec.training.lr, 2e-3)
    }

    func testKeysAreStableAndExtendingAddsOnlyNewTrials() throws {
        let a = try plan("sweep:\n  grid:\n    model.width: [16, 32]\n")
        let b = try plan("sweep:\n  grid:\n    model.width: [16, 32, 64]\n")
        XCTAssertEqual(a.trials.map(\.key), Array(b.trials.map(\.key).prefix(2)))
        XCTAssertEqual(Set(b.trials.map(\.key)).subtracting(a.trials.map(\.key)).count, 1)
        // The canonical spec round-trips and hashes to the same key.
        let decoded = try TrialSpec.decode(a.trials[0].spec.canonicalJSON)
        XCTAssertEqual(decoded.key, a.trials[0].key)
        XCTAssertTrue(a.trials[0].spec.canonicalJSON.contains("\"engine\":\"\(Engine.version)\""))
    }

    /// A parameter added with `omittedAtDefault()` (μP's readout) stays out of the spec at its
    /// default, so trials stored before it existed keep their keys.
    func testParameterAddedLaterIsLeftOutAtItsDefault() throws {
        func first(_ params: String) throws -> PlannedSpec {
            try plan("sweep:\n  grid:\n    model.arch: [[{id: arch.mup, params: {\(params)}}]]\n").trials[0]
        }
        let (old, zero, normal) = try (first("base_width: 32"), first("base_width: 32, readout: zero"), first("readout: normal"))
        XCTAssertEqual(old.spec.model.arch[0].params, ["base_width": .int(32)])
        XCTAssertEqual(zero.key, old.key)
        XCTAssertEqual(normal.spec.model.arch[0].params, ["base_width": .int(64), "readout": .string("normal")])
        XCTAssertEqual(normal.spec.modelSpec(vocabulary: 8, context: 8).mup?.readout, .normal)
    }

    /// A tagged run is a new sweep with new keys; untagged keys do not mention tags at all.
    func testATagMakesNewKeysAndATaggedSweepId() throws {
        let suite = try Suite.parse(text: baseSuite + "\nsweep:\n  seeds: 2\n", file: "suite.yaml")
        let plain = try SweepPlanner.plan(suite), night = try SweepPlanner.plan(suite, tag: "2026-11-22")
        XCTAssertEqual(plain.sweepId, suite.name)
        XCTAssertEqual(night.sweepId, suite.name + "@2026-11-22")
        XCTAssertFalse(plain.trials[0].spec.canonicalJSON.contains("tag"))
        XCTAssertTrue(Set(plain.trials.map(\.key)).isDisjoint(with: night.trials.map(\.key)))
        XCTAssertEqual(try SweepPlanner.plan(suite, tag: "2026-11-22").trials.map(\.key), night.trials.map(\.key))
        let decoded = try TrialSpec.decode(night.trials[1].spec.canonicalJSON)
        XCTAssertEqual(decoded.tag, "2026-11-22")
        XCTAssertEqual(decoded.key, night.trials[1].key)
    }

    func testCommaOverrideBecomesAGridAxisAndSingleValuePinsAnAxis() throws {
        let p = try plan("", overrides: ["model.norm=norm.rmsnorm,norm.dyt", "training.lr=2e-3"])
        XCTAssertEqual(p.trials.map(\.spec.model.norm.id), ["norm.rmsnorm", "norm.dyt"])
        XCTAssertTrue(p.trials.allSatisfy { $0.spec.training.lr == 2e-3 })
        let pinned = try plan("sweep:\n  grid:\n    model.width: [16, 32]\n", overrides: ["model.width=64"])
        XCTAssertEqual(pinned.trials.map(\.spec.model.width), [64])
    }

    func testRandomSamplesAreSeededAndInRange() throws {
        let text = "sweep:\n  random:\n    n: 5\n    seed: 7\n    axes:\n      training.lr: {log-uniform: [1e-4, 1e-2]}\n      model.norm: {choice: [norm.rmsnorm, norm.dyt]}\n"
        let a = try plan(text), b = try plan(text)
        XCTAssertEqual(a.trials.map(\.key), b.trials.map(\.key))
        XCTAssertEqual(a.trials.count, 5)
        for t in a.trials { XCTAssertTrue((1e-4...1e-2).contains(t.spec.training.lr)) }
    }

    /// The schema accepts an integral number for an integer key; the planner reads it as that integer.
    func testIntegralNumbersCountAsIntegersInRandomAndSeeds() throws {
        let random = try plan("sweep:\n  random:\n    n: 1e1\n    seed: 7e0\n    axes:\n      training.lr: {uniform: [1e-4, 1e-2]}\n")
        XCTAssertEqual(random.trials.count, 10)
        let seven = try plan("sweep:\n  random:\n    n: 10\n    seed: 7\n    axes:\n      training.lr: {uniform: [1e-4, 1e-2]}\n")
        XCTAssertEqual(random.trials.map(\.key), seven.trials.map(\.key))
        let seeds = try plan("sweep:\n  seeds: [0, 2e0, 5]\n")
        XCTAssertEqual(seeds.trials.map(\.spec.seed), [0, 2, 5])
    }

    /// The validator resolves every variant once (written, swept or the schema's default) and
    /// spec decoding reads what it resolved instead of asking the registry again.
    func testTheValidatorResolvesVariantsOnceForDecoding() throws {
        let suite = try Suite.parse(text: baseSuite + "\n", file: "suite.yaml",
                                    overrides: ["model.arch=[arch.tied]", "compression=[[compress.prune.nm, compress.quant.int8]]"])
        XCTAssertEqual(Set(suite.variants.keys), ["model.norm", "model.mixer", "model.ffn", "model.arch[0]",
                                                  "compression[0][0]", "compression[0][1]"])
        XCTAssertEqual(suite.variants["model.mixer"]?.id, "attn.softmax")
        XCTAssertFalse(suite.variants["model.mixer"]?.params.isEmpty ?? true, "defaults are resolved")
        var variants = try SuiteValidator.validate(try Suite.parse(text: baseSuite, file: "suite.yaml").document)
        variants["model.norm"] = VariantSpec(id: "norm.rmsnorm", params: ["epsilon": .double(0.5)])
        let spec = try TrialSpec.from(document: try Suite.parse(text: baseSuite, file: "suite.yaml").document, variants: variants, seed: 0)
        XCTAssertEqual(spec.model.norm, variants["model.norm"], "decoding does not validate again")
        // A swept variant replaces the suite's, with its defaults.
        let swept = try plan("sweep:\n  grid:\n    model.width: [16, 32]\n    model.norm: [{id: norm.rmsnorm, params: {bias: true}}, norm.dyt]\n")
        XCTAssertEqual(swept.trials.map(\.spec.model.norm.id), ["norm.rmsnorm", "norm.dyt", "norm.rmsnorm", "norm.dyt"])
        XCTAssertEqual(swept.trials[0].spec.model.norm.params["bias"], .bool(true))
        XCTAssertNotNil(swept.trials[0].spec.model.norm.params["epsilon"])
    }

    /// Absent `fits:` and `description` keys take the schema's defaults; integral numbers read as integers.
    func testFitsAndDescriptionReadThroughTheSchema() throws {
        let suite = try Suite.parse(text: baseSuite + "\nfits:\n  - {form: power, x: params, y: eval.loss}\n"
                                    + "  - {form: power, x: params, y: eval.loss, bootstrap: 1e2, holdout_largest: 1e0}\n", file: "suite.yaml")
        XCTAssertEqual(suite.fits.map(\.request.bootstrap), [0, 100])
        XCTAssertNil(suite.fits[0].request.holdout)
        XCTAssertEqual(suite.fits[1].request.holdout, .largest(1))
        XCTAssertEqual(suite.description, "")
    }

    func testVariantParametersAreResolvedWithDefaults() throws {
        let p = try plan("", overrides: ["model.norm={id: norm.rmsnorm, params: {}}"])
        XCTAssertEqual(p.trials[0].spec.model.norm.id, "norm.rmsnorm")
        XCTAssertFalse(p.trials[0].spec.model.norm.params.isEmpty, "defaults are part of the canonical spec")
    }

    func testAbsentKeysTakeTheSchemasDefaults() throws {
        let suite = try Suite.parse(text: "name: defaults\ntask: {id: task.copy}\nmodel: {family: transformer}\n", file: "suite.yaml")
        let spec = try SweepPlanner.plan(suite).trials[0].spec
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(spec.canonicalJSON.utf8)) as? [String: Any])
        func same(_ value: Any?, _ expected: ParameterValue) -> Bool {
            switch expected {
            case .int(let i): return (value as? NSNumber)?.doubleValue == Double(i)
            case .double(let d): return (value as? NSNumber)?.doubleValue == d
            case .bool(let b): return value as? Bool == b
            case .string(let s): return value as? String == s || (value as? [String: Any])?["id"] as? String == s  // a variant
            }
        }
        let sections = [("task", SuiteSchema.task), ("model", SuiteSchema.model), ("training", SuiteSchema.training),
                        ("measurement", SuiteSchema.measurement)]
        for (section, fields) in sections {
            let part = json[section] as? [String: Any]
            for f in fields {
                guard let expected = f.defaultValue else { continue }
                XCTAssertTrue(same(part?[f.name], expected), "\(section).\(f.name): \(part?[f.name] ?? "nil") ≠ \(expected)")
            }
        }
        XCTAssertEqual(spec.training.steps, 100)
        XCTAssertNil(spec.debug)
    }

    func testJSONSchemaComesFromTheSameDefinitions() throws {
        let schema = SuiteSchema.jsonSchema
        let text = SuiteSchema.jsonSchemaText
        XCTAssertEqual(schema["required"] as? [String], ["name", "task", "model"])
        XCTAssertTrue(text.contains("norm.rmsnorm") && text.contains("task.copy") && text.contains("log-uniform"))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }

    func testSHA256KnownVectors() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8)).prefix(8), "41edece4")
    }

    func testLatencySummary() {
        let s = LatencyMeasurement.summarize((1...99).map(Double.init), resamples: 200)
        XCTAssertEqual(s.median, 50)
        XCTAssertNil(s.p99, "p99 needs at least 100 samples")
        XCTAssertEqual(s.p90, 89.2, accuracy: 1e-9)  // numpy.percentile(1...99, 90)
        XCTAssertEqual(s.mad, 25)
        XCTAssertTrue(s.medianLow <= 50 && s.medianHigh >= 50)
        XCTAssertNotNil(LatencyMeasurement.summarize((1...100).map(Double.init)).p99)
        var calls = 0
        let r = LatencyMeasurement.measure([("a", { calls += 1 }), ("b", {})],
                                           protocol: LatencyProtocol(warmupSeconds: 0.2, minSamples: 30, minSeconds: 1))
        XCTAssertGreaterThanOrEqual(r["a"]!.samples.count, 30)
        XCTAssertEqual(r["a"]!.samples.count, r["b"]!.samples.count, "variants are interleaved sample by sample")
        XCTAssertGreaterThan(calls, 40)
    }
}
