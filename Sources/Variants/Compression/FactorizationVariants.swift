/// The factorization methods, in the order `ablate list variants` shows them.
let factorizationVariants: [VariantDescriptor] = [
    TruncatedSVDCompression.descriptor,
    TensorTrainCompression.descriptor,
    WeightClustering.descriptor,
]
