import Configuration
import NN

/// `compress.recover.norms-biases` (PERP): after compression, train only the parameters that
/// grow with d rather than d² — every bias and every normalization gain and shift — for
/// `steps` Adam steps at `lr` on plain cross-entropy; compressed weights, codes and masks stay
/// frozen and so do the dense matrices and embeddings. A parameter counts as a norm or bias
/// when it is one-dimensional (gains, shifts and biases are the model's only vectors) or
/// its name ends in `.bias`. The LoRA option of the paper is not implemented.
enum NormsAndBiasesRecovery {
    /// The method's id.
    static let id = "compress.recover.norms-biases"

    /// Whether the recovery trains the parameter `name`.
    static func isNormOrBias(_ name: String, _ p: Parameter) -> Bool {
        p.shape.count == 1 || name.hasSuffix(".bias") || name == "bias"
    }

    /// Applies the method with resolved `values` to `context`'s model.
    static func apply(_ values: ParameterValues, _ context: CompressionContext) throws -> CompressionOutcome {
        try RecoveryTraining.run(id, context, parameters: ParameterSelection(context.model, where: isNormOrBias),
                                 steps: values.int("steps"), learningRate: values.double("lr"), distillation: nil)
    }

    /// The registry entry.
    static let descriptor = VariantDescriptor(
        id: id,
        summary: "Recovery: retrain only norm gains/shifts and biases (Adam, cross-entropy) for n steps, compressed weights frozen.",
        paper: "PERP: Rethinking the Prune-Retrain Paradigm in the Era of LLMs (Zimmer et al., 2023)",
        parameters: [
            .int("steps", default: 200, in: 0...1_000_000, unit: "steps", "Training steps (0: nothing changes)."),
            .double("lr", default: 1e-3, in: 1e-7...1, "Adam learning rate."),
        ],
        realCost: "none at inference (the compressed kernels are unchanged); training touches only vectors",
        identity: CompressionIdentity(["steps": .int(0)], tolerance: 0),
        factory: .compression(apply))
}
