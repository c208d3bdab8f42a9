/// Running means of named statistics over forward passes: what an `InternalsReporting`
/// layer keeps between `takeInternals` calls.
public struct InternalsAverage: Sendable {
    private var sums: [String: Double] = [:]
    private var counts: [String: Int] = [:]

    public init() {}

    /// Adds one forward pass's value of `name`; nil or non-finite (undefined in that pass) is skipped.
    public mutating func add(_ name: String, _ value: Double?) {
        guard let value, value.isFinite else { return }
        sums[name, default: 0] += value
        counts[name, default: 0] += 1
    }

    /// The mean of each statistic over the passes that defined it; then empties.
    public mutating func take() -> [String: Double] {
        defer { self = InternalsAverage() }
        return sums.reduce(into: [:]) { means, entry in means[entry.key] = entry.value / Double(counts[entry.key]!) }
    }
}
