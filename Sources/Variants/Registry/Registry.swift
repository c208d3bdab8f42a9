import Configuration
import Foundation

/// The registry: one explicit list of every variant, composed from one list per family
/// (each family's file owns its list). Out-of-tree packages add entries with `register`
/// at start-up; the first read fixes the list, so every later reader sees the same variants.
public enum Registry {
    /// The variants built into Ablate, in family order.
    public static var builtIn: [VariantDescriptor] {
        normalizationVariants + attentionVariants + feedForwardVariants + architectureVariants + compressionVariants
    }

    /// Every registered variant: built-in ones first, then those added by `register`.
    /// The first read closes registration.
    public static var all: [VariantDescriptor] { registered.read() }

    /// Adds an out-of-tree variant. Its id must be new and of the form `family.name`, and
    /// nothing may have read the registry yet: register before `Ablate.main()` or any suite
    /// parsing, trial or lookup.
    public static func register(_ descriptor: VariantDescriptor) {
        precondition(descriptor.family != nil, "variant id \(descriptor.id) must start with a family: \(VariantFamily.allCases.map(\.rawValue))")
        do { try registered.add(descriptor) } catch { preconditionFailure("\(error)") }
    }

    /// The variant with `id`, or nil.
    public static func descriptor(_ id: String) -> VariantDescriptor? { all.first { $0.id == id } }

    private static let registered = RegistrationList { builtIn }
}

/// A list of variants open to additions until its first read, then fixed.
final class RegistrationList: @unchecked Sendable {
    // Guards `added` and `list`, which change only before the first read.
    private let lock = NSLock()
    private let base: () -> [VariantDescriptor]
    private var added: [VariantDescriptor] = []
    private var list: [VariantDescriptor]?

    /// An open list that starts with `base()` (evaluated at the first read).
    init(base: @escaping () -> [VariantDescriptor]) { self.base = base }

    /// Appends `descriptor`; refused after the first read and for an id already listed.
    func add(_ descriptor: VariantDescriptor) throws {
        try lock.withLock {
            guard list == nil else { throw RegistrationError.afterFirstRead(descriptor.id) }
            guard !(base() + added).contains(where: { $0.id == descriptor.id }) else {
                throw RegistrationError.duplicate(descriptor.id)
            }
            added.append(descriptor)
        }
    }

    /// The base variants and those added, in order; fixes the list.
    func read() -> [VariantDescriptor] {
        lock.withLock {
            if let list { return list }
            let fixed = base() + added
            list = fixed
            return fixed
        }
    }
}

/// Why `Registry.register` refuses a variant.
enum RegistrationError: Error, Equatable, CustomStringConvertible {
    /// The registry was read before this registration.
    case afterFirstRead(String)
    /// The id is already registered.
    case duplicate(String)

    var description: String {
        switch self {
        case .afterFirstRead(let id):
            return "variant \(id) registered after the registry was first read; register variants before anything reads it"
        case .duplicate(let id): return "variant \(id) is already registered"
        }
    }
}
