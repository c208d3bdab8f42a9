import Configuration
import Foundation
import Metrics
import Tensor

/// `task.modular-arithmetic` (Grokking): every pair (a, b) ∈ [0, p)² (b ≠ 0 for ÷), the sequence
/// `a ∘ b =` and the answer c = (a ∘ b) mod p predicted at the `=`. A seeded fraction of the
/// pairs trains; the held-out pairs are split in half, validation and test.
/// Tokens: 0..<p numbers, p…p+3 the operators + − × ÷, p+4 the `=`.
public final class ModularArithmeticTask: SequenceTask, @unchecked Sendable {
    public let id = "task.modular-arithmetic"
    public let parameters: ParameterValues
    public let seed: UInt64
    public let kind: TaskKind
    public let metrics: [MetricSpec] = [.exactMatch, .tokenAccuracy, .loss]
    public let budget: DataBudget
    public let dataSource = "all pairs (a, b) mod p, split by the seed"
    public let modulus: Int
    public let op: String
    public var vocabSize: Int { modulus + 5 }
    public let padToken: Int32 = 0  // never used: every sequence fills T
    public let trainMaxSize = 1
    /// Pairs encoded as a·p + b.
    private let splits: [DataSplit: [Int]]

    public static let operators = ["+", "-", "*", "/"]

    public static let descriptor = TaskDescriptor(
        id: "task.modular-arithmetic",
        summary: "a ∘ b mod p over all pairs, a fraction trains (Grokking; generalization long after memorization)",
        family: .sequenceModel,
        parameters: [
            .int("p", default: 97, in: 2...4093, "modulus (prime for ÷; 23 or 53 for speed)"),
            .choice("op", default: "+", operators, "operation: + − × or ÷ (by the modular inverse, b ≠ 0)"),
            .double("train_fraction", default: 0.5, in: 0.01...0.99, "share of all pairs that trains"),
            .int("train_examples", default: 0, in: 0...16_000_000, unit: "examples",
                 "data budget: training pairs used, a seeded subset of the training share (0 = all of it)"),
        ],
        metrics: [.exactMatch, .tokenAccuracy, .loss],
        dataSource: "generated: all pairs (a, b), split by the seed",
        make: { p, seed in try ModularArithmeticTask(parameters: p, seed: seed) })

    public init(parameters: ParameterValues, seed: UInt64) throws {
        self.parameters = parameters
        self.seed = seed
        let p = parameters.int("p")
        modulus = p
        op = parameters.string("op")
        if op == "/" && !Self.isPrime(p) {
            let below = stride(from: p - 1, to: 1, by: -1).first(where: Self.isPrime)
            let above = ((p + 1)...).first(where: Self.isPrime)!
            throw TaskError.invalidConfiguration(
                owner: id, reason: "op=/ needs a prime p (otherwise some b have no inverse); \(p) is not prime. "
                    + "Nearest primes: " + ([below, above].compactMap { $0 }.map(String.init).joined(separator: ", ")))
        }
        var pairs = [Int]()
        pairs.reserveCapacity(p * p)
        for a in 0..<p { for b in 0..<p where op != "/" || b != 0 { pairs.append(a * p + b) } }
        var rng = RNG(seed: seed).derived("modular-arithmetic split")
        let perm = rng.permutation(pairs.count)
        let nTrain = Int((Double(pairs.count) * parameters.double("train_fraction")).rounded())
        let heldOut = pairs.count - nTrain
        guard nTrain >= 1, heldOut >= 2 else {
            throw TaskError.invalidConfiguration(
                owner: id, reason: "\(pairs.count) pairs with train_fraction \(parameters.double("train_fraction")) "
                    + "leave \(nTrain) to train and \(heldOut) held out; need at least 1 and 2")
        }
        let want = parameters.int("train_examples")
        guard want <= nTrain else {
            throw TaskError.invalidConfiguration(owner: id, reason: "train_examples (\(want)) exceeds the \(nTrain) training pairs")
        }
        let k = want == 0 ? nTrain : want
        let nVal = heldOut / 2
        splits = [
            .train: perm[0..<k].map { pairs[$0] },
            .validation: perm[nTrain..<(nTrain + nVal)].map { pairs[$0] },
            .test: perm[(nTrain + nVal)...].map { pairs[$0] },
        ]
        kind = .sequence(vocabSize: p + 5, length: 4)
        budget = DataBudget(unit: .examples, amount: k, available: nTrain)
    }

    static func isPrime(_ n: Int) -> Bool {
        if n < 2 { return false }
        var d = 2
        while d * d <= n { if n % d == 0 { return false }; d += 1 }
        return true
    }

    /// (a ∘ b) mod p.
    public func answer(_ a: Int, _ b: Int) -> Int {
        let p = modulus
        switch op {
        case "+": return (a + b) % p
        case "-": return ((a - b) % p + p) % p
        case "*": return (a * b) % p
        default:
            // b^(p−2) is b's inverse for a prime p (Fermat).
            var inv = 1, base = b % p, e = p - 2
            while e > 0 {
                if e & 1 == 1 { inv = inv * base % p }
                base = base * base % p
                e >>= 1
            }
            return a * inv % p
        }
    }

    /// The (a, b) pair of example `index` of `split`.
    public func pair(_ split: DataSplit, _ index: Int) -> (a: Int, b: Int) {
        let v = splits[split]![index]
        return (v / modulus, v % modulus)
    }

    public func count(_ split: DataSplit) -> Int { splits[split]!.count }
    public func sequenceLength(_ split: DataSplit) -> Int { 4 }

    public func example(_ split: DataSplit, _ index: Int) -> SequenceExample {
        let (a, b) = pair(split, index)
        let opToken = Int32(modulus + Self.operators.firstIndex(of: op)!)
        return SequenceExample(tokens: [Int32(a), opToken, Int32(b), Int32(modulus + 4)],
                               targets: [-1, -1, -1, Int32(answer(a, b))], size: 1)
    }
}
