import Foundation
import Yams

/// A suite that cannot run: where (file, line, column), which key, what is wrong, what is
/// allowed and the nearest valid name. `ablate` exits with code 65 on it.
public struct SuiteError: Error, Equatable, CustomStringConvertible, LocalizedError {
    public var location: SourceLocation
    /// The dotted key (`model.norm`, `sweep.grid.training.lr`), empty for the document.
    public var key: String
    public var message: String
    /// What the key allows, in words, when known.
    public var allowed: String?
    /// The nearest valid name, when one is close.
    public var suggestion: String?

    public init(at location: SourceLocation, key: String, _ message: String, allowed: String? = nil, suggestion: String? = nil) {
        self.location = location
        self.key = key
        self.message = message
        self.allowed = allowed
        self.suggestion = suggestion
    }

    public var description: String {
        var s = "\(location): " + (key.isEmpty ? "" : "\(key): ") + message
        if let suggestion { s += "; did you mean \(suggestion)?" }
        if let allowed { s += (s.hasSuffix("?") || s.hasSuffix(".") ? " " : ". ") + "Allowed: \(allowed)." }
        return s
    }

    public var errorDescription: String? { description }

    /// A libyaml error (syntax, duplicate keys) at its reported position.
    static func yaml(_ error: YamlError, file: String) -> SuiteError {
        func at(_ m: Mark) -> SourceLocation { SourceLocation(file: file, line: m.line, column: m.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
            return SuiteError(at: at(mark), key: "", "YAML syntax error: \(problem)\(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return SuiteError(at: at(context.mark), key: duplicates.joined(separator: ", "),
                              "duplicate key '\(duplicates.joined(separator: "', '"))' (each key may appear once in a mapping)")
        case .reader(let problem, _, _, _):
            return SuiteError(at: SourceLocation(file: file, line: 1, column: 1), key: "", "unreadable YAML: \(problem)")
        default:
            return SuiteError(at: SourceLocation(file: file, line: 1, column: 1), key: "", "unreadable YAML: \(error)")
        }
    }
}
