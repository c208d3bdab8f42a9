import NN
import Tasks
import Tensor
import Variants

/// The distillation step of `compress.recover.distill` for each model family: the teacher's
/// logits (evaluation mode, no gradient), the student's forward, the distillation loss's
/// gradient with respect to the student's logits, and the student's backward.
enum RecoveryLoss {
    /// One distillation step of a decoder LM on a token batch; returns the loss.
    static func distill(student: DecoderLM, teacher: DecoderLM, batch: SequenceBatch, _ d: Distillation) -> Double {
        teacher.setTraining(false)
        let teacherLogits = teacher.forward(tokens: batch.tokens, batch: batch.batchSize, time: batch.length).copy()
        let logits = student.forward(tokens: batch.tokens, batch: batch.batchSize, time: batch.length)
        let loss = DistillationLoss(temperature: d.temperature, alpha: d.alpha)
        let value = loss.forward(student: logits, teacher: teacherLogits, targets: batch.targets)
        student.backward(loss.gradient!)
        return Double(value)
    }

    /// One distillation step of an MLP classifier on a batch; returns the loss.
    static func distill(student: MLPClassifier, teacher: MLPClassifier, batch: ClassificationBatch, _ d: Distillation) -> Double {
        let teacherLogits = teacher.forward(batch.features).copy()
        let logits = student.forward(batch.features)
        let loss = DistillationLoss(temperature: d.temperature, alpha: d.alpha)
        let value = loss.forward(student: logits, teacher: teacherLogits, targets: batch.targets)
        _ = student.backward(loss.gradient!)
        return Double(value)
    }
}
