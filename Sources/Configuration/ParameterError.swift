import Foundation

/// A parameter that a task or variant does not have, or a value it does not allow.
/// Each message names the owner and the key and says what is allowed.
public enum ParameterError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A parameter key the owner does not have, with the nearest key.
    case unknownParameter(owner: String, key: String, suggestion: String?, allowed: [String])
    /// A parameter value of the wrong type or outside what is allowed.
    case invalidParameterValue(owner: String, key: String, value: String, allowed: String)

    public var description: String {
        switch self {
        case .unknownParameter(let owner, let key, let suggestion, let allowed):
            return "\(owner) has no parameter '\(key)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                + " Its parameters: " + allowed.joined(separator: ", ")
        case .invalidParameterValue(let owner, let key, let value, let allowed):
            return "\(owner): parameter '\(key)' cannot be '\(value)'; it must be \(allowed)"
        }
    }

    public var errorDescription: String? { description }
}
