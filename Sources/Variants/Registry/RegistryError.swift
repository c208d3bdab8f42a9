import Configuration
import Foundation

/// A variant configuration the registry rejects. Each message names the key, the bad value,
/// what is allowed and, for ids, the nearest registered one.
public enum RegistryError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// An id that is not registered (in `family`, when the key expects one).
    case unknownVariant(key: String, id: String, suggestion: String?, allowed: [String])
    /// A registered id of another family than the key expects.
    case wrongFamily(key: String, id: String, expected: VariantFamily, allowed: [String])
    /// A bad parameter of a known variant.
    case parameter(key: String, ParameterError)

    public var description: String {
        switch self {
        case .unknownVariant(let key, let id, let suggestion, let allowed):
            return "\(key): unknown variant '\(id)'" + (suggestion.map { "; did you mean \($0)?" } ?? "")
                + " Allowed: " + allowed.joined(separator: ", ")
        case .wrongFamily(let key, let id, let expected, let allowed):
            return "\(key): '\(id)' is not a \(expected.rawValue).* variant. Allowed: " + allowed.joined(separator: ", ")
        case .parameter(let key, let error):
            return "\(key): \(error.description)"
        }
    }

    public var errorDescription: String? { description }
}
