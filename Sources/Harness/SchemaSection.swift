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

    init(_ name: String, of document: SuiteNode, _ fields: [SchemaField]) {
        self.name = name
        self.fields = fields
        node = document[name]
        location = (node ?? document).location
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
        switch node(key).value {
        case .int(let i): return i
        case .double(let d): return Int(d)
        default: preconditionFailure("schema checked \(name).\(key)")
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

    func choice<Choice: RawRepresentable>(_ key: String) -> Choice where Choice.RawValue == String {
        guard case .string(let s) = node(key).value, let choice = Choice(rawValue: s) else {
            preconditionFailure("schema checked \(name).\(key)")
        }
        return choice
    }
}
