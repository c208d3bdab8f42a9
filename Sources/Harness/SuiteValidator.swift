import Configuration
import Reports
import Tasks
import Variants

/// Checks a suite document against `SuiteSchema`: unknown keys (with the nearest valid
/// one), missing required keys, types, ranges, allowed values, registry ids and task ids.
/// The first problem is thrown as a `SuiteError` at the offending key or value.
///
/// Checking a variant resolves it (its parameters with their defaults), so a check returns the
/// variants it met by dotted key (`model.norm`, `model.arch[0]`, `compression[1][0]`) and spec
/// decoding reads them instead of asking the registry again.
public enum SuiteValidator {
    /// Validates the whole document; returns its variants, with the schema's default variant
    /// for each variant key a section leaves out.
    @discardableResult
    public static func validate(_ document: SuiteNode) throws -> [String: VariantSpec] {
        try refuseControlCharacters(document, key: "")
        return try check(document, .object(SuiteSchema.root), key: "")
    }

    /// Keys and string values that hold a control character (`Escaping.isControl`: a newline,
    /// an escape sequence, a bidirectional override) are refused wherever they are, since any
    /// name a suite defines may reach a report, a gnuplot script or a terminal. The free-text
    /// `description` may hold line breaks and tabs.
    static func refuseControlCharacters(_ node: SuiteNode, key: String) throws {
        func join(_ k: String) -> String { key.isEmpty ? k : key + "." + k }
        switch node.value {
        case .string(let s):
            let allowed: Set<Unicode.Scalar> = key == "description" ? ["\n", "\r", "\t"] : []
            if let c = s.unicodeScalars.first(where: { Escaping.isControl($0) && !allowed.contains($0) }) {
                throw SuiteError(at: node.location, key: key, "the value '\(Escaping.visible(s))' holds a control character "
                                 + "(\(Escaping.visible(String(c)))); names and values must be printable")
            }
        case .list(let items):
            for (i, item) in items.enumerated() { try refuseControlCharacters(item, key: "\(key)[\(i)]") }
        case .map(let entries):
            for e in entries {
                if Escaping.containsControl(e.key) {
                    throw SuiteError(at: e.keyLocation, key: join(Escaping.visible(e.key)), "the key holds a control character; keys must be printable")
                }
                try refuseControlCharacters(e.value, key: join(e.key))
            }
        case .null, .bool, .int, .double:
            return
        }
    }

    /// Validates `node` against `type`; `key` is its dotted path for messages and for the
    /// variants returned.
    @discardableResult
    public static func check(_ node: SuiteNode, _ type: SchemaType, key: String) throws -> [String: VariantSpec] {
        var variants: [String: VariantSpec] = [:]
        try check(node, type, key: key, into: &variants)
        return variants
    }

    private static func check(_ node: SuiteNode, _ type: SchemaType, key: String, into variants: inout [String: VariantSpec]) throws {
        func fail(_ message: String, allowed: String? = nil, suggestion: String? = nil) -> SuiteError {
            SuiteError(at: node.location, key: key, message, allowed: allowed, suggestion: suggestion)
        }
        func join(_ k: String) -> String { key.isEmpty ? k : key + "." + k }
        switch type {
        case .any:
            return
        case .string(let choices):
            guard case .string(let s) = node.value else { throw fail("expected a string, found \(node.typeName) \(node.shortText)") }
            if let choices, !choices.contains(s) {
                throw fail("'\(s)' is not allowed", allowed: choices.joined(separator: ", "), suggestion: Nearest.match(s, in: choices))
            }
        case .integer(let lo, let hi):
            let allowed = "an integer" + rangeText(lo.map(Double.init), hi.map(Double.init), integer: true)
            let v: Int
            switch node.value {
            case .int(let i): v = i
            case .double(let d) where d == d.rounded() && abs(d) < 9e15: v = Int(d)
            default: throw fail("expected an integer, found \(node.typeName) \(node.shortText)", allowed: allowed)
            }
            if let lo, v < lo { throw fail("\(v) is out of range", allowed: allowed) }
            if let hi, v > hi { throw fail("\(v) is out of range", allowed: allowed) }
        case .number(let lo, let hi, let exclusive):
            let allowed = "a number" + rangeText(lo, hi, integer: false, exclusive: exclusive)
            let v: Double
            switch node.value {
            case .int(let i): v = Double(i)
            case .double(let d): v = d
            default: throw fail("expected a number, found \(node.typeName) \(node.shortText)", allowed: allowed)
            }
            if !v.isFinite { throw fail("\(v) is not a finite number", allowed: allowed) }
            if let lo, v < lo || (exclusive && v == lo) { throw fail("\(v) is out of range", allowed: allowed) }
            if let hi, v > hi { throw fail("\(v) is out of range", allowed: allowed) }
        case .boolean:
            guard case .bool = node.value else { throw fail("expected true or false, found \(node.typeName) \(node.shortText)") }
        case .object(let fields):
            guard case .map(let entries) = node.value else { throw fail("expected a mapping, found \(node.typeName) \(node.shortText)") }
            let names = fields.map(\.name)
            for e in entries {
                guard let f = fields.first(where: { $0.name == e.key }) else {
                    throw SuiteError(at: e.keyLocation, key: join(e.key), "unknown key '\(e.key)'",
                                     allowed: names.joined(separator: ", "), suggestion: Nearest.match(e.key, in: names))
                }
                try check(e.value, f.type, key: join(f.name), into: &variants)
            }
            for f in fields where f.required && !entries.contains(where: { $0.key == f.name }) {
                throw fail("missing required key '\(f.name)' (\(f.summary))")
            }
            for f in fields where !entries.contains(where: { $0.key == f.name }) {
                if case .variant = f.type, case .string(let id)? = f.defaultValue {
                    try check(SuiteNode(.string(id), at: node.location), f.type, key: join(f.name), into: &variants)
                }
            }
        case .map(let inner):
            guard case .map(let entries) = node.value else { throw fail("expected a mapping, found \(node.typeName) \(node.shortText)") }
            for e in entries { try check(e.value, inner, key: join(e.key), into: &variants) }
        case .list(let inner, let minItems, let count):
            guard case .list(let items) = node.value else { throw fail("expected a list, found \(node.typeName) \(node.shortText)") }
            if items.count < minItems {
                throw fail(items.isEmpty ? "empty list; at least \(minItems) value\(minItems == 1 ? " is" : "s are") needed" : "too few values (\(items.count))")
            }
            if let count, items.count != count { throw fail("expected exactly \(count) values, found \(items.count)") }
            for (i, item) in items.enumerated() { try check(item, inner, key: "\(key)[\(i)]", into: &variants) }
        case .variant(let family):
            let (id, idNode, params) = try variantParts(node, key: key)
            let ids = Registry.ids(in: family)
            guard Registry.descriptor(id) != nil else {
                throw SuiteError(at: idNode.location, key: key, "unknown \(family.rawValue).* variant '\(id)'",
                                 allowed: ids.isEmpty ? "(none registered yet)" : ids.joined(separator: ", "),
                                 suggestion: Registry.suggestion(for: id, in: family))
            }
            do {
                let resolved = try Registry.validate(key: key, id: id, parameters: params?.parameters ?? [:], family: family)
                let revision = resolved.descriptor.revision
                variants[key] = VariantSpec(id: id, params: resolved.recordedValues.mapValues(SpecValue.init),
                                            revision: revision > 0 ? revision : nil)
            } catch RegistryError.wrongFamily(_, _, _, let allowed) {
                throw SuiteError(at: idNode.location, key: key, "'\(id)' is not a \(family.rawValue).* variant",
                                 allowed: allowed.joined(separator: ", "))
            } catch RegistryError.parameter(_, let error) {
                throw parameterError(error, key: join("params"), params: params?.node ?? node)
            }
        case .task:
            guard case .string(let id) = node.value else { throw fail("expected a task id string, found \(node.typeName)") }
            guard TaskCatalog.ids.contains(id) else {
                throw fail("unknown task '\(id)'", allowed: TaskCatalog.ids.joined(separator: ", "), suggestion: TaskCatalog.suggestion(for: id))
            }
        case .oneOf(let options):
            var first: SuiteError?
            for option in options {
                var tried = variants
                do {
                    try check(node, option, key: key, into: &tried)
                    variants = tried
                    return
                } catch let e as SuiteError { first = first ?? e }
            }
            throw first!
        }
    }

    /// The id node, id and parameters of a variant written as `id` or `{id, params}`.
    static func variantParts(_ node: SuiteNode, key: String) throws -> (String, SuiteNode, (parameters: [String: ParameterValue], node: SuiteNode)?) {
        switch node.value {
        case .string(let id):
            return (id, node, nil)
        case .map(let entries):
            for e in entries where e.key != "id" && e.key != "params" {
                throw SuiteError(at: e.keyLocation, key: key + "." + e.key, "unknown key '\(e.key)' in a variant", allowed: "id, params",
                                 suggestion: Nearest.match(e.key, in: ["id", "params"]))
            }
            guard let idNode = node["id"], case .string(let id) = idNode.value else {
                throw SuiteError(at: node.location, key: key, "a variant needs an 'id' string", allowed: "id: family.name, params: {…}")
            }
            guard let p = node["params"] else { return (id, idNode, nil) }
            return (id, idNode, (try parameterValues(p, key: key + ".params"), p))
        default:
            throw SuiteError(at: node.location, key: key, "expected a variant id or {id, params}, found \(node.typeName) \(node.shortText)")
        }
    }

    /// A `params:` mapping as typed parameter values (scalars only).
    static func parameterValues(_ node: SuiteNode, key: String) throws -> [String: ParameterValue] {
        guard case .map(let entries) = node.value else {
            throw SuiteError(at: node.location, key: key, "expected a mapping of parameters, found \(node.typeName)")
        }
        var out: [String: ParameterValue] = [:]
        for e in entries {
            switch e.value.value {
            case .int(let i): out[e.key] = .int(i)
            case .double(let d): out[e.key] = .double(d)
            case .bool(let b): out[e.key] = .bool(b)
            case .string(let s): out[e.key] = .string(s)
            default:
                throw SuiteError(at: e.value.location, key: key + "." + e.key, "a parameter must be a number, boolean or string, found \(e.value.typeName)")
            }
        }
        return out
    }

    /// A parameter error of a variant or task, placed at the parameter's key or value.
    static func parameterError(_ error: ParameterError, key: String, params: SuiteNode) -> SuiteError {
        switch error {
        case .unknownParameter(let owner, let name, let suggestion, let allowed):
            let at = params.entries.first { $0.key == name }?.keyLocation ?? params.location
            return SuiteError(at: at, key: key + "." + name, "\(owner) has no parameter '\(name)'",
                              allowed: allowed.joined(separator: ", "), suggestion: suggestion)
        case .invalidParameterValue(let owner, let name, let value, let allowed):
            let at = params[name]?.location ?? params.location
            return SuiteError(at: at, key: key + "." + name, "\(owner) does not allow '\(value)'", allowed: allowed)
        }
    }

    private static func rangeText(_ lo: Double?, _ hi: Double?, integer: Bool, exclusive: Bool = false) -> String {
        func f(_ v: Double) -> String { integer ? String(Int(v)) : String(v) }
        switch (lo, hi) {
        case let (l?, h?): return " in \(f(l))...\(f(h))" + (exclusive ? " (above \(f(l)))" : "")
        case let (l?, nil): return exclusive ? " > \(f(l))" : " ≥ \(f(l))"
        case let (nil, h?): return " ≤ \(f(h))"
        default: return ""
        }
    }
}
