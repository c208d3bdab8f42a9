import Foundation
import XCTest
@testable import Tasks

/// The trivial reference of the headroom gate.
final class TaskReferenceTests: XCTestCase {
    func testEntropyKnownAnswers() {
        // −(¼ ln ¼ + ¼ ln ¼ + ½ ln ½) = 1.5 ln 2
        XCTAssertEqual(TaskReference.entropy([1, 1, 2]), 1.5 * log(2.0), accuracy: 1e-12)
        XCTAssertEqual(TaskReference.entropy([5, 0, 0]), 0, accuracy: 1e-12)
        XCTAssertEqual(TaskReference.entropy([3, 3, 3, 3]), log(4.0), accuracy: 1e-12)
        XCTAssertTrue(TaskReference.entropy([0, 0]).isNaN)
    }

    /// Copying strings over 8 uniform symbols: the scored targets are the symbols (and an end
    /// marker), so the unigram loss lies near ln 8.
    func testCopyOfUniformSymbolsIsNearLogEight() throws {
        let task = try TaskCatalog.make("task.copy", parameters: ["alphabet": .int(8), "train_examples": .int(2000)], seed: 0)
        let reference = TaskReference.of(task)
        XCTAssertNil(reference.chanceAccuracy)
        XCTAssertGreaterThan(reference.loss, log(8.0) - 0.3)
        XCTAssertLessThan(reference.loss, log(10.0))
        XCTAssertEqual(TaskReference.of(task), reference, "deterministic")
    }

    /// Fashion-MNIST's training labels are balanced over 10 classes.
    func testBalancedClassesGiveLogTenAndATenthChance() throws {
        let task: any AblateTask
        do { task = try TaskCatalog.make("task.fashion-mnist", seed: 0) } catch { throw XCTSkip("Fashion-MNIST is not installed: \(error)") }
        let reference = TaskReference.of(task)
        XCTAssertEqual(reference.loss, log(10.0), accuracy: 0.005)
        XCTAssertEqual(try XCTUnwrap(reference.chanceAccuracy), 0.1, accuracy: 0.01)
    }
}
