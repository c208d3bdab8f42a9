import Configuration
import Foundation
import Metrics
import Tensor

/// `task.copy`: a random string of n symbols over an alphabet of A, a separator, then the
/// string again; the loss covers the copy.
public struct CopyGenerator: SequenceGenerator {
    public static let id = "task.copy"
    public let alphabet: Int
    public let minLength: Int
    public let maxLength: Int
    public let testMaxLength: Int
    public var separator: Int32 { Int32(alphabet) }
    public var padToken: Int32 { Int32(alphabet + 1) }
    public var vocabSize: Int { alphabet + 2 }
    public var trainMaxSize: Int { maxLength }
    public var testsLongerThanTraining: Bool { testMaxLength > maxLength }

    public static let descriptor = TaskDescriptor(
        id: id,
        summary: "copy a random string after a separator (Repeat After Me; fixed-state mixers fail as n grows)",
        family: .sequenceModel,
        parameters: [
            .int("alphabet", default: 16, in: 2...1024, unit: "symbols", "alphabet size A"),
            .int("min_length", default: 1, in: 1...1024, unit: "symbols", "shortest training string"),
            .int("max_length", default: 32, in: 1...1024, unit: "symbols", "longest training (and validation) string"),
            .int("test_max_length", default: 0, in: 0...4096, unit: "symbols",
                 "longest test string (0 = max_length; longer tests length generalization, e.g. 64 with rotary positions)"),
        ] + GeneratedSequenceTask<CopyGenerator>.commonParameters,
        metrics: [.exactMatch, .tokenAccuracy, .loss, .exactMatchBeyondTrain, .tokenAccuracyBeyondTrain],
        dataSource: "generated from the seed",
        make: { p, seed in try GeneratedSequenceTask<CopyGenerator>(parameters: p, seed: seed) })

    public init(parameters p: ParameterValues) throws {
        alphabet = p.int("alphabet")
        minLength = p.int("min_length")
        maxLength = p.int("max_length")
        testMaxLength = testSize(p, "test_max_length", default: maxLength)
        guard minLength <= maxLength else {
            throw TaskError.invalidConfiguration(owner: Self.id, reason: "min_length (\(minLength)) exceeds max_length (\(maxLength))")
        }
        guard testMaxLength >= maxLength else {
            throw TaskError.invalidConfiguration(
                owner: Self.id, reason: "test_max_length (\(testMaxLength)) is below max_length (\(maxLength)); use 0 for the same")
        }
    }

    public func sequenceLength(_ split: DataSplit) -> Int { 2 * (split == .test ? testMaxLength : maxLength) + 1 }

    public var log2ProblemCount: Double { Double(maxLength) * Foundation.log2(Double(alphabet)) }

    public func generate(_ split: DataSplit, rng: inout RNG) -> (key: [Int32], example: SequenceExample) {
        let hi = split == .test ? testMaxLength : maxLength
        let n = rng.int(in: minLength..<(hi + 1))
        let s = (0..<n).map { _ in Int32(rng.int(below: alphabet)) }
        return (s, lmExample(prompt: s + [separator], answer: s, size: n))
    }
}
