/// The recovery methods, in the order `ablate list variants` shows them.
let recoveryVariants: [VariantDescriptor] = [
    NormsAndBiasesRecovery.descriptor,
    DistillationRecovery.descriptor,
]
