import Configuration

/// A variant picked by id with its (not yet validated) parameters, as a suite names it.
public struct VariantChoice: Hashable, Sendable {
    public var id: String
    public var parameters: [String: ParameterValue]

    public init(_ id: String, _ parameters: [String: ParameterValue] = [:]) {
        self.id = id
        self.parameters = parameters
    }
}
