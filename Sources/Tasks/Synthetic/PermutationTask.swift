import Configuration
import Foundation
import Metrics
import Tensor

/// `task.permutation` (binary inputs): a seeded permutation π of k positions maps
/// x ∈ {0,1}^k \ {0} to y with y_π(i) = x_i. Training uses the k basis vectors e_i → e_π(i);
/// the held-out inputs are every other nonzero input (2^k − 1 − k of them), a seeded share for
/// validation and the rest for test. A multi-label task for an MLP: features x [B, k], targets y.
public final class PermutationTask: ClassifierTask, @unchecked Sendable {
    public let id = "task.permutation"
    public let parameters: ParameterValues
    public let seed: UInt64
    public let kind: TaskKind
    public let metrics: [MetricSpec]
    public let budget: DataBudget
    public let dataSource = "generated: a seeded permutation of k bits"
    public let k: Int
    public var inputDim: Int { k }
    public var targetsPerExample: Int { k }
    /// π: position i of x goes to position `permutation[i]` of y.
    public let permutation: [Int]
    private let trainBasis: [Int]
    private let validationInputs: [UInt32]
    private let testInputs: [UInt32]

    public static let bitAccuracy = MetricSpec.bitAccuracy.with(summary: "fraction of output bits right (logit > 0 means 1)")
    public static let bitLoss = MetricSpec.crossEntropy.with(unit: "nats/bit", summary: "mean binary cross-entropy per output bit")
    static let exact = MetricSpec.exactMatch.with(summary: "fraction of inputs whose whole output vector is right")

    public static let descriptor = TaskDescriptor(
        id: "task.permutation",
        summary: "learn a bit permutation from the k basis vectors, test on all other nonzero inputs (exact-learning ensembles)",
        family: .multiLabelClassifier,
        parameters: [
            .int("k", default: 8, in: 4...20, unit: "bits", "positions permuted (test inputs: 2^k − 1 − k)"),
            .int("train_examples", default: 0, in: 0...20, unit: "examples",
                 "data budget: basis vectors trained on, a seeded subset (0 = all k)"),
            .double("validation_fraction", default: 0.1, in: 0.01...0.9, "share of the held-out inputs used for validation"),
        ],
        metrics: [exact, bitAccuracy, bitLoss],
        dataSource: "generated from the seed",
        make: { p, seed in try PermutationTask(parameters: p, seed: seed) })

    public init(parameters: ParameterValues, seed: UInt64) throws {
        self.parameters = parameters
        self.seed = seed
        k = parameters.int("k")
        let want = parameters.int("train_examples")
        guard want <= k else {
            throw TaskError.invalidConfiguration(owner: id, reason: "train_examples (\(want)) exceeds the k = \(k) basis vectors")
        }
        let base = RNG(seed: seed)
        var r1 = base.derived("permutation pi")
        permutation = r1.permutation(k)
        var r2 = base.derived("permutation basis order")
        trainBasis = Array(r2.permutation(k)[0..<(want == 0 ? k : want)])
        var heldOut = [UInt32]()
        heldOut.reserveCapacity((1 << k) - 1 - k)
        for m in 1..<(UInt32(1) << k) where m.nonzeroBitCount >= 2 { heldOut.append(m) }
        var r3 = base.derived("permutation held-out split")
        let order = r3.permutation(heldOut.count)
        let nVal = max(1, Int((Double(heldOut.count) * parameters.double("validation_fraction")).rounded()))
        validationInputs = order[0..<nVal].map { heldOut[$0] }
        testInputs = order[nVal...].map { heldOut[$0] }
        kind = .multiLabel(inputDim: k, labels: k)
        metrics = [Self.exact, Self.bitAccuracy, Self.bitLoss]
        budget = DataBudget(unit: .examples, amount: trainBasis.count, available: k)
    }

    public func count(_ split: DataSplit) -> Int {
        switch split {
        case .train: return trainBasis.count
        case .validation: return validationInputs.count
        case .test: return testInputs.count
        }
    }

    /// The input of example `index` of `split`, bit i = position i.
    public func input(_ split: DataSplit, _ index: Int) -> UInt32 {
        switch split {
        case .train: return UInt32(1) << trainBasis[index]
        case .validation: return validationInputs[index]
        case .test: return testInputs[index]
        }
    }

    public func write(_ split: DataSplit, _ index: Int, features: UnsafeMutablePointer<Float>,
                      targets: UnsafeMutablePointer<Int32>) {
        let x = input(split, index)
        for i in 0..<k {
            let bit = (x >> i) & 1
            features[i] = Float(bit)
            targets[permutation[i]] = Int32(bit)
        }
    }
}
