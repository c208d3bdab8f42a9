import Tasks

/// The model families a suite can train.
public enum ModelFamily: String, Sendable, CaseIterable, Codable {
    /// A decoder-only transformer assembled from the registry, for sequence tasks.
    case transformer
    /// An MLP classifier, for classification tasks.
    case mlp
}

/// The optimizers a trial can train with.
public enum OptimizerKind: String, Sendable, CaseIterable, Codable {
    case adamw, sgd
}

/// The learning-rate schedules a trial can follow.
public enum ScheduleKind: String, Sendable, CaseIterable, Codable {
    case constant, cosine
    /// Warm-up, stable, then a final decay.
    case wsd
}

/// Where a transformer's norms sit (`Placement` in Variants, without its parameters).
public enum PlacementKind: String, Sendable, CaseIterable, Codable {
    case pre, post, mix
    case depthScaled = "depth-scaled"
}

/// The faults a trial can inject to test the harness itself.
public enum FaultKind: String, Sendable, CaseIterable, Codable {
    case none
    /// `fatalError` at the fault step.
    case crash
    /// Loop forever at the fault step.
    case hang
    /// Poison a weight so the loss turns NaN.
    case nan
}

extension ModelFamily {
    /// The family that trains tasks of this kind.
    public init(training family: TaskFamily) {
        self = family == .sequenceModel ? .transformer : .mlp
    }
}
