import Configuration
import NN

/// `compress.recover.distill`: `steps` Adam steps at `lr` on the distillation loss
/// `(1−α)·CE + α·T²·KL(softmax(z_t/T) ‖ softmax(z_s/T))` against the uncompressed teacher,
/// training every visited parameter: whatever the compression left trainable (low-rank
/// factors, tensor-train cores, dense layers, biases and norms), while frozen twins' codes,
/// masks and codebooks are not parameters and stay fixed. The normalized feature term
/// (β, matched residual streams) is not implemented: β = 0.
enum DistillationRecovery {
    /// The method's id.
    static let id = "compress.recover.distill"

    /// Applies the method with resolved `values` to `context`'s model.
    static func apply(_ values: ParameterValues, _ context: CompressionContext) throws -> CompressionOutcome {
        let steps = values.int("steps")
        guard steps == 0 || context.teacher != nil else {
            throw CompressionError("\(id) needs the uncompressed teacher model; the context keeps none")
        }
        let distillation = Distillation(temperature: Float(values.double("temperature")), alpha: Float(values.double("alpha")))
        var outcome = try RecoveryTraining.run(id, context, parameters: ParameterSelection(context.model) { _, _ in true },
                                               steps: steps, learningRate: values.double("lr"), distillation: distillation)
        outcome.metrics["temperature"] = Double(distillation.temperature)
        outcome.metrics["alpha"] = Double(distillation.alpha)
        return outcome
    }

    /// The registry entry.
    static let descriptor = VariantDescriptor(
        id: id,
        summary: "Recovery: n steps of knowledge distillation from the uncompressed teacher, (1−α)·CE + α·T²·KL, training whatever the compression left trainable.",
        paper: "Distilling the Knowledge in a Neural Network (Hinton et al., 2015); Distiller: A Systematic Study of Model Distillation Methods in Natural Language Processing (He et al., 2021)",
        parameters: [
            .int("steps", default: 200, in: 0...1_000_000, unit: "steps", "Training steps (0: nothing changes)."),
            .double("temperature", default: 2, in: 0.05...100, "T: softmax temperature of both logits in the KL term."),
            .double("alpha", default: 0.5, in: 0...1, "α: weight of the KL term (1−α on the cross-entropy)."),
            .double("lr", default: 1e-3, in: 1e-7...1, "Adam learning rate."),
        ],
        realCost: "none at inference (the compressed kernels are unchanged); training runs the teacher's forward pass too",
        identity: CompressionIdentity(["steps": .int(0)], tolerance: 0),
        factory: .compression(apply))
}
