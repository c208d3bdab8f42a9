import Foundation
import Tasks
import Variants

extension SuiteSchema {
    /// The suite format as a JSON Schema (draft 2020-12), generated from the same field
    /// definitions the validator uses, with registry ids and task ids as enums.
    public static var jsonSchema: [String: Any] {
        var schema = object(root)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "Ablate suite"
        return schema
    }

    /// The JSON Schema as pretty-printed text with sorted keys.
    public static var jsonSchemaText: String {
        let data = try! JSONSerialization.data(withJSONObject: jsonSchema, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    private static func object(_ fields: [SchemaField]) -> [String: Any] {
        var properties: [String: Any] = [:]
        for f in fields {
            var p = json(f.type)
            p["description"] = f.summary
            if let d = f.defaultValue { p["default"] = d.jsonObject }
            properties[f.name] = p
        }
        var o: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
        let required = fields.filter(\.required).map(\.name)
        if !required.isEmpty { o["required"] = required }
        return o
    }

    static func json(_ type: SchemaType) -> [String: Any] {
        switch type {
        case .any: return [:]
        case .string(let choices):
            var o: [String: Any] = ["type": "string"]
            if let choices { o["enum"] = choices }
            return o
        case .integer(let lo, let hi):
            var o: [String: Any] = ["type": "integer"]
            if let lo { o["minimum"] = lo }
            if let hi { o["maximum"] = hi }
            return o
        case .number(let lo, let hi, let exclusive):
            var o: [String: Any] = ["type": "number"]
            if let lo { o[exclusive ? "exclusiveMinimum" : "minimum"] = lo }
            if let hi { o["maximum"] = hi }
            return o
        case .boolean: return ["type": "boolean"]
        case .object(let fields): return object(fields)
        case .map(let inner): return ["type": "object", "additionalProperties": json(inner)]
        case .list(let inner, let minItems, let count):
            var o: [String: Any] = ["type": "array", "items": json(inner)]
            if minItems > 0 { o["minItems"] = minItems }
            if let count { o["minItems"] = count; o["maxItems"] = count }
            return o
        case .variant(let family):
            let ids = Registry.ids(in: family)
            let id: [String: Any] = ids.isEmpty ? ["type": "string", "pattern": "^\(family.rawValue)\\."] : ["type": "string", "enum": ids]
            return ["oneOf": [id, ["type": "object", "properties": ["id": id, "params": ["type": "object"]],
                                   "required": ["id"], "additionalProperties": false]]]
        case .task: return ["type": "string", "enum": TaskCatalog.ids]
        case .oneOf(let options): return ["oneOf": options.map(json)]
        }
    }
}
