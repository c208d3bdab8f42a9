import Configuration

/// A variant chosen by id with its parameters checked against the descriptor.
public struct ResolvedVariant {
    public let descriptor: VariantDescriptor
    public let values: ParameterValues

    /// The values a trial spec records: all but those left out at their default.
    public var recordedValues: [String: ParameterValue] {
        values.values.filter { name, value in descriptor.parameters.first { $0.name == name }?.isRecorded(value) ?? true }
    }
}

extension Registry {
    /// The ids of `family` (or all ids), in registry order.
    public static func ids(in family: VariantFamily? = nil) -> [String] {
        all.filter { family == nil || $0.family == family }.map(\.id)
    }

    /// The registered id nearest to `id` by edit distance, also trying `id` as the bare
    /// name inside `family` ("rmsnrom" → norm.rmsnorm); nil when nothing is close.
    public static func suggestion(for id: String, in family: VariantFamily? = nil) -> String? {
        let candidates = ids(in: family)
        if let near = Nearest.match(id, in: candidates) { return near }
        let bare = String(id.split(separator: ".").last ?? Substring(id))
        let names = candidates.map { String($0.split(separator: ".", maxSplits: 1).last ?? "") }
        guard let name = Nearest.match(bare, in: names), let i = names.firstIndex(of: name) else { return nil }
        return candidates[i]
    }

    /// Validates the configuration `key: id` with `parameters`: the id must be registered
    /// (and of `family` when given) and every parameter known and allowed. Errors name `key`.
    public static func validate(key: String, id: String, parameters: [String: ParameterValue] = [:],
                                family: VariantFamily? = nil) throws -> ResolvedVariant {
        guard let d = descriptor(id) else {
            throw RegistryError.unknownVariant(key: key, id: id, suggestion: suggestion(for: id, in: family),
                                               allowed: ids(in: family))
        }
        if let family, d.family != family {
            throw RegistryError.wrongFamily(key: key, id: id, expected: family, allowed: ids(in: family))
        }
        do {
            return ResolvedVariant(descriptor: d, values: try d.resolve(parameters))
        } catch let error as ParameterError {
            throw RegistryError.parameter(key: key, error)
        }
    }
}
