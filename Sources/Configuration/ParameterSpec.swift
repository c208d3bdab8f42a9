import Foundation

/// A parameter value as a suite, a command line or the catalogue gives it.
public enum ParameterValue: Hashable, Sendable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)

    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return String(v)
        case .bool(let v): return String(v)
        case .string(let v): return v
        }
    }

    /// The value as JSON-compatible Foundation object.
    public var jsonObject: Any {
        switch self {
        case .int(let v): return v
        case .double(let v): return v
        case .bool(let v): return v
        case .string(let v): return v
        }
    }
}

/// The type of a parameter.
public enum ParameterType: String, Sendable, CaseIterable {
    case int, double, bool, string, choice, path
}

/// One typed parameter of a task or a variant: name, type, default,
/// what is allowed, unit and a one-line summary.
public struct ParameterSpec: Sendable, Hashable {
    public let name: String
    public let type: ParameterType
    /// The value a parameter left out takes; nil for an optional parameter, which resolution
    /// leaves out, so adding one changes no resolved spec (nor any stored trial's key).
    public let defaultValue: ParameterValue?
    /// Inclusive bounds for `int` and `double` parameters.
    public let minimum: Double?
    public let maximum: Double?
    /// The allowed values of a `choice` parameter.
    public let choices: [String]
    public let unit: String?
    public let summary: String
    /// Whether trial specs leave the parameter out while it is at its default (`omittedAtDefault()`).
    public private(set) var isOmittedAtDefault = false

    public init(_ name: String, _ type: ParameterType, default defaultValue: ParameterValue?,
                min minimum: Double? = nil, max maximum: Double? = nil, choices: [String] = [],
                unit: String? = nil, summary: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.minimum = minimum
        self.maximum = maximum
        self.choices = choices
        self.unit = unit
        self.summary = summary
    }

    public static func int(_ name: String, default value: Int, in range: ClosedRange<Int>,
                           unit: String? = nil, _ summary: String) -> ParameterSpec {
        ParameterSpec(name, .int, default: .int(value), min: Double(range.lowerBound),
                      max: Double(range.upperBound), unit: unit, summary: summary)
    }

    public static func double(_ name: String, default value: Double, in range: ClosedRange<Double>,
                              unit: String? = nil, _ summary: String) -> ParameterSpec {
        ParameterSpec(name, .double, default: .double(value), min: range.lowerBound,
                      max: range.upperBound, unit: unit, summary: summary)
    }

    /// An optional number: unset unless given (the summary says what stands in for it).
    public static func optionalDouble(_ name: String, in range: ClosedRange<Double>,
                                      unit: String? = nil, _ summary: String) -> ParameterSpec {
        ParameterSpec(name, .double, default: nil, min: range.lowerBound, max: range.upperBound, unit: unit, summary: summary)
    }

    public static func bool(_ name: String, default value: Bool, _ summary: String) -> ParameterSpec {
        ParameterSpec(name, .bool, default: .bool(value), summary: summary)
    }

    public static func choice(_ name: String, default value: String, _ choices: [String],
                              _ summary: String) -> ParameterSpec {
        ParameterSpec(name, .choice, default: .string(value), choices: choices, summary: summary)
    }

    public static func path(_ name: String, default value: String, _ summary: String) -> ParameterSpec {
        ParameterSpec(name, .path, default: .string(value), summary: summary)
    }

    public static func string(_ name: String, default value: String, _ summary: String) -> ParameterSpec {
        ParameterSpec(name, .string, default: .string(value), summary: summary)
    }

    /// This parameter, left out of trial specs while at its default: for a parameter added to a
    /// variant after trials of it were stored, so that their content keys stay as they were.
    public func omittedAtDefault() -> ParameterSpec {
        var spec = self
        spec.isOmittedAtDefault = true
        return spec
    }

    /// Whether a trial spec records `value` (validated) for this parameter.
    public func isRecorded(_ value: ParameterValue) -> Bool { !isOmittedAtDefault || value != defaultValue }

    /// The default as listings show it: `""` for an empty string, "unset" for an optional parameter.
    public var defaultDescription: String {
        guard let defaultValue else { return "unset" }
        return defaultValue.description.isEmpty ? "\"\"" : defaultValue.description
    }

    /// What is allowed, in words: "an integer in 1...64", "one of +, -, *, /".
    public var allowedDescription: String {
        switch type {
        case .int:
            return "an integer in \(Self.format(minimum, int: true))...\(Self.format(maximum, int: true))"
        case .double:
            return "a number in \(Self.format(minimum, int: false))...\(Self.format(maximum, int: false))"
        case .bool:
            return "true or false"
        case .choice:
            return "one of " + choices.joined(separator: ", ")
        case .string:
            return "a string"
        case .path:
            return "a file or folder path"
        }
    }

    private static func format(_ v: Double?, int: Bool) -> String {
        guard let v else { return "" }
        return int ? String(Int(v)) : String(v)
    }

    /// Checks (and coerces) one value: an integer is accepted for a `double`, and a string
    /// (from a command line `key=value`) is parsed for every type.
    public func validate(_ value: ParameterValue, owner: String) throws -> ParameterValue {
        func bad() -> ParameterError {
            .invalidParameterValue(owner: owner, key: name, value: value.description, allowed: allowedDescription)
        }
        switch type {
        case .int:
            let v: Int
            switch value {
            case .int(let x): v = x
            case .double(let x) where x.rounded() == x && abs(x) < 9e15: v = Int(x)
            case .string(let s): guard let x = Int(s.trimmingCharacters(in: .whitespaces)) else { throw bad() }; v = x
            default: throw bad()
            }
            if let lo = minimum, Double(v) < lo { throw bad() }
            if let hi = maximum, Double(v) > hi { throw bad() }
            return .int(v)
        case .double:
            let v: Double
            switch value {
            case .int(let x): v = Double(x)
            case .double(let x): v = x
            case .string(let s): guard let x = Double(s.trimmingCharacters(in: .whitespaces)) else { throw bad() }; v = x
            default: throw bad()
            }
            if !v.isFinite { throw bad() }
            if let lo = minimum, v < lo { throw bad() }
            if let hi = maximum, v > hi { throw bad() }
            return .double(v)
        case .bool:
            switch value {
            case .bool(let b): return .bool(b)
            case .string(let s):
                switch s.lowercased() {
                case "true", "yes", "1": return .bool(true)
                case "false", "no", "0": return .bool(false)
                default: throw bad()
                }
            default: throw bad()
            }
        case .choice:
            let s = value.description
            guard choices.contains(s) else {
                if let near = Nearest.match(s, in: choices) {
                    throw ParameterError.invalidParameterValue(
                        owner: owner, key: name, value: s,
                        allowed: allowedDescription + " (did you mean \(near)?)")
                }
                throw bad()
            }
            return .string(s)
        case .string, .path:
            guard case .string(let s) = value else { throw bad() }
            return .string(s)
        }
    }
}

/// Parameter values resolved against their specs: every spec has a value of its type.
public struct ParameterValues: Sendable, Hashable, CustomStringConvertible {
    public let values: [String: ParameterValue]

    /// Validates `given` against `specs`: unknown keys and bad values are errors that name the
    /// owner and key; missing keys take their defaults (optional ones stay missing).
    public init(specs: [ParameterSpec], given: [String: ParameterValue], owner: String) throws {
        let names = specs.map(\.name)
        for key in given.keys.sorted() where !names.contains(key) {
            throw ParameterError.unknownParameter(owner: owner, key: key, suggestion: Nearest.match(key, in: names),
                                             allowed: names)
        }
        var resolved: [String: ParameterValue] = [:]
        for spec in specs {
            guard let value = given[spec.name] ?? spec.defaultValue else { continue }
            resolved[spec.name] = try spec.validate(value, owner: owner)
        }
        values = resolved
    }

    public subscript(_ name: String) -> ParameterValue? { values[name] }

    public func int(_ name: String) -> Int {
        guard case .int(let v)? = values[name] else { preconditionFailure("no int parameter \(name)") }
        return v
    }

    public func double(_ name: String) -> Double {
        switch values[name] {
        case .double(let v)?: return v
        case .int(let v)?: return Double(v)
        default: preconditionFailure("no double parameter \(name)")
        }
    }

    /// An optional number's value, or `fallback` when it was left unset.
    public func double(_ name: String, unset fallback: Double) -> Double {
        values[name] == nil ? fallback : double(name)
    }

    public func bool(_ name: String) -> Bool {
        guard case .bool(let v)? = values[name] else { preconditionFailure("no bool parameter \(name)") }
        return v
    }

    public func string(_ name: String) -> String {
        guard case .string(let v)? = values[name] else { preconditionFailure("no string parameter \(name)") }
        return v
    }

    /// `key=value` pairs in key order (a stable, canonical form).
    public var description: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: " ")
    }
}

/// The nearest name by edit distance, for "did you mean …?".
public enum Nearest {
    /// The candidate closest to `name`, if it is close enough to be a plausible typo.
    public static func match(_ name: String, in candidates: [String]) -> String? {
        let lower = name.lowercased()
        var best: (String, Int)?
        for c in candidates {
            let d = distance(lower, c.lowercased())
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (c, d) = best else { return nil }
        // Accept up to about a third of the longer name's length as typos.
        let limit = max(2, max(lower.count, c.count) / 3)
        return d <= limit ? c : nil
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
