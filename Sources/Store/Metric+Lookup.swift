extension Sequence where Element == Metric {
    /// The metric `stage.name`, or nil when it was not recorded (a trial records each once).
    public func first(stage: String, name: String) -> Metric? {
        first { $0.stage == stage && $0.name == name }
    }
}

extension TrialResults {
    /// The value of metric `stage.name`, or nil when the trial did not record it.
    public func metric(stage: String, name: String) -> Double? {
        metrics.first(stage: stage, name: name)?.value
    }
}
