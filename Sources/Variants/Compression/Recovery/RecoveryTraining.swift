import NN
import Tensor

/// The training loop of the recovery methods: `steps` AdamW steps (no weight decay, global
/// gradient norm clipped at 1) over `parameters` through the context's `recoveryStep`, every
/// other visited parameter left unchanged; reports the calibration loss before and after and
/// the mean training loss of the first and last ten steps.
enum RecoveryTraining {
    /// Runs the loop; throws when the context cannot train or a step's loss is not finite.
    static func run(_ method: String, _ context: CompressionContext, parameters: ParameterSelection, steps: Int,
                    learningRate: Double, distillation: Distillation?) throws -> CompressionOutcome {
        guard let step = context.recoveryStep else {
            throw CompressionError.notApplicable(method, "the context has no training batches for recovery steps")
        }
        let total = context.model.parameterCount, trained = parameters.parameterCount
        var outcome = CompressionOutcome(speed: context.model.speedLabel)
        outcome.metrics["trainable_parameters"] = Double(trained)
        outcome.metrics["trainable_fraction"] = total == 0 ? 0 : Double(trained) / Double(total)
        outcome.metrics["steps"] = Double(steps)
        guard steps > 0 else { return outcome }
        outcome.metrics["loss_before"] = context.calibrationLoss()
        let trainer = Trainer(parameters: ParameterSet(parameters), optimizer: AdamW(weightDecay: 0),
                              learningRate: Float(learningRate))
        var losses: [Double] = []
        for s in 0..<steps {
            let loss = Double(trainer.step { Float(step(distillation)) })
            guard loss.isFinite else { throw CompressionError("\(method): recovery step \(s) gave a non-finite loss \(loss)") }
            losses.append(loss)
        }
        // Gradients of the parameters outside the selection accumulated unused: clear them.
        context.model.visitParameters(prefix: "") { _, p in p.grad.fill(0) }
        outcome.metrics["loss_after"] = context.calibrationLoss()
        let window = min(10, losses.count)
        outcome.metrics["train_loss_first"] = losses.prefix(window).reduce(0, +) / Double(window)
        outcome.metrics["train_loss_last"] = losses.suffix(window).reduce(0, +) / Double(window)
        outcome.notes.append("\(method): trained \(trained) of \(total) parameters for \(steps) steps")
        return outcome
    }
}
