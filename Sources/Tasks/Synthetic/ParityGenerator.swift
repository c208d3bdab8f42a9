import Configuration
import Foundation
import Metrics
import Tensor

/// `task.parity`: random bits; the target at each position is the running parity x₁ ⊕ … ⊕ x_t
/// (or, with `final_only`, only the parity of the whole string at its last position).
public struct ParityGenerator: SequenceGenerator {
    public static let id = "task.parity"
    public let minLength: Int
    public let maxLength: Int
    public let testMaxLength: Int
    public let finalOnly: Bool
    public var padToken: Int32 { 2 }
    public var vocabSize: Int { 3 }
    public var trainMaxSize: Int { maxLength }
    public var testsLongerThanTraining: Bool { testMaxLength > maxLength }

    public static let descriptor = TaskDescriptor(
        id: id,
        summary: "running parity of a bit string (state tracking; needs negative eigenvalues in linear RNNs)",
        family: .sequenceModel,
        parameters: [
            .int("min_length", default: 1, in: 1...4096, unit: "bits", "shortest training string"),
            .int("max_length", default: 16, in: 1...4096, unit: "bits", "longest training (and validation) string"),
            .int("test_max_length", default: 0, in: 0...8192, unit: "bits",
                 "longest test string (0 = max_length; e.g. 64 to test length generalization)"),
            .bool("final_only", default: false, "supervise only the parity of the whole string (much harder)"),
        ] + GeneratedSequenceTask<ParityGenerator>.commonParameters,
        metrics: [.exactMatch, .tokenAccuracy, .loss, .exactMatchBeyondTrain, .tokenAccuracyBeyondTrain],
        dataSource: "generated from the seed",
        make: { p, seed in try GeneratedSequenceTask<ParityGenerator>(parameters: p, seed: seed) })

    public init(parameters p: ParameterValues) throws {
        minLength = p.int("min_length")
        maxLength = p.int("max_length")
        testMaxLength = testSize(p, "test_max_length", default: maxLength)
        finalOnly = p.bool("final_only")
        guard minLength <= maxLength else {
            throw TaskError.invalidConfiguration(owner: Self.id, reason: "min_length (\(minLength)) exceeds max_length (\(maxLength))")
        }
        guard testMaxLength >= maxLength else {
            throw TaskError.invalidConfiguration(
                owner: Self.id, reason: "test_max_length (\(testMaxLength)) is below max_length (\(maxLength)); use 0 for the same")
        }
    }

    public func sequenceLength(_ split: DataSplit) -> Int { split == .test ? testMaxLength : maxLength }

    public var log2ProblemCount: Double { Double(maxLength) }

    public func generate(_ split: DataSplit, rng: inout RNG) -> (key: [Int32], example: SequenceExample) {
        let hi = split == .test ? testMaxLength : maxLength
        let n = rng.int(in: minLength..<(hi + 1))
        var bits = [Int32](repeating: 0, count: n)
        var targets = [Int32](repeating: -1, count: n)
        var parity: Int32 = 0
        for t in 0..<n {
            bits[t] = Int32(rng.nextUInt32() & 1)
            parity ^= bits[t]
            if !finalOnly || t == n - 1 { targets[t] = parity }
        }
        return (bits, SequenceExample(tokens: bits, targets: targets, size: n))
    }
}
