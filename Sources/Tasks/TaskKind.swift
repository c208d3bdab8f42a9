/// The model family a task fits and the shapes it produces.
public enum TaskKind: Sendable, Equatable {
    /// `features` [B, inputDim], one class id per example in `0..<classes`.
    case classification(inputDim: Int, classes: Int)
    /// `features` [B, inputDim], `labels` binary targets (0 or 1) per example, row-major [B, labels].
    case multiLabel(inputDim: Int, labels: Int)
    /// `tokens` and `targets` [B, T] with T = `sequenceLength(split)`; `length` is the training T.
    case sequence(vocabSize: Int, length: Int)

    public var family: TaskFamily {
        switch self {
        case .classification: return .classifier
        case .multiLabel: return .multiLabelClassifier
        case .sequence: return .sequenceModel
        }
    }
}

/// The kind of model a task trains; the raw value is how listings name it.
public enum TaskFamily: String, Sendable, CaseIterable, CustomStringConvertible {
    case classifier
    case multiLabelClassifier = "multi-label classifier"
    case sequenceModel = "sequence model"

    public var description: String { rawValue }
}
