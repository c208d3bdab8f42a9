/// A layer whose forward pass differs between training and evaluation (batch versus running
/// statistics) or follows a schedule over training steps. The model assembler finds these
/// among a model's layers and switches them all at once.
public protocol TrainingPhaseDependent: AnyObject {
    /// True while training (batch statistics, running averages updated); false for
    /// evaluation (frozen running statistics, the folded inference form).
    var isTraining: Bool { get set }
    /// Called before the forward pass of optimizer step `step` (0-based) of `totalSteps`.
    func prepare(step: Int, of totalSteps: Int)
}

extension TrainingPhaseDependent {
    public func prepare(step: Int, of totalSteps: Int) {}
}
