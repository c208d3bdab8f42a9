import Foundation

/// A suite loaded from YAML, with command-line overrides applied and validated against the
/// schema, the registry and the task catalogue.
public struct Suite: Sendable {
    /// The file it was read from (as given).
    public let file: String
    /// The file's text, stored with the sweep for provenance.
    public let text: String
    /// The document after overrides.
    public let document: SuiteNode
    /// The `key=value` overrides, in order.
    public let overrides: [String]
    /// The document's variants as the validator resolved them, by dotted key.
    let variants: [String: VariantSpec]

    /// The suite's `name`.
    public var name: String { SchemaSection("suite", mapping: document, SuiteSchema.root).string("name") }

    /// The suite's `description`.
    public var description: String { SchemaSection("suite", mapping: document, SuiteSchema.root).string("description") }

    /// Reads, overrides and validates the suite at `path`. Throws `SuiteError`.
    public static func load(path: String, overrides: [String] = []) throws -> Suite {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SuiteError(at: SourceLocation(file: path, line: 0, column: 0), key: "", "cannot read the suite file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SuiteError(at: SourceLocation(file: path, line: 1, column: 1), key: "", "the suite file is not UTF-8 text")
        }
        return try parse(text: text, file: path, overrides: overrides)
    }

    /// Parses, overrides and validates suite text; `file` names it in errors.
    public static func parse(text: String, file: String, overrides: [String] = []) throws -> Suite {
        var document = try SuiteNode.parse(yaml: text, file: file)
        guard case .map = document.value else {
            throw SuiteError(at: document.location, key: "", "a suite is a mapping of keys (name, task, model, …), found \(document.typeName)")
        }
        document = try Overrides.apply(overrides, to: document)
        let variants = try SuiteValidator.validate(document)
        return Suite(file: file, text: text, document: document, overrides: overrides, variants: variants)
    }
}
