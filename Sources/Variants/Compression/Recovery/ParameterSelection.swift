import NN

/// The parameters of a model that satisfy a predicate, as a `ParameterVisitable` of their
/// own (same names, same `Parameter` objects), so that a `ParameterSet` and an optimizer can
/// train just them while the rest stays as it is.
public final class ParameterSelection: ParameterVisitable {
    /// The chosen (name, parameter) pairs in the model's visiting order, shared ones once.
    public let entries: [(name: String, parameter: Parameter)]

    /// The parameters of `model` for which `include(name, parameter)` holds.
    public init(_ model: ParameterVisitable, where include: (String, Parameter) -> Bool) {
        var seen = Set<ObjectIdentifier>()
        var chosen: [(name: String, parameter: Parameter)] = []
        model.visitParameters(prefix: "") { name, p in
            if seen.insert(ObjectIdentifier(p)).inserted, include(name, p) { chosen.append((name: name, parameter: p)) }
        }
        entries = chosen
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        for (name, p) in entries { visit(qualified(prefix, name), p) }
    }
}
