import Foundation
import Yams

/// Where a suite value came from: a file position (1-based line and column) or the command line.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A `key=value` argument given on the command line.
    public static func commandLine(_ argument: String) -> SourceLocation {
        SourceLocation(file: "command line (\(argument))", line: 0, column: 0)
    }

    public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
}

/// A value of a suite document, typed as YAML resolved it (quoted scalars stay strings).
public indirect enum SuiteValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([SuiteNode])
    case map([SuiteEntry])
}

/// One `key: value` pair of a mapping, with the position of the key.
public struct SuiteEntry: Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: SuiteNode
}

/// A suite document node: a value and where it was written, so that every error can name
/// the file, line and column of the offending key or value.
public struct SuiteNode: Sendable {
    public var value: SuiteValue
    public var location: SourceLocation

    public init(_ value: SuiteValue, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// The entries of a mapping (empty for other values).
    public var entries: [SuiteEntry] {
        if case .map(let e) = value { return e }
        return []
    }

    /// The value under `key` of a mapping.
    public subscript(_ key: String) -> SuiteNode? {
        entries.first { $0.key == key }?.value
    }

    /// The node at a dotted path, if every step exists.
    public func node(at path: [String]) -> SuiteNode? {
        guard let first = path.first else { return self }
        return self[first]?.node(at: Array(path.dropFirst()))
    }

    /// A copy with `node` at `path`, creating mappings along the way (a non-mapping in the
    /// way is replaced).
    public func setting(_ path: [String], to node: SuiteNode) -> SuiteNode {
        guard let first = path.first else { return node }
        var entries = self.entries
        if let i = entries.firstIndex(where: { $0.key == first }) {
            entries[i].value = entries[i].value.setting(Array(path.dropFirst()), to: node)
        } else {
            let child = SuiteNode(.map([]), at: node.location).setting(Array(path.dropFirst()), to: node)
            entries.append(SuiteEntry(key: first, keyLocation: node.location, value: child))
        }
        return SuiteNode(.map(entries), at: location)
    }

    /// A copy without the entry at `path` (unchanged when absent).
    public func removing(_ path: [String]) -> SuiteNode {
        guard let first = path.first, case .map(var entries) = value else { return self }
        guard let i = entries.firstIndex(where: { $0.key == first }) else { return self }
        if path.count == 1 { entries.remove(at: i) } else { entries[i].value = entries[i].value.removing(Array(path.dropFirst())) }
        return SuiteNode(.map(entries), at: location)
    }

    /// The YAML type, in words, for error messages.
    public var typeName: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "a string"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }

    /// The value in YAML flow style on one line (`norm.rmsnorm`, `[16, 32]`,
    /// `{id: ffn.lowrank, params: {rank: 8}}`), for listings.
    public var flowText: String {
        switch value {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .list(let items): return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        }
    }

    /// A short rendering for messages after the type name: a scalar's text (`'abc'`, `3`), a
    /// list's length, a mapping's keys.
    public var shortText: String {
        switch value {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return "'\(s)'"
        case .list(let items): return "of \(items.count) item\(items.count == 1 ? "" : "s")"
        case .map(let entries): return entries.isEmpty ? "with no keys" : "with keys " + entries.map(\.key).joined(separator: ", ")
        }
    }

    /// The value as a plain JSON-compatible object (mappings keep no order here).
    public var json: Any {
        switch value {
        case .null: return NSNull()
        case .bool(let b): return b
        case .int(let i): return i
        case .double(let d): return d
        case .string(let s): return s
        case .list(let l): return l.map(\.json)
        case .map(let m): return Dictionary(m.map { ($0.key, $0.value.json) }, uniquingKeysWith: { a, _ in a })
        }
    }
}

extension SuiteNode {
    /// Parses YAML text; `file` names it in locations. Syntax errors and duplicate keys
    /// become `SuiteError`s with the position libyaml reports.
    public static func parse(yaml: String, file: String) throws -> SuiteNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw SuiteError.yaml(error, file: file)
        }
        guard let root else {
            throw SuiteError(at: SourceLocation(file: file, line: 1, column: 1), key: "", "the suite is empty; it needs at least name, task and model")
        }
        return try convert(root, file: file)
    }

    /// Parses a single command-line value as YAML (so `1e-3` is a number, `true` a boolean).
    static func parseScalar(_ text: String, location: SourceLocation) -> SuiteNode {
        guard let node = try? Yams.compose(yaml: text), let converted = try? convert(node, file: location.file) else {
            return SuiteNode(.string(text), at: location)
        }
        return converted.relocated(to: location)
    }

    private func relocated(to location: SourceLocation) -> SuiteNode {
        switch value {
        case .list(let l): return SuiteNode(.list(l.map { $0.relocated(to: location) }), at: location)
        case .map(let m):
            return SuiteNode(.map(m.map { SuiteEntry(key: $0.key, keyLocation: location, value: $0.value.relocated(to: location)) }), at: location)
        default: return SuiteNode(value, at: location)
        }
    }

    private static func convert(_ node: Node, file: String) throws -> SuiteNode {
        let at = SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain { return SuiteNode(.string(scalar.string), at: at) }
            if let i = node.int { return SuiteNode(.int(i), at: at) }
            // YAML spells non-finite numbers .nan and .inf; a bare `nan` is a word.
            if let d = node.float, d.isFinite || scalar.string.contains(".") { return SuiteNode(.double(d), at: at) }
            if let b = node.bool { return SuiteNode(.bool(b), at: at) }
            if node.null != nil { return SuiteNode(.null, at: at) }
            return SuiteNode(.string(scalar.string), at: at)
        case .sequence(let seq):
            return SuiteNode(.list(try seq.map { try convert($0, file: file) }), at: at)
        case .mapping(let mapping):
            var entries: [SuiteEntry] = []
            for (k, v) in mapping {
                let keyAt = SourceLocation(file: file, line: k.mark?.line ?? 0, column: k.mark?.column ?? 0)
                guard case .scalar(let ks) = k else {
                    throw SuiteError(at: keyAt, key: "", "mapping keys must be plain names, not \(k.mapping != nil ? "a mapping" : "a list")")
                }
                if entries.contains(where: { $0.key == ks.string }) {
                    throw SuiteError(at: keyAt, key: ks.string, "duplicate key '\(ks.string)' (each key may appear once in a mapping)")
                }
                entries.append(SuiteEntry(key: ks.string, keyLocation: keyAt, value: try convert(v, file: file)))
            }
            return SuiteNode(.map(entries), at: at)
        case .alias:
            return SuiteNode(.null, at: at)
        }
    }
}
