import Configuration
import Foundation
import Metrics
import Tensor

/// `task.sort`: n integers from [0, V), a separator, then the same integers in ascending order.
public struct SortGenerator: SequenceGenerator {
    public static let id = "task.sort"
    public let length: Int
    public let values: Int
    public let repeats: Bool
    public var separator: Int32 { Int32(values) }
    public var padToken: Int32 { Int32(values + 1) }
    public var vocabSize: Int { values + 2 }
    public var trainMaxSize: Int { length }
    public var testsLongerThanTraining: Bool { false }

    public static let descriptor = TaskDescriptor(
        id: id,
        summary: "sort n integers (Pointer Networks; accuracy falls with n and V)",
        family: .sequenceModel,
        parameters: [
            .int("length", default: 8, in: 1...512, unit: "integers", "n, integers per problem"),
            .int("values", default: 64, in: 2...4096, unit: "symbols", "V, integers are drawn from [0, V)"),
            .bool("repeats", default: true, "allow repeated integers (false: n distinct integers, needs n ≤ V)"),
        ] + GeneratedSequenceTask<SortGenerator>.commonParameters,
        metrics: [.exactMatch, .tokenAccuracy, .loss],
        dataSource: "generated from the seed",
        make: { p, seed in try GeneratedSequenceTask<SortGenerator>(parameters: p, seed: seed) })

    public init(parameters p: ParameterValues) throws {
        length = p.int("length")
        values = p.int("values")
        repeats = p.bool("repeats")
        guard repeats || length <= values else {
            throw TaskError.invalidConfiguration(
                owner: Self.id, reason: "\(length) distinct integers cannot be drawn from \(values) values; set repeats=true or values ≥ length")
        }
    }

    public func sequenceLength(_ split: DataSplit) -> Int { 2 * length + 1 }

    public var log2ProblemCount: Double {
        repeats ? Double(length) * Foundation.log2(Double(values))
            : (0..<length).reduce(0.0) { $0 + Foundation.log2(Double(values - $1)) }
    }

    public func generate(_ split: DataSplit, rng: inout RNG) -> (key: [Int32], example: SequenceExample) {
        let xs: [Int32] = repeats ? (0..<length).map { _ in Int32(rng.int(below: values)) }
            : rng.distinct(length, below: values).map { Int32($0) }
        return (xs, lmExample(prompt: xs + [separator], answer: xs.sorted(), size: length))
    }
}
