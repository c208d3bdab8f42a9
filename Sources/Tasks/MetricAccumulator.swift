import Foundation
import Metrics

/// Accumulates a task's metrics over evaluation batches, from model outputs: logits (which also
/// give the losses) or predicted ids (for ensembles and compressed models that only vote).
///
/// Sequence tasks: logits [B·T, V]; positions whose target is −1 are skipped; an example is an
/// exact match when every non-ignored position is right. Classification: logits [B, C].
/// Multi-label: logits [B, labels], a bit is 1 when its logit is > 0.
public struct MetricAccumulator {
    /// Counts for one group of examples.
    public struct Tally: Sendable, Equatable {
        public var examples = 0, exact = 0, tokens = 0, correct = 0
        mutating func add(exact isExact: Bool, tokens t: Int, correct c: Int) {
            examples += 1
            if isExact { exact += 1 }
            tokens += t
            correct += c
        }
    }

    public let metrics: [MetricSpec]
    private let trainMaxSize: Int?
    /// Every evaluated example.
    public private(set) var all = Tally()
    /// Examples larger than any training example.
    public private(set) var beyondTrain = Tally()
    /// Tallies per problem size (string length, digits…).
    public private(set) var bySize: [Int: Tally] = [:]
    /// Wrong predictions per answer position (the k-th non-ignored target of a row).
    public private(set) var errorsByAnswerPosition: [Int] = []
    private var lossSum = 0.0
    private var lossCount = 0
    private var lossUnavailable = false

    public init(task: any AblateTask) {
        metrics = task.metrics
        trainMaxSize = (task as? any SequenceTask)?.trainMaxSize
    }

    // MARK: Sequence outputs

    /// Adds a batch from its logits, [B·T, V] row-major.
    public mutating func add(_ batch: SequenceBatch, logits: UnsafeBufferPointer<Float>, vocabSize: Int) {
        let n = batch.batchSize * batch.length
        precondition(logits.count == n * vocabSize, "logits hold \(logits.count) values, expected \(n)×\(vocabSize)")
        var predictions = [Int32](repeating: 0, count: n)
        for p in 0..<n where batch.targets[p] >= 0 {
            let row = logits.baseAddress! + p * vocabSize
            let (arg, nll) = Self.argmaxAndNLL(row, count: vocabSize, target: Int(batch.targets[p]))
            predictions[p] = Int32(arg)
            lossSum += nll
            lossCount += 1
        }
        tally(batch, predictions)
    }

    /// Adds a batch from predicted token ids, [B·T] (losses become unavailable).
    public mutating func add(_ batch: SequenceBatch, predictions: [Int32]) {
        precondition(predictions.count == batch.batchSize * batch.length,
                     "\(predictions.count) predictions for a \(batch.batchSize)×\(batch.length) batch")
        lossUnavailable = true
        tally(batch, predictions)
    }

    private mutating func tally(_ batch: SequenceBatch, _ predictions: [Int32]) {
        for r in 0..<batch.batchSize {
            var tokens = 0, correct = 0
            for t in 0..<batch.length {
                let p = r * batch.length + t
                let target = batch.targets[p]
                guard target >= 0 else { continue }
                let right = predictions[p] == target
                if !right {
                    while errorsByAnswerPosition.count <= tokens { errorsByAnswerPosition.append(0) }
                    errorsByAnswerPosition[tokens] += 1
                }
                tokens += 1
                if right { correct += 1 }
            }
            let exact = correct == tokens
            all.add(exact: exact, tokens: tokens, correct: correct)
            bySize[batch.sizes[r], default: Tally()].add(exact: exact, tokens: tokens, correct: correct)
            if let m = trainMaxSize, batch.sizes[r] > m {
                beyondTrain.add(exact: exact, tokens: tokens, correct: correct)
            }
        }
    }

    // MARK: Classifier outputs

    /// Adds a batch from its logits: [B, classes], or [B, labels] for multi-label tasks.
    public mutating func add(_ batch: ClassificationBatch, logits: UnsafeBufferPointer<Float>) {
        let b = batch.batchSize
        precondition(b > 0 && logits.count % b == 0, "logits hold \(logits.count) values for \(b) examples")
        let width = logits.count / b
        let perExample = batch.targets.count / b
        var predictions = [Int32](repeating: 0, count: batch.targets.count)
        if perExample == 1 {
            for r in 0..<b {
                let (arg, nll) = Self.argmaxAndNLL(logits.baseAddress! + r * width, count: width,
                                                   target: Int(batch.targets[r]))
                predictions[r] = Int32(arg)
                lossSum += nll
                lossCount += 1
            }
        } else {
            precondition(width == perExample, "multi-label logits must be [B, \(perExample)], got [B, \(width)]")
            for i in 0..<batch.targets.count {
                let z = Double(logits[i])
                predictions[i] = z > 0 ? 1 : 0
                // Binary cross-entropy with logits: softplus(−z) for a 1, softplus(z) for a 0.
                let s = batch.targets[i] == 1 ? -z : z
                lossSum += max(s, 0) + Foundation.log1p(Foundation.exp(-abs(s)))
                lossCount += 1
            }
        }
        tally(batch, predictions)
    }

    /// Adds a batch from predicted class ids [B] (or bits [B·labels]); losses become unavailable.
    public mutating func add(_ batch: ClassificationBatch, predictions: [Int32]) {
        precondition(predictions.count == batch.targets.count,
                     "\(predictions.count) predictions for \(batch.targets.count) targets")
        lossUnavailable = true
        tally(batch, predictions)
    }

    private mutating func tally(_ batch: ClassificationBatch, _ predictions: [Int32]) {
        let per = batch.targets.count / max(batch.batchSize, 1)
        for r in 0..<batch.batchSize {
            var correct = 0
            for j in 0..<per where predictions[r * per + j] == batch.targets[r * per + j] { correct += 1 }
            all.add(exact: correct == per, tokens: per, correct: correct)
        }
    }

    // MARK: Results

    /// Mean loss over the scored positions (nats), if logits were given for every batch.
    public var meanLoss: Double? {
        lossUnavailable || lossCount == 0 ? nil : lossSum / Double(lossCount)
    }

    /// The task's metrics that these batches determine, in the task's order.
    public func values() -> [MetricValue] {
        func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }
        return metrics.compactMap { spec in
            let v: Double?
            switch spec.name {
            case MetricSpec.accuracy.name, MetricSpec.exactMatch.name: v = ratio(all.exact, all.examples)
            case MetricSpec.tokenAccuracy.name, MetricSpec.bitAccuracy.name: v = ratio(all.correct, all.tokens)
            case MetricSpec.crossEntropy.name, MetricSpec.loss.name: v = meanLoss
            case MetricSpec.bitsPerByte.name: v = meanLoss.map { $0 / Foundation.log(2.0) }
            case MetricSpec.exactMatchBeyondTrain.name: v = ratio(beyondTrain.exact, beyondTrain.examples)
            case MetricSpec.tokenAccuracyBeyondTrain.name: v = ratio(beyondTrain.correct, beyondTrain.tokens)
            default: v = nil
            }
            return v.map { MetricValue(spec: spec, value: $0) }
        }
    }

    /// The arg-max of a row of logits and the negative log-likelihood of `target` (in Double).
    static func argmaxAndNLL(_ row: UnsafePointer<Float>, count: Int, target: Int) -> (Int, Double) {
        precondition(target >= 0 && target < count, "target \(target) outside 0..<\(count)")
        var arg = 0
        var best = row[0]
        for i in 1..<count where row[i] > best { best = row[i]; arg = i }
        var sum = 0.0
        let m = Double(best)
        for i in 0..<count { sum += Foundation.exp(Double(row[i]) - m) }
        return (arg, m + Foundation.log(sum) - Double(row[target]))
    }
}
