import Configuration
import Metrics

/// One task instance: its parameters resolved, its data generated or loaded, ready to stream.
/// Named so as not to clash with Swift Concurrency's `Task`.
public protocol AblateTask: AnyObject, Sendable {
    /// The catalogue id, e.g. `task.copy`.
    var id: String { get }
    /// The resolved parameters.
    var parameters: ParameterValues { get }
    /// The data seed: the same seed and parameters give the same examples in every split.
    var seed: UInt64 { get }
    var kind: TaskKind { get }
    /// The metrics this instance reports, in order.
    var metrics: [MetricSpec] { get }
    var budget: DataBudget { get }
    /// Where the data comes from (a generator or files).
    var dataSource: String { get }
    /// The number of examples in a split. `count(.train)` is the budgeted training set.
    func count(_ split: DataSplit) -> Int
}
