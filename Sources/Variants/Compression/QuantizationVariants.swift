/// The quantization methods, in the order `ablate list variants` shows them.
let quantizationVariants: [VariantDescriptor] = []
