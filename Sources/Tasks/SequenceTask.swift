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
