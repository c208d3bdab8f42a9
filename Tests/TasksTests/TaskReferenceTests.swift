import Foundation
import XCTest
import Configuration
import Metrics
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

    /// The unigram loss counts exactly the positions the loss scores (targets ≥ 0): here the
    /// targets 1, 1, 2, 3 of two fixed examples, −1 positions skipped.
    func testSequenceReferenceScoresOnlyTheScoredPositions() throws {
        let task = try FixedSequences([[-1, 1, 1, -1], [-1, -1, 2, 3]])
        // −(½ ln ½ + ¼ ln ¼ + ¼ ln ¼) = 1.5 ln 2
        XCTAssertEqual(TaskReference.of(task).loss, 1.5 * log(2.0), accuracy: 1e-12)
        XCTAssertNil(TaskReference.of(task).chanceAccuracy)
    }

    /// A label prior of 3:1 over two of three classes: entropy and the majority share.
    func testClassifierReferenceIsTheLabelPriorAndItsMajorityShare() throws {
        let reference = TaskReference.of(try FixedLabels([0, 2, 0, 0]))
        XCTAssertEqual(reference.loss, -(0.75 * log(0.75) + 0.25 * log(0.25)), accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(reference.chanceAccuracy), 0.75, accuracy: 1e-12)
    }
}

/// A sequence task of fixed training targets (tokens are irrelevant to the reference).
private final class FixedSequences: SequenceTask, @unchecked Sendable {
    let targets: [[Int32]]
    let id = "test.fixed-sequences", seed: UInt64 = 0, metrics: [MetricSpec] = [.loss], dataSource = "fixed"
    let parameters: ParameterValues
    var kind: TaskKind { .sequence(vocabSize: vocabSize, length: 4) }
    var budget: DataBudget { DataBudget(unit: .examples, amount: targets.count, available: targets.count) }
    let vocabSize = 4, padToken: Int32 = 0, trainMaxSize = 4

    init(_ targets: [[Int32]]) throws {
        self.targets = targets
        parameters = try ParameterValues(specs: [], given: [:], owner: "test")
    }

    func count(_ split: DataSplit) -> Int { split == .train ? targets.count : 0 }
    func sequenceLength(_ split: DataSplit) -> Int { 4 }
    func example(_ split: DataSplit, _ index: Int) -> SequenceExample {
        SequenceExample(tokens: [Int32](repeating: 0, count: 4), targets: targets[index], size: 4)
    }
}

/// A classifier of fixed training labels over three classes.
private final class FixedLabels: ClassifierTask, @unchecked Sendable {
    let labels: [Int32]
    let id = "test.fixed-labels", seed: UInt64 = 0, metrics: [MetricSpec] = [.crossEntropy], dataSource = "fixed"
    let parameters: ParameterValues
    var kind: TaskKind { .classification(inputDim: 1, classes: 3) }
    var budget: DataBudget { DataBudget(unit: .examples, amount: labels.count, available: labels.count) }
    let inputDim = 1, targetsPerExample = 1

    init(_ labels: [Int32]) throws {
        self.labels = labels
        parameters = try ParameterValues(specs: [], given: [:], owner: "test")
    }

    func count(_ split: DataSplit) -> Int { split == .train ? labels.count : 0 }
    func write(_ split: DataSplit, _ index: Int, features: UnsafeMutablePointer<Float>, targets: UnsafeMutablePointer<Int32>) {
        features[0] = 0
        targets[0] = labels[index]
    }
}
