import Configuration

/// One mapping of a schema-valid suite document read through its schema fields: an absent key
/// takes the field's default, so every default is written once, in `SuiteSchema`.
struct SchemaSection {
    let name: String
    let fields: [SchemaField]
    /// The mapping as written, nil when the suite leaves the section out.
    let node: SuiteNode?
    /// Where defaults are placed: the mapping, or the document when it is absent.
    let location: SourceLocation

    /// The top-level section `name` of `document`.
    init(_ name: String, of document: SuiteNode, _ fields: [SchemaField]) {
        self.name = name
        self.fields = fields
        node = document[name]
        location = (node ?? document).location
    }

    /// A mapping read as it is (the document itself, a `fits:` entry, `sweep.random`).
    init(_ name: String, mapping: SuiteNode, _ fields: [SchemaField]) {
        self.name = name
        self.fields = fields
        node = mapping
        location = mapping.location
    }

    /// The node of `key`: as written, or the schema's default placed at the section.
    func node(_ key: String) -> SuiteNode {
        if let given = node?[key] { return given }
        guard let value = fields.first(where: { $0.name == key })?.defaultValue else {
            preconditionFailure("\(name).\(key) has no default in SuiteSchema")
        }
        switch value {
        case .int(let i): return SuiteNode(.int(i), at: location)
        case .double(let d): return SuiteNode(.double(d), at: location)
        case .bool(let b): return SuiteNode(.bool(b), at: location)
        case .string(let s): return SuiteNode(.string(s), at: location)
        }
    }

    func int(_ key: String) -> Int {
        Self.integer(node(key), "\(name).\(key)")
    }

    /// The integer `key` when the mapping gives it (a key without a default).
    func givenInt(_ key: String) -> Int? {
        node?[key].map { Self.integer($0, "\(name).\(key)") }
    }

    /// A schema-checked integer node: an integral number such as `1e3` reads as the integer.
    static func integer(_ node: SuiteNode, _ key: String) -> Int {
        switch node.value {
        case .int(let i): return i
        case .double(let d): return Int(d)
        default: preconditionFailure("schema checked \(key)")
        }
    }

    func double(_ key: String) -> Double {
        switch node(key).value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: preconditionFailure("schema checked \(name).\(key)")
        }
    }

    func bool(_ key: String) -> Bool {
        guard case .bool(let b) = node(key).value else { preconditionFailure("schema checked \(name).\(key)") }
        return b
    }

    func string(_ key: String) -> String {
        guard case .string(let s) = node(key).value else { preconditionFailure("schema checked \(name).\(key)") }
        return s
    }

    /// The string `key` when the mapping gives it (a key without a default).
    func givenString(_ key: String) -> String? {
        guard let given = node?[key] else { return nil }
        guard case .string(let s) = given.value else { preconditionFailure("schema checked \(name).\(key)") }
        return s
    }

    func choice<Choice: RawRepresentable>(_ key: String) -> Choice where Choice.RawValue == String {
        guard case .string(let s) = node(key).value, let choice = Choice(rawValue: s) else {
            preconditionFailure("schema checked \(name).\(key)")
        }
        return choice
    }
}
