import Configuration
import Foundation
import Metrics
import Tensor

/// A generator of one synthetic sequence task: a pure function of its parameters and an RNG.
public protocol SequenceGenerator: Sendable {
    static var id: String { get }
    init(parameters: ParameterValues) throws
    var vocabSize: Int { get }
    var padToken: Int32 { get }
    func sequenceLength(_ split: DataSplit) -> Int
    /// The largest problem size in training.
    var trainMaxSize: Int { get }
    /// Whether the test split holds problems larger than any in training.
    var testsLongerThanTraining: Bool { get }
    /// log₂ of the number of distinct problems the training distribution can produce (a lower
    /// bound is fine): too few, and disjoint splits are impossible.
    var log2ProblemCount: Double { get }
    /// Draws one problem for `split`: its key (the input part, which decides the split it
    /// belongs to) and the example.
    func generate(_ split: DataSplit, rng: inout RNG) -> (key: [Int32], example: SequenceExample)
}

/// A synthetic sequence task: example `i` of a split is drawn from its own counter-based RNG
/// stream (so any example is reachable directly, nothing is stored), and each problem belongs to
/// exactly one split, chosen by a seeded hash of its input, so that train, validation and test
/// are disjoint. Draws whose hash falls in another split's bucket are redrawn.
public final class GeneratedSequenceTask<G: SequenceGenerator>: SequenceTask, @unchecked Sendable {
    public let id: String
    public let parameters: ParameterValues
    public let seed: UInt64
    public let generator: G
    public let kind: TaskKind
    public let metrics: [MetricSpec]
    public let budget: DataBudget
    public var dataSource: String { "generated from the seed (\(G.id) generator)" }
    private let counts: [DataSplit: Int]
    private let streams: [DataSplit: UInt64]
    private let salt: UInt64

    /// Shares of the problem space (by hash) that belong to train, validation and test.
    public static var splitShares: (train: Double, validation: Double) { (0.8, 0.1) }

    /// The fewest distinct problems a task may have (disjoint splits need some in each).
    public static var minimumProblems: Double { 256 }

    /// Parameters every generated task has: the data budget and the evaluation split size.
    public static var commonParameters: [ParameterSpec] {
        [
            .int("train_examples", default: 100_000, in: 1...100_000_000, unit: "examples",
                 "data budget: distinct-index training examples drawn (the training stream cycles over exactly these)"),
            .int("eval_examples", default: 1000, in: 1...1_000_000, unit: "examples",
                 "examples in each of the validation and test splits"),
        ]
    }

    public init(parameters: ParameterValues, seed: UInt64) throws {
        id = G.id
        self.parameters = parameters
        self.seed = seed
        generator = try G(parameters: parameters)
        let problems = generator.log2ProblemCount
        guard problems >= Foundation.log2(Self.minimumProblems) else {
            throw TaskError.invalidConfiguration(
                owner: G.id, reason: "these parameters allow only about \(Int(Foundation.pow(2, problems).rounded())) "
                    + "distinct problems; disjoint train/validation/test splits need at least \(Int(Self.minimumProblems)). "
                    + "Make the task larger (longer strings, more digits, a larger vocabulary).")
        }
        let train = parameters.int("train_examples")
        let eval = parameters.int("eval_examples")
        counts = [.train: train, .validation: eval, .test: eval]
        let base = RNG(seed: seed)
        streams = [.train: base.derived("train").stream, .validation: base.derived("validation").stream,
                   .test: base.derived("test").stream]
        var s = base.derived("split hash")
        salt = s.next()
        kind = .sequence(vocabSize: generator.vocabSize, length: generator.sequenceLength(.train))
        metrics = [.exactMatch, .tokenAccuracy, .loss]
            + (generator.testsLongerThanTraining ? [.exactMatchBeyondTrain, .tokenAccuracyBeyondTrain] : [])
        budget = DataBudget(unit: .examples, amount: train, available: 100_000_000)
    }

    public var vocabSize: Int { generator.vocabSize }
    public var padToken: Int32 { generator.padToken }
    public var trainMaxSize: Int { generator.trainMaxSize }
    public func sequenceLength(_ split: DataSplit) -> Int { generator.sequenceLength(split) }
    public func count(_ split: DataSplit) -> Int { counts[split]! }

    /// The split a problem belongs to, by a seeded hash of its key.
    public func splitOf(key: [Int32]) -> DataSplit {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ salt
        for t in key {
            var v = UInt32(bitPattern: t)
            for _ in 0..<4 {
                h = (h ^ UInt64(v & 0xFF)) &* 0x100_0000_01b3
                v >>= 8
            }
        }
        // A final avalanche (splitmix64) so low bits are well mixed.
        h ^= h >> 30; h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 27; h &*= 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        let u = Double(h >> 11) * 0x1p-53
        let shares = Self.splitShares
        if u < shares.train { return .train }
        return u < shares.train + shares.validation ? .validation : .test
    }

    public func example(_ split: DataSplit, _ index: Int) -> SequenceExample {
        precondition(index >= 0 && index < count(split), "example \(index) outside the \(split) split")
        var rng = RNG(seed: seed, stream: streams[split]! &+ UInt64(index))
        for _ in 0..<1_000_000 {
            let (key, e) = generator.generate(split, rng: &rng)
            if splitOf(key: key) == split { return e }
        }
        preconditionFailure("\(id): no \(split) problem found in a million draws (the problem space is too small)")
    }
}

// MARK: Helpers shared by the generators

extension RNG {
    /// `k` distinct values from 0..<n in random order (partial Fisher-Yates).
    mutating func distinct(_ k: Int, below n: Int) -> [Int] {
        var pool = Array(0..<n)
        for i in 0..<k { pool.swapAt(i, i + int(below: n - i)) }
        return Array(pool[0..<k])
    }
}

/// Tokens for an LM-style answer: `tokens` holds prompt + answer; targets ask for each answer
/// token (and anything after it in `answer`) from the position before it.
func lmExample(prompt: [Int32], answer: [Int32], size: Int) -> SequenceExample {
    let tokens = prompt + answer
    var targets = [Int32](repeating: -1, count: tokens.count)
    for j in 0..<answer.count { targets[prompt.count - 1 + j] = answer[j] }
    return SequenceExample(tokens: tokens, targets: targets, size: size)
}

/// The extra parameter value meaning "same as training" for test lengths (0).
func testSize(_ parameters: ParameterValues, _ key: String, default value: Int) -> Int {
    let v = parameters.int(key)
    return v == 0 ? value : v
}
