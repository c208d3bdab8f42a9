/// The three splits of every task.
public enum DataSplit: String, Sendable, CaseIterable, Codable {
    case train, validation, test
}
