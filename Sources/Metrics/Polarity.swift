/// Which direction of a metric is better.
public enum Polarity: String, Sendable, Codable {
    case lowerIsBetter = "lower"
    case higherIsBetter = "higher"
    /// A descriptive quantity (parameter count, steps): a change is reported, never judged.
    case neutral
}
