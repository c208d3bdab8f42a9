import Configuration
import Foundation
import Tensor

/// The three splits of every task.
public enum DataSplit: String, Sendable, CaseIterable, Codable {
    case train, validation, test
}

/// The model family a task fits and the shapes it produces.
public enum TaskKind: Sendable, Equatable {
    /// `features` [B, inputDim], one class id per example in `0..<classes`.
    case classification(inputDim: Int, classes: Int)
    /// `features` [B, inputDim], `labels` binary targets (0 or 1) per example, row-major [B, labels].
    case multiLabel(inputDim: Int, labels: Int)
    /// `tokens` and `targets` [B, T] with T = `sequenceLength(split)`; `length` is the training T.
    case sequence(vocabSize: Int, length: Int)

    public var family: String {
        switch self {
        case .classification: return "classifier"
        case .multiLabel: return "multi-label classifier"
        case .sequence: return "sequence model"
        }
    }
}

/// What the training split holds: exactly `amount` examples (or tokens) are trained on.
public struct DataBudget: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Sendable { case examples, tokens }
    public let unit: Unit
    /// Exactly what the training stream draws from.
    public let amount: Int
    /// The most the task could provide with these parameters.
    public let available: Int

    public var description: String { "\(amount) training \(unit.rawValue) (of \(available) available)" }
}

/// A metric a task reports.
public struct MetricSpec: Sendable, Hashable {
    public let name: String
    public let unit: String
    public let higherIsBetter: Bool
    public let summary: String

    public init(_ name: String, unit: String, higherIsBetter: Bool, _ summary: String) {
        self.name = name
        self.unit = unit
        self.higherIsBetter = higherIsBetter
        self.summary = summary
    }

    public static let accuracy = MetricSpec("accuracy", unit: "fraction", higherIsBetter: true,
                                            "fraction of examples whose arg-max class is the label")
    public static let crossEntropy = MetricSpec("cross_entropy", unit: "nats/example", higherIsBetter: false,
                                                "mean softmax cross-entropy of the label")
    public static let exactMatch = MetricSpec("exact_match", unit: "fraction", higherIsBetter: true,
                                              "fraction of examples whose whole answer is right")
    public static let tokenAccuracy = MetricSpec("token_accuracy", unit: "fraction", higherIsBetter: true,
                                                 "fraction of answer tokens predicted right")
    public static let answerLoss = MetricSpec("loss", unit: "nats/token", higherIsBetter: false,
                                              "mean cross-entropy over answer tokens")
    public static let exactMatchBeyond = MetricSpec(
        "exact_match_beyond_train", unit: "fraction", higherIsBetter: true,
        "exact match on test examples longer than any training example (length generalization)")
    public static let tokenAccuracyBeyond = MetricSpec(
        "token_accuracy_beyond_train", unit: "fraction", higherIsBetter: true,
        "token accuracy on test examples longer than any training example (length generalization)")
}

/// A metric's value.
public struct MetricValue: Sendable, Equatable {
    public let spec: MetricSpec
    public let value: Double
    public var name: String { spec.name }
}

/// One task instance: its parameters resolved, its data generated or loaded, ready to stream.
/// Named so as not to clash with Swift Concurrency's `Task`.
public protocol AblateTask: AnyObject, Sendable {
    /// The catalogue id, e.g. `task.copy`.
    var id: String { get }
    /// The resolved parameters.
    var parameters: ParameterValues { get }
    /// The data seed: the same seed and parameters give the same examples in every split.
    var seed: UInt64 { get }
    var kind: TaskKind { get }
    /// The metrics this instance reports, in order.
    var metrics: [MetricSpec] { get }
    var budget: DataBudget { get }
    /// Where the data comes from (a generator or files).
    var dataSource: String { get }
    /// The number of examples in a split. `count(.train)` is the budgeted training set.
    func count(_ split: DataSplit) -> Int
}

// MARK: Classifier tasks

/// A batch for a classifier: `features` [B, D] and `targets` (B class ids, or B·labels bits).
public struct ClassificationBatch: @unchecked Sendable {
    public let features: Tensor
    public let targets: [Int32]
    /// The example indices within the split.
    public let indices: [Int]
    public var batchSize: Int { indices.count }
}

/// A task whose examples are feature vectors with a class label (or a bit vector of labels).
public protocol ClassifierTask: AblateTask {
    var inputDim: Int { get }
    /// Targets per example: 1 for classification, `labels` for multi-label.
    var targetsPerExample: Int { get }
    /// Writes example `index` of `split`: `inputDim` features and `targetsPerExample` targets.
    func write(_ split: DataSplit, _ index: Int, features: UnsafeMutablePointer<Float>,
               targets: UnsafeMutablePointer<Int32>)
}

extension ClassifierTask {
    /// The batch of the given example indices of `split`.
    public func batch(_ split: DataSplit, indices: [Int]) -> ClassificationBatch {
        let n = count(split)
        let features = Tensor(shape: [indices.count, inputDim])
        var targets = [Int32](repeating: 0, count: indices.count * targetsPerExample)
        targets.withUnsafeMutableBufferPointer { t in
            for (row, i) in indices.enumerated() {
                precondition(i >= 0 && i < n, "example \(i) outside the \(split) split of \(n)")
                write(split, i, features: features.data + row * inputDim,
                      targets: t.baseAddress! + row * targetsPerExample)
            }
        }
        return ClassificationBatch(features: features, targets: targets, indices: indices)
    }

    /// An endless stream of training batches over exactly the budgeted examples: each epoch is a
    /// fresh seeded permutation, and a batch that crosses an epoch boundary continues into the next.
    public func trainingBatches(batchSize: Int, seed orderSeed: UInt64? = nil) -> ClassifierBatchStream {
        ClassifierBatchStream(task: self, split: .train,
                              order: BatchOrder(count: count(.train), batchSize: batchSize,
                                                shuffleWith: RNG(seed: orderSeed ?? seed).derived("order")))
    }

    /// The batches of a whole split, in order, once; the last batch may be smaller.
    public func evaluationBatches(_ split: DataSplit, batchSize: Int) -> ClassifierBatchStream {
        ClassifierBatchStream(task: self, split: split,
                              order: BatchOrder(count: count(split), batchSize: batchSize, shuffleWith: nil))
    }
}

/// Batches of a classifier task, drawn in a `BatchOrder`.
public struct ClassifierBatchStream: Sequence, IteratorProtocol {
    public let task: any ClassifierTask
    public let split: DataSplit
    public private(set) var order: BatchOrder

    public mutating func next() -> ClassificationBatch? {
        guard let indices = order.next() else { return nil }
        return task.batch(split, indices: indices)
    }
}

// MARK: Sequence tasks

/// One unpadded sequence example: `targets[t]` is what the model must predict after reading
/// `tokens[0...t]`, or −1 to ignore position t.
public struct SequenceExample: Sendable, Equatable {
    public var tokens: [Int32]
    public var targets: [Int32]
    /// The problem size (string length, operand digits…), for per-length breakdowns.
    public var size: Int
}

/// A batch for a sequence model: `tokens` and `targets` row-major [B, T]; −1 targets are ignored.
public struct SequenceBatch: Sendable {
    public let tokens: [Int32]
    public let targets: [Int32]
    public let batchSize: Int
    public let length: Int
    /// The problem size of each row.
    public let sizes: [Int]
    /// The example indices within the split.
    public let indices: [Int]
}

/// A task whose examples are token sequences for a decoder-only model.
public protocol SequenceTask: AblateTask {
    var vocabSize: Int { get }
    /// The token used to pad short examples (its targets are −1).
    var padToken: Int32 { get }
    /// The sequence length T of a split's batches (the test split may be longer, to test
    /// length generalization).
    func sequenceLength(_ split: DataSplit) -> Int
    /// The largest problem size seen in training (for the `*_beyond_train` metrics).
    var trainMaxSize: Int { get }
    /// Example `index` of `split`, unpadded.
    func example(_ split: DataSplit, _ index: Int) -> SequenceExample
}

extension SequenceTask {
    /// The batch of the given example indices of `split`, padded to `sequenceLength(split)`.
    public func batch(_ split: DataSplit, indices: [Int]) -> SequenceBatch {
        let t = sequenceLength(split)
        let n = count(split)
        var tokens = [Int32](repeating: padToken, count: indices.count * t)
        var targets = [Int32](repeating: -1, count: indices.count * t)
        var sizes = [Int]()
        sizes.reserveCapacity(indices.count)
        for (row, i) in indices.enumerated() {
            precondition(i >= 0 && i < n, "example \(i) outside the \(split) split of \(n)")
            let e = example(split, i)
            precondition(e.tokens.count <= t && e.targets.count == e.tokens.count,
                         "\(id): example of \(e.tokens.count) tokens for T = \(t)")
            for j in 0..<e.tokens.count {
                tokens[row * t + j] = e.tokens[j]
                targets[row * t + j] = e.targets[j]
            }
            sizes.append(e.size)
        }
        return SequenceBatch(tokens: tokens, targets: targets, batchSize: indices.count, length: t,
                             sizes: sizes, indices: indices)
    }

    /// An endless stream of training batches over exactly the budgeted examples (see
    /// `ClassifierTask.trainingBatches`).
    public func trainingBatches(batchSize: Int, seed orderSeed: UInt64? = nil) -> SequenceBatchStream {
        SequenceBatchStream(task: self, split: .train,
                            order: BatchOrder(count: count(.train), batchSize: batchSize,
                                              shuffleWith: RNG(seed: orderSeed ?? seed).derived("order")))
    }

    /// The batches of a whole split, in order, once; the last batch may be smaller.
    public func evaluationBatches(_ split: DataSplit, batchSize: Int) -> SequenceBatchStream {
        SequenceBatchStream(task: self, split: split,
                            order: BatchOrder(count: count(split), batchSize: batchSize, shuffleWith: nil))
    }
}

/// Batches of a sequence task, drawn in a `BatchOrder`.
public struct SequenceBatchStream: Sequence, IteratorProtocol {
    public let task: any SequenceTask
    public let split: DataSplit
    public private(set) var order: BatchOrder

    public mutating func next() -> SequenceBatch? {
        guard let indices = order.next() else { return nil }
        return task.batch(split, indices: indices)
    }
}

// MARK: Batch order

/// The order examples are visited in: with a shuffle RNG, endless epochs, each a fresh seeded
/// permutation of `0..<count` (only indices are permuted, never data); without, one pass in order.
public struct BatchOrder: Sequence, IteratorProtocol, Sendable {
    public let count: Int
    public let batchSize: Int
    private let rng: RNG?
    private var order: [Int] = []
    /// The current epoch (0-based) and the position within it.
    public private(set) var epoch = 0
    public private(set) var position = 0
    /// Examples handed out so far.
    public private(set) var examplesSeen = 0

    public init(count: Int, batchSize: Int, shuffleWith rng: RNG?) {
        precondition(batchSize > 0, "batch size must be positive, got \(batchSize)")
        self.count = count
        self.batchSize = batchSize
        self.rng = rng
        if let rng, count > 0 { order = Self.permutation(rng, epoch: 0, count: count) }
    }

    private static func permutation(_ rng: RNG, epoch: Int, count: Int) -> [Int] {
        var r = rng.derived("epoch \(epoch)")
        return r.permutation(count)
    }

    public mutating func next() -> [Int]? {
        guard count > 0 else { return nil }
        guard let rng else {
            guard position < count else { return nil }
            let end = Swift.min(position + batchSize, count)
            defer { examplesSeen += end - position; position = end }
            return Array(position..<end)
        }
        var batch = [Int]()
        batch.reserveCapacity(batchSize)
        while batch.count < batchSize {
            if position == count {
                epoch += 1
                position = 0
                order = Self.permutation(rng, epoch: epoch, count: count)
            }
            let take = Swift.min(batchSize - batch.count, count - position)
            batch.append(contentsOf: order[position..<(position + take)])
            position += take
        }
        examplesSeen += batch.count
        return batch
    }
}
