import Tensor

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
