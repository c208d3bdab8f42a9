import XCTest
@testable import Harness

/// A valid base suite; each corpus case breaks one thing.
let baseSuite = """
name: corpus
task:
  id: task.copy
  params: {alphabet: 4, max_length: 4, train_examples: 64, eval_examples: 16}
model:
  depth: 1
  width: 16
  heads: 2
  norm: norm.layernorm
training:
  steps: 3
  batch: 8
measurement:
  latency: false
"""

final class SuiteErrorCorpusTests: XCTestCase {
    /// Plans `text` and returns the error it must produce.
    func error(_ text: String, overrides: [String] = [], file: StaticString = #filePath, line: UInt = #line) -> SuiteError? {
        do {
            _ = try SweepPlanner.plan(try Suite.parse(text: text, file: "suite.yaml", overrides: overrides))
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch let e as SuiteError {
            return e
        } catch {
            XCTFail("expected a SuiteError, got \(error)", file: file, line: line)
            return nil
        }
    }

    func testTheBaseSuitePlansOneTrial() throws {
        XCTAssertEqual(try SweepPlanner.plan(try Suite.parse(text: baseSuite, file: "suite.yaml")).trials.count, 1)
    }

    func testBadYAMLNamesItsPosition() {
        let e = error(baseSuite + "\nsweep: {grid: [unclosed\n")
        XCTAssertTrue(e?.message.contains("YAML syntax error") ?? false, "\(String(describing: e))")
        XCTAssertGreaterThanOrEqual(e?.location.line ?? 0, 15)
    }

    func testUnknownVariantSuggestsTheNearestId() {
        let e = error(baseSuite.replacingOccurrences(of: "norm: norm.layernorm", with: "norm: norm.rmsnrom"))
        XCTAssertEqual(e?.key, "model.norm")
        XCTAssertEqual(e?.suggestion, "norm.rmsnorm")
        XCTAssertEqual(e?.location.line, 9)
        XCTAssertEqual(e?.location.column, 9)
        XCTAssertTrue(e?.allowed?.contains("norm.dyt") ?? false)
        XCTAssertTrue(e!.description.hasPrefix("suite.yaml:9:9: model.norm: unknown norm.* variant 'norm.rmsnrom'; did you mean norm.rmsnorm?"), e!.description)
    }

    func testVariantOfTheWrongFamily() {
        let e = error(baseSuite.replacingOccurrences(of: "norm: norm.layernorm", with: "norm: ffn.mlp"))
        XCTAssertEqual(e?.key, "model.norm")
        XCTAssertTrue(e?.message.contains("not a norm.* variant") ?? false, "\(String(describing: e))")
    }

    func testUnknownKeySuggestsTheNearest() {
        let e = error(baseSuite.replacingOccurrences(of: "training:", with: "trainign:"))
        XCTAssertEqual(e?.key, "trainign")
        XCTAssertEqual(e?.suggestion, "training")
        XCTAssertEqual(e?.location.line, 10)
    }

    func testWrongType() {
        let e = error(baseSuite.replacingOccurrences(of: "depth: 1", with: "depth: two"))
        XCTAssertEqual(e?.key, "model.depth")
        XCTAssertTrue(e?.message.contains("expected an integer, found a string 'two'") ?? false, "\(String(describing: e))")
    }

    func testOutOfRange() {
        let e = error(baseSuite.replacingOccurrences(of: "batch: 8", with: "batch: 8\n  lr: -0.5"))
        XCTAssertEqual(e?.key, "training.lr")
        XCTAssertTrue(e?.message.contains("out of range") ?? false)
        XCTAssertTrue(e?.allowed?.contains("a number in 0.0...10.0") ?? false, "\(String(describing: e?.allowed))")
    }

    func testEmptySweepAndEmptyAxis() {
        XCTAssertEqual(error(baseSuite + "\nsweep: {}\n")?.message.contains("the sweep is empty"), true)
        let axis = error(baseSuite + "\nsweep:\n  grid:\n    model.width: []\n")
        XCTAssertEqual(axis?.key, "sweep.grid.model.width")
        XCTAssertTrue(axis?.message.contains("empty list") ?? false)
    }

    func testDuplicateKeys() {
        let e = error(baseSuite.replacingOccurrences(of: "  depth: 1\n", with: "  depth: 1\n  depth: 2\n"))
        XCTAssertTrue(e?.message.contains("duplicate key 'depth'") ?? false, "\(String(describing: e))")
    }

    func testUnknownTaskAndTaskParameter() {
        let task = error(baseSuite.replacingOccurrences(of: "id: task.copy", with: "id: task.cpy"))
        XCTAssertEqual(task?.suggestion, "task.copy")
        let param = error(baseSuite.replacingOccurrences(of: "alphabet: 4", with: "alphabat: 4"))
        XCTAssertEqual(param?.key, "task.params.alphabat")
        XCTAssertEqual(param?.suggestion, "alphabet")
        let value = error(baseSuite.replacingOccurrences(of: "alphabet: 4", with: "alphabet: 1"))
        XCTAssertEqual(value?.key, "task.params.alphabet")
        XCTAssertTrue(value?.allowed?.contains("2...1024") ?? false, "\(String(describing: value))")
    }

    func testModelShapeAndFamily() {
        let heads = error(baseSuite.replacingOccurrences(of: "heads: 2", with: "heads: 3"))
        XCTAssertEqual(heads?.key, "model.heads")
        XCTAssertEqual(heads?.location.line, 8)
        let family = error(baseSuite.replacingOccurrences(of: "  depth: 1\n", with: "  family: mlp\n  depth: 1\n"))
        XCTAssertEqual(family?.key, "model.family")
    }

    func testSweepErrorsPointAtTheAxis() {
        let zip = error(baseSuite + "\nsweep:\n  zip:\n    model.width: [16, 32]\n    training.lr: [1e-3]\n")
        XCTAssertTrue(zip?.message.contains("equal lengths") ?? false)
        let key = error(baseSuite + "\nsweep:\n  grid:\n    model.widht: [16, 32]\n")
        XCTAssertEqual(key?.suggestion, "model.width")
        // A bad value inside an axis is reported at the value (line 17, column 32).
        let value = error(baseSuite + "\nsweep:\n  grid:\n    model.norm: [norm.rmsnorm, norm.bogus]\n")
        XCTAssertEqual(value?.location.line, 17)
        XCTAssertEqual(value?.location.column, 32)
        XCTAssertEqual(value?.key, "model.norm")
        // Of two bad swept values, the one earlier in the document is reported, whatever the axis order.
        let first = error(baseSuite + "\nsweep:\n  grid:\n    training.lr: [20]\n    model.depth: [0]\n")
        XCTAssertEqual(first?.key, "model.depth")
        XCTAssertEqual(first?.location.line, 18)
    }

    func testCommandLineErrors() {
        XCTAssertTrue(error(baseSuite, overrides: ["model.width"])?.message.contains("key=value") ?? false)
        let e = error(baseSuite, overrides: ["model.norm=norm.nope"])
        XCTAssertTrue(e?.location.file.hasPrefix("command line") ?? false)
        XCTAssertEqual(e?.key, "model.norm")
    }

    func testBareNanIsAWordNotANumber() {
        let e = error(baseSuite + "\ndebug: {fault: nan, fault_step: -1}\n")
        XCTAssertEqual(e?.key, "debug.fault_step", "\(String(describing: e))")
    }

    func testNotAMappingAndEmptyFile() {
        XCTAssertTrue(error("- a\n- b\n")?.message.contains("a suite is a mapping") ?? false)
        XCTAssertTrue(error("")?.message.contains("empty") ?? false)
        XCTAssertTrue(error("name: x\n")?.message.contains("missing required key 'task'") ?? false)
    }
}
