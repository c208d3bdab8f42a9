import Tensor

/// A model the harness trains, evaluates, compresses and costs, whatever its family (a
/// decoder LM, an MLP classifier): a batch goes in as the model's `Input`, logits come out,
/// and the model owns its training loss. Checkpoints come with `ParameterVisitable`
/// (`checkpoint()`, `load(_:)`).
public protocol TrainableModel: ParameterVisitable {
    /// What one batch feeds the model: token ids with their shape, or a feature matrix.
    associatedtype Input

    /// The logits of `input` (kept for `backward(logits:)`).
    func logits(_ input: Input) -> Tensor
    /// Accumulates every parameter gradient from ∂loss/∂logits of the last `logits` call.
    func backward(logits gradient: Tensor)
    /// Forward, the training loss against `targets` and backward, accumulating gradients;
    /// returns the mean loss and how many targets it counted (ignored ones not).
    func lossAndBackward(_ input: Input, targets: [Int32]) -> (loss: Float, count: Int)
    /// The mean evaluation loss against `targets`, without gradients.
    func loss(_ input: Input, targets: [Int32]) -> Float
    /// Switches layers that behave differently in training (true) and evaluation (false).
    func setTraining(_ training: Bool)
    /// Tells scheduled layers which optimizer step comes next.
    func prepare(step: Int, of totalSteps: Int)

    /// The analytic count of trainable scalars.
    var analyticParameterCount: Int { get }
    /// Matrix-product FLOPs of one forward pass per unit the model consumes (a token of a
    /// full context, an example).
    var forwardFLOPsPerUnit: Int { get }
    /// Bytes of activations per unit kept for the backward pass.
    var activationBytesPerUnit: Int { get }
}

/// A batch as a model takes it: the input and the targets of its rows.
public struct LabelledInput<Input> {
    public var input: Input
    public var targets: [Int32]

    public init(input: Input, targets: [Int32]) {
        self.input = input
        self.targets = targets
    }
}

extension TrainableModel {
    /// One knowledge-distillation step on `batch`: the logits of `teacher` (switched to
    /// evaluation, no gradient), the model's own, `loss` between them and the model's
    /// backward; returns the loss.
    public func distillationLossAndBackward(_ batch: LabelledInput<Input>, teacher: Self, loss: DistillationLoss) -> Float {
        teacher.setTraining(false)
        let teacherLogits = teacher.logits(batch.input).copy()
        let value = loss.forward(student: logits(batch.input), teacher: teacherLogits, targets: batch.targets)
        backward(logits: loss.gradient!)
        return value
    }
}
