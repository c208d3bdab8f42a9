import Configuration
import Foundation
import Metrics
import Tensor

/// `task.associative-recall` (multi-query, as in Zoology's MQAR): n key-value pairs with distinct
/// keys, then q of the keys again in random order, each to be answered with its value.
/// Keys use tokens 0..<key_vocab, values key_vocab..<key_vocab+value_vocab.
public struct AssociativeRecallGenerator: SequenceGenerator {
    public static let id = "task.associative-recall"
    public let keyVocab: Int
    public let valueVocab: Int
    public let pairs: Int
    public let queries: Int
    public var padToken: Int32 { 0 }  // never used: every sequence fills T
    public var vocabSize: Int { keyVocab + valueVocab }
    public var trainMaxSize: Int { pairs }
    public var testsLongerThanTraining: Bool { false }

    public static let descriptor = TaskDescriptor(
        id: id,
        summary: "multi-query associative recall (Zoology MQAR; chance is 1/value_vocab)",
        family: .sequenceModel,
        parameters: [
            .int("key_vocab", default: 64, in: 2...65536, unit: "symbols", "distinct keys"),
            .int("value_vocab", default: 64, in: 2...65536, unit: "symbols", "distinct values"),
            .int("pairs", default: 8, in: 1...4096, unit: "pairs", "n, key-value pairs per sequence (≤ key_vocab)"),
            .int("queries", default: 0, in: 0...4096, unit: "queries", "q, keys queried (0 = all n)"),
        ] + GeneratedSequenceTask<AssociativeRecallGenerator>.commonParameters,
        metrics: [.exactMatch, .tokenAccuracy, .loss],
        dataSource: "generated from the seed",
        make: { p, seed in try GeneratedSequenceTask<AssociativeRecallGenerator>(parameters: p, seed: seed) })

    public init(parameters p: ParameterValues) throws {
        keyVocab = p.int("key_vocab")
        valueVocab = p.int("value_vocab")
        pairs = p.int("pairs")
        queries = p.int("queries") == 0 ? pairs : p.int("queries")
        guard pairs <= keyVocab else {
            throw TaskError.invalidConfiguration(owner: Self.id, reason: "pairs (\(pairs)) needs as many distinct keys, but key_vocab is \(keyVocab)")
        }
        guard queries <= pairs else {
            throw TaskError.invalidConfiguration(owner: Self.id, reason: "queries (\(queries)) exceeds pairs (\(pairs))")
        }
    }

    public func sequenceLength(_ split: DataSplit) -> Int { 2 * pairs + 2 * queries }

    public var log2ProblemCount: Double {
        (0..<pairs).reduce(0.0) { $0 + Foundation.log2(Double(keyVocab - $1)) }
            + Double(pairs) * Foundation.log2(Double(valueVocab))
    }

    public func generate(_ split: DataSplit, rng: inout RNG) -> (key: [Int32], example: SequenceExample) {
        let keys = rng.distinct(pairs, below: keyVocab)
        let values = (0..<pairs).map { _ in rng.int(below: valueVocab) }
        let asked = rng.distinct(queries, below: pairs)
        var tokens = [Int32]()
        tokens.reserveCapacity(2 * (pairs + queries))
        for i in 0..<pairs { tokens += [Int32(keys[i]), Int32(keyVocab + values[i])] }
        var targets = [Int32](repeating: -1, count: tokens.count)
        for i in asked {
            targets.append(Int32(keyVocab + values[i]))  // at the query key: its value
            targets.append(-1)
            tokens += [Int32(keys[i]), Int32(keyVocab + values[i])]
        }
        return (tokens, SequenceExample(tokens: tokens, targets: targets, size: pairs))
    }
}
