import NN

extension CompressionContext {
    /// The context of a trainable `model`: calibration passes over the fixed `calibration`
    /// batches in evaluation mode, and recovery steps in training mode on the next batch of
    /// `recovery`, with the model's own training loss or, given a `Distillation`, the
    /// distillation loss against `teacher` (a distillation step without a teacher is a
    /// programming error: the recovery method checks for it first).
    public convenience init<Model: TrainableModel & CompressibleModel, Recovery: IteratorProtocol>(
        model: Model, teacher: Model?, seed: UInt64, calibration: [LabelledInput<Model.Input>], recovery: Recovery)
        where Recovery.Element == LabelledInput<Model.Input>
    {
        var recovery = recovery
        self.init(
            model: model, seed: seed,
            calibrate: {
                model.setTraining(false)
                for c in calibration { _ = model.logits(c.input) }
            },
            calibrationLoss: {
                model.setTraining(false)
                let total = calibration.reduce(0.0) { $0 + Double(model.loss($1.input, targets: $1.targets)) }
                return total / Double(calibration.count)
            },
            recoveryStep: { distillation in
                let batch = recovery.next()!
                model.setTraining(true)
                guard let distillation else { return Double(model.lossAndBackward(batch.input, targets: batch.targets).loss) }
                guard let teacher else { preconditionFailure("a distillation recovery step needs the context's teacher") }
                let loss = DistillationLoss(temperature: distillation.temperature, alpha: distillation.alpha)
                return Double(model.distillationLossAndBackward(batch, teacher: teacher, loss: loss))
            },
            teacher: teacher)
    }
}
