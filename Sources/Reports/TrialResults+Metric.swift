import Store

extension TrialResults {
    /// The value of metric `stage.name`, or nil when the trial did not record it.
    public func metric(stage: String, name: String) -> Double? {
        metrics.first { $0.stage == stage && $0.name == name }?.value
    }
}
