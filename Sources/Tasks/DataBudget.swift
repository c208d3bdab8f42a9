/// What the training split holds: exactly `amount` examples (or tokens) are trained on.
public struct DataBudget: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Sendable { case examples, tokens }
    public let unit: Unit
    /// Exactly what the training stream draws from.
    public let amount: Int
    /// The most the task could provide with these parameters.
    public let available: Int

    public var description: String { "\(amount) training \(unit.rawValue) (of \(available) available)" }
}
