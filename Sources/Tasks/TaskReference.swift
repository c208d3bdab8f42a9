import Foundation

/// What a model that ignores its input scores on a task: the gates' trivial reference.
public struct TaskReference: Sendable, Equatable {
    /// The loss (nats per scored target) of predicting the training split's target distribution:
    /// the unigram entropy of a sequence task's scored targets, the label-prior entropy of a
    /// classifier, the mean binary entropy of each label of a multi-label task.
    public let loss: Double
    /// The share of the most frequent training class (classification only).
    public let chanceAccuracy: Double?

    /// The reference of `task`, counted over the first `limit` training examples.
    public static func of(_ task: any AblateTask, limit: Int = 20_000) -> TaskReference {
        let n = min(limit, task.count(.train))
        if let sequence = task as? any SequenceTask {
            var counts = [Int](repeating: 0, count: sequence.vocabSize)
            for i in 0..<n {
                for t in sequence.example(.train, i).targets where t >= 0 && Int(t) < counts.count { counts[Int(t)] += 1 }
            }
            return TaskReference(loss: entropy(counts), chanceAccuracy: nil)
        }
        guard let classifier = task as? any ClassifierTask else { return TaskReference(loss: .nan, chanceAccuracy: nil) }
        let features = UnsafeMutablePointer<Float>.allocate(capacity: max(1, classifier.inputDim))
        let targets = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, classifier.targetsPerExample))
        defer { features.deallocate(); targets.deallocate() }
        switch classifier.kind {
        case .multiLabel(_, let labels):
            var ones = [Int](repeating: 0, count: labels)
            for i in 0..<n {
                classifier.write(.train, i, features: features, targets: targets)
                for l in 0..<labels where targets[l] != 0 { ones[l] += 1 }
            }
            let perLabel = ones.map { entropy([$0, n - $0]) }
            return TaskReference(loss: perLabel.reduce(0, +) / Double(max(1, labels)), chanceAccuracy: nil)
        case .classification(_, let classes):
            var counts = [Int](repeating: 0, count: classes)
            for i in 0..<n {
                classifier.write(.train, i, features: features, targets: targets)
                if targets[0] >= 0 && Int(targets[0]) < classes { counts[Int(targets[0])] += 1 }
            }
            let total = counts.reduce(0, +)
            return TaskReference(loss: entropy(counts), chanceAccuracy: total > 0 ? Double(counts.max()!) / Double(total) : nil)
        case .sequence:
            return TaskReference(loss: .nan, chanceAccuracy: nil)
        }
    }

    /// The entropy in nats of the distribution with these counts.
    static func entropy(_ counts: [Int]) -> Double {
        let total = Double(counts.reduce(0, +))
        guard total > 0 else { return .nan }
        return counts.reduce(0.0) { h, c in c == 0 ? h : h - Double(c) / total * Foundation.log(Double(c) / total) }
    }
}
