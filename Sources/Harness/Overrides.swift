import Foundation

/// Command-line `key=value` overrides: a dotted key, and a YAML value that beats the
/// file's. A comma list (`model.norm=norm.rmsnorm,norm.layernorm`) becomes a grid axis;
/// a single value for a key the sweep varies pins it (the axis is dropped).
public enum Overrides {
    public static func apply(_ arguments: [String], to document: SuiteNode) throws -> SuiteNode {
        var doc = document
        for argument in arguments {
            let location = SourceLocation.commandLine(argument)
            guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else {
                throw SuiteError(at: location, key: "", "an override must be key=value with a dotted key, e.g. training.lr=3e-3")
            }
            let key = String(argument[..<eq])
            let text = String(argument[argument.index(after: eq)...])
            let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if path.contains(where: \.isEmpty) {
                throw SuiteError(at: location, key: key, "empty component in the dotted key")
            }
            let parts = splitList(text)
            if parts.count > 1 && path.first != "sweep" {
                let values = parts.map { SuiteNode.parseScalar($0, location: location) }
                doc = unpinned(doc, key).setting(["sweep", "grid", key], to: SuiteNode(.list(values), at: location))
            } else {
                if path.first != "sweep" { doc = unpinned(doc, key) }
                doc = doc.setting(path, to: SuiteNode.parseScalar(text, location: location))
            }
        }
        return doc
    }

    /// The document without `key` as a sweep axis (grid, zip or random).
    private static func unpinned(_ doc: SuiteNode, _ key: String) -> SuiteNode {
        var d = doc
        for section in [["sweep", "grid"], ["sweep", "zip"], ["sweep", "random", "axes"]] {
            if let node = d.node(at: section), node.entries.contains(where: { $0.key == key }) {
                d = d.setting(section, to: SuiteNode(.map(node.entries.filter { $0.key != key }), at: node.location))
            }
        }
        return d
    }

    /// Splits on commas outside brackets and quotes.
    static func splitList(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "[" || c == "{" {
                depth += 1
            } else if c == "]" || c == "}" {
                depth -= 1
            } else if c == "," && depth == 0 {
                parts.append(current)
                current = ""
                continue
            }
            current.append(c)
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
