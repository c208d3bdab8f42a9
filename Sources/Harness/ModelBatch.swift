import NN
import Tasks
import Tensor

/// A batch of a task as the model family that learns it takes it: the model input and the
/// targets of any contiguous rows, and how its logits score on the task's metrics.
protocol ModelBatch {
    associatedtype Input
    var batchSize: Int { get }
    /// The model input of `rows` (a shard of the batch).
    func input(rows: Range<Int>) -> Input
    /// The targets of `rows`.
    func targets(rows: Range<Int>) -> [Int32]
    /// Adds the logits of the whole batch to the task metrics in `metrics`.
    func record(_ logits: Tensor, into metrics: inout MetricAccumulator)
}

extension ModelBatch {
    /// The whole batch with its targets.
    var labelled: LabelledInput<Input> {
        LabelledInput(input: input(rows: 0..<batchSize), targets: targets(rows: 0..<batchSize))
    }
}

extension SequenceBatch: ModelBatch {
    func input(rows: Range<Int>) -> TokenBatch {
        TokenBatch(tokens: Array(tokens[(rows.lowerBound * length)..<(rows.upperBound * length)]), batch: rows.count, time: length)
    }

    func targets(rows: Range<Int>) -> [Int32] { Array(targets[(rows.lowerBound * length)..<(rows.upperBound * length)]) }

    func record(_ logits: Tensor, into metrics: inout MetricAccumulator) {
        metrics.add(self, logits: UnsafeBufferPointer(logits.buffer), vocabSize: logits.shape[logits.shape.count - 1])
    }
}

extension ClassificationBatch: ModelBatch {
    func input(rows: Range<Int>) -> Tensor {
        let inputs = features.shape[1]
        return Tensor(viewOf: features, offset: rows.lowerBound * inputs, shape: [rows.count, inputs])
    }

    func targets(rows: Range<Int>) -> [Int32] {
        let perExample = targets.count / batchSize
        return Array(targets[(rows.lowerBound * perExample)..<(rows.upperBound * perExample)])
    }

    func record(_ logits: Tensor, into metrics: inout MetricAccumulator) {
        metrics.add(self, logits: UnsafeBufferPointer(logits.buffer))
    }
}
