import Configuration
import Foundation
import Metrics

/// A catalogue entry: what a task id is, its typed parameters, its metrics, where its data
/// comes from, and how to build an instance.
public struct TaskDescriptor: Sendable {
    public let id: String
    public let summary: String
    /// The kind of model it trains.
    public let family: TaskFamily
    public let parameters: [ParameterSpec]
    /// Every metric the task can report (an instance may report a subset, e.g. the
    /// `*_beyond_train` metrics only when the test split is longer than training).
    public let metrics: [MetricSpec]
    public let dataSource: String
    let make: @Sendable (ParameterValues, UInt64) throws -> any AblateTask

    public init(id: String, summary: String, family: TaskFamily, parameters: [ParameterSpec],
                metrics: [MetricSpec], dataSource: String,
                make: @escaping @Sendable (ParameterValues, UInt64) throws -> any AblateTask) {
        self.id = id
        self.summary = summary
        self.family = family
        self.parameters = parameters
        self.metrics = metrics
        self.dataSource = dataSource
        self.make = make
    }

    /// Validates `parameters` (unknown keys, types, ranges) and fills in the defaults.
    public func resolve(_ parameters: [String: ParameterValue]) throws -> ParameterValues {
        try ParameterValues(specs: self.parameters, given: parameters, owner: id)
    }

    /// Builds the task (generating or loading its data).
    public func instantiate(_ parameters: [String: ParameterValue] = [:], seed: UInt64) throws -> any AblateTask {
        try make(resolve(parameters), seed)
    }
}

/// The catalogue of every task a suite can name: one explicit list, no reflection.
public enum TaskCatalog {
    public static let all: [TaskDescriptor] = [
        IDXClassificationTask.fashionDescriptor,
        IDXClassificationTask.mnistIDXDescriptor,
        TextBytesTask.descriptor,
        ModularArithmeticTask.descriptor,
        AssociativeRecallGenerator.descriptor,
        CopyGenerator.descriptor,
        SortGenerator.descriptor,
        ParityGenerator.descriptor,
        PermutationTask.descriptor,
        AdditionGenerator.descriptor,
    ]

    public static var ids: [String] { all.map(\.id) }

    /// The nearest catalogue id to `id` (also trying it with the `task.` prefix).
    public static func suggestion(for id: String) -> String? {
        if !id.hasPrefix("task."), ids.contains("task." + id) { return "task." + id }
        return Nearest.match(id, in: ids) ?? Nearest.match("task." + id, in: ids)
    }

    /// The entry for `id`, or an error naming the nearest id.
    public static func descriptor(_ id: String) throws -> TaskDescriptor {
        if let d = all.first(where: { $0.id == id }) { return d }
        throw TaskError.unknownTask(id: id, suggestion: suggestion(for: id))
    }

    /// Validates the id and parameters and builds the task.
    public static func make(_ id: String, parameters: [String: ParameterValue] = [:], seed: UInt64) throws
        -> any AblateTask
    {
        try descriptor(id).instantiate(parameters, seed: seed)
    }
}
