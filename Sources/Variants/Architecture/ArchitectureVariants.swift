import Configuration

/// The `arch.*` family, in catalogue order.
public let architectureVariants: [VariantDescriptor] = []
