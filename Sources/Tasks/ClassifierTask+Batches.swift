import Tensor

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
