/// Every compression method (`compress.*`): quantization, pruning and sublayer removal,
/// low-rank and tensor networks, clustering, then the recovery steps a pipeline may chain.
let compressionVariants: [VariantDescriptor] =
    quantizationVariants + pruningVariants + factorizationVariants + recoveryVariants
