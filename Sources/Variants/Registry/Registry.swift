import Configuration

/// The registry: one explicit list of every variant, composed from one list per family
/// (each family's file owns its list). Out-of-tree packages add entries with `register`.
public enum Registry {
    /// The variants built into Ablate, in family order.
    public static var builtIn: [VariantDescriptor] {
        normalizationVariants + attentionVariants + feedForwardVariants + architectureVariants + compressionVariants
    }

    nonisolated(unsafe) private static var extra: [VariantDescriptor] = []

    /// Every registered variant: built-in ones first, then those added by `register`.
    public static var all: [VariantDescriptor] { builtIn + extra }

    /// Adds an out-of-tree variant. Its id must be new and of the form `family.name`.
    public static func register(_ descriptor: VariantDescriptor) {
        precondition(descriptor.family != nil, "variant id \(descriptor.id) must start with a family: \(VariantFamily.allCases.map(\.rawValue))")
        precondition(!all.contains { $0.id == descriptor.id }, "variant \(descriptor.id) is already registered")
        extra.append(descriptor)
    }

    /// The variant with `id`, or nil.
    public static func descriptor(_ id: String) -> VariantDescriptor? { all.first { $0.id == id } }
}
