/// The pruning methods, in the order `ablate list variants` shows them.
let pruningVariants: [VariantDescriptor] = []
