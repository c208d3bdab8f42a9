import Tensor

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
