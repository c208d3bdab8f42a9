import Foundation
import XCTest
import Configuration
import Metrics
@testable import Tasks

final class CatalogTests: XCTestCase {
    func testIdsAreUniqueAndDescribed() {
        XCTAssertEqual(Set(TaskCatalog.ids).count, TaskCatalog.all.count)
        for id in ["task.fashion-mnist", "task.mnist-idx", "task.text-bytes", "task.modular-arithmetic",
                   "task.associative-recall", "task.copy", "task.sort", "task.parity", "task.permutation",
                   "task.addition"] {
            XCTAssertTrue(TaskCatalog.ids.contains(id), id)
        }
        for d in TaskCatalog.all {
            XCTAssertFalse(d.metrics.isEmpty, d.id)
            XCTAssertEqual(Set(d.parameters.map(\.name)).count, d.parameters.count, d.id)
            // Every default passes its own validation.
            XCTAssertNoThrow(try d.resolve([:]), d.id)
        }
    }

    func testUnknownIdSuggestsTheNearest() {
        XCTAssertThrowsError(try TaskCatalog.make("task.cpy", seed: 0)) { error in
            XCTAssertEqual(error as? TaskError, .unknownTask(id: "task.cpy", suggestion: "task.copy"))
            XCTAssertTrue("\(error)".contains("did you mean task.copy?"))
        }
        XCTAssertEqual(TaskCatalog.suggestion(for: "copy"), "task.copy")
        XCTAssertEqual(TaskCatalog.suggestion(for: "task.parit"), "task.parity")
        XCTAssertEqual(TaskCatalog.suggestion(for: "fashion-mnst"), "task.fashion-mnist")
        XCTAssertNil(TaskCatalog.suggestion(for: "norm.rmsnorm"))
    }

    func testUnknownParameterNamesKeyAndSuggestion() {
        XCTAssertThrowsError(try TaskCatalog.make("task.copy", parameters: ["max_lenght": .int(8)], seed: 0)) { error in
            guard case ParameterError.unknownParameter(let owner, let key, let suggestion, let allowed) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(owner, "task.copy")
            XCTAssertEqual(key, "max_lenght")
            XCTAssertEqual(suggestion, "max_length")
            XCTAssertTrue(allowed.contains("alphabet"))
            XCTAssertTrue("\(error)".contains("did you mean 'max_length'?"), "\(error)")
        }
    }

    func testBadValuesNameKeyValueAndWhatIsAllowed() {
        XCTAssertThrowsError(try TaskCatalog.make("task.copy", parameters: ["alphabet": .int(1)], seed: 0)) { error in
            XCTAssertEqual("\(error)", "task.copy: parameter 'alphabet' cannot be '1'; it must be an integer in 2...1024")
        }
        XCTAssertThrowsError(try TaskCatalog.make("task.addition", parameters: ["format": .string("chunk3-r2")],
                                                  seed: 0)) { error in
            let s = "\(error)"
            XCTAssertTrue(s.contains("'format' cannot be 'chunk3-r2'"), s)
            XCTAssertTrue(s.contains("one of digits, chunk3-l2r, chunk3-r2l (did you mean chunk3-r2l?)"), s)
        }
        XCTAssertThrowsError(try TaskCatalog.make("task.parity", parameters: ["final_only": .string("maybe")], seed: 0)) {
            XCTAssertTrue("\($0)".contains("must be true or false"), "\($0)")
        }
        XCTAssertThrowsError(try TaskCatalog.make("task.modular-arithmetic", parameters: ["train_fraction": .double(1.5)],
                                                  seed: 0)) {
            XCTAssertTrue("\($0)".contains("'train_fraction' cannot be '1.5'; it must be a number in 0.01...0.99"), "\($0)")
        }
        XCTAssertThrowsError(try TaskCatalog.make("task.sort", parameters: ["length": .double(2.5)], seed: 0))
    }

    func testStringsFromTheCommandLineAreParsed() throws {
        let d = try TaskCatalog.descriptor("task.parity")
        let p = try d.resolve(["max_length": .string("12"), "final_only": .string("true")])
        XCTAssertEqual(p.int("max_length"), 12)
        XCTAssertTrue(p.bool("final_only"))
        XCTAssertEqual(p.int("min_length"), 1)  // default
        let m = try TaskCatalog.descriptor("task.modular-arithmetic").resolve(["train_fraction": .string("0.3")])
        XCTAssertEqual(m.double("train_fraction"), 0.3)
    }

    func testCrossParameterErrors() {
        XCTAssertThrowsError(try TaskCatalog.make("task.modular-arithmetic", parameters: ["p": .int(96), "op": .string("/")],
                                                  seed: 0)) {
            XCTAssertTrue("\($0)".contains("96 is not prime. Nearest primes: 89, 97"), "\($0)")
        }
        XCTAssertThrowsError(try TaskCatalog.make("task.associative-recall",
                                                  parameters: ["pairs": .int(8), "queries": .int(9)], seed: 0)) {
            XCTAssertTrue("\($0)".contains("queries (9) exceeds pairs (8)"), "\($0)")
        }
        XCTAssertThrowsError(try TaskCatalog.make("task.copy", parameters: ["alphabet": .int(2), "max_length": .int(4)],
                                                  seed: 0)) {
            XCTAssertTrue("\($0)".contains("only about 16 distinct problems"), "\($0)")
        }
        XCTAssertThrowsError(try TaskCatalog.make("task.copy", parameters: ["max_length": .int(8), "test_max_length": .int(4)],
                                                  seed: 0)) {
            XCTAssertTrue("\($0)".contains("test_max_length (4) is below max_length (8)"), "\($0)")
        }
        XCTAssertThrowsError(try TaskCatalog.make("task.sort", parameters: ["length": .int(10), "values": .int(5),
                                                                           "repeats": .bool(false)], seed: 0))
    }

    func testNearestDistance() {
        XCTAssertEqual(Nearest.distance("kitten", "sitting"), 3)
        XCTAssertEqual(Nearest.distance("", "abc"), 3)
        XCTAssertEqual(Nearest.match("zzzzzz", in: ["alphabet", "k"]), nil)
    }
}

/// Every metric a task reports is a catalogue metric, possibly in the task's own unit: the
/// store, compare and the reports read its polarity and label from the one declaration.
final class TaskMetricCatalogueTests: XCTestCase {
    func testEveryTaskMetricIsInTheMetricCatalogue() {
        for task in TaskCatalog.all {
            for metric in task.metrics {
                guard let declared = MetricSpec.named(metric.name) else { return XCTFail("\(task.id): \(metric.name) is not in the catalogue") }
                XCTAssertEqual(metric.polarity, declared.polarity, "\(task.id).\(metric.name)")
                XCTAssertEqual(metric.label, declared.label, "\(task.id).\(metric.name)")
            }
        }
    }
}
