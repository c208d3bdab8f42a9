import Foundation
import NN
import Tensor
import Variants

/// A small trained model and the data around it, for compression tests: a decoder LM
/// trained on a deterministic synthetic language (each sequence follows
/// `x_{t+1} = (a·x_t + b) mod V` with `(a, b)` set by its first token, so the model needs
/// attention and its MLPs), or an MLP classifier on Gaussian clusters. Training is cached
/// per configuration so many tests share one model; every test gets its own copy.
public final class CompressionFixture {
    /// The LM's spec (nil for the classifier fixture).
    public let spec: ModelSpec?
    private let task: any FixtureTask
    private let trained: SafeTensors
    /// Calibration batches (indices into the fixture's data stream).
    public let calibrationBatches = 0..<4
    /// Evaluation batches, disjoint from calibration and training.
    public let evaluationBatches = 1000..<1008
    /// The first of the batches recovery steps train on, disjoint from the others.
    private static let firstRecoveryBatch = 20_001

    /// Trains `task`'s model for `trainSteps` AdamW steps on batches 10 000, 10 001, ….
    private init(spec: ModelSpec?, task: some FixtureTask, trainSteps: Int, learningRate: Float) {
        self.spec = spec
        self.task = task
        // One BLAS thread, whatever an earlier test left set: the trained weights (and every
        // number a test derives from them) must not depend on test order or core count.
        let previous = BLAS.threads
        BLAS.threads = 1
        defer { BLAS.threads = previous }
        let model = task.makeModel()
        let trainer = Trainer(model: model, optimizer: AdamW(weightDecay: 0), learningRate: learningRate)
        for s in 0..<trainSteps {
            let batch = task.batch(10_000 + s)
            trainer.step {
                model.setTraining(true)
                return model.lossAndBackward(batch.input, targets: batch.targets).loss
            }
        }
        trained = model.checkpoint()
    }

    /// A fresh copy of the trained model.
    public func trainedModel() -> CompressibleModel {
        let m = untrainedModel()
        try! m.load(trained)
        return m
    }

    /// A model of the same architecture with untrained weights (to load checkpoints into).
    public func untrainedModel() -> CompressibleModel { task.makeModel() }

    /// The model's logits on the first evaluation batch, flattened (evaluation mode).
    public func outputs(_ model: CompressibleModel) -> [Float] {
        Self.outputs(model, task, batch: evaluationBatches.lowerBound)
    }

    private static func outputs<T: FixtureTask>(_ model: CompressibleModel, _ task: T, batch: Int) -> [Float] {
        let model = typed(model, T.self)
        model.setTraining(false)
        return Array(model.logits(task.batch(batch).input).buffer)
    }

    /// Mean loss of `model` over the evaluation batches (evaluation mode).
    public func evaluationLoss(_ model: CompressibleModel) -> Double {
        Self.evaluationLoss(model, task, batches: evaluationBatches)
    }

    private static func evaluationLoss<T: FixtureTask>(_ model: CompressibleModel, _ task: T, batches: Range<Int>) -> Double {
        let model = typed(model, T.self)
        model.setTraining(false)
        let losses = batches.map { i -> Double in
            let batch = task.batch(i)
            return Double(model.loss(batch.input, targets: batch.targets))
        }
        return losses.reduce(0, +) / Double(batches.count)
    }

    /// A compression context over `model` with the fixture's calibration batches and recovery
    /// steps on fresh training batches: plain training loss, or with a `Distillation` the
    /// `DistillationLoss` against `teacher`'s logits (teacher in evaluation mode; a
    /// distillation step without a teacher is a programming error).
    public func context(for model: CompressibleModel, teacher: CompressibleModel? = nil, seed: UInt64 = 7) -> CompressionContext {
        Self.context(model, teacher: teacher, task, seed: seed, calibration: calibrationBatches)
    }

    private static func context<T: FixtureTask>(_ model: CompressibleModel, teacher: CompressibleModel?, _ task: T, seed: UInt64,
                                                calibration: Range<Int>) -> CompressionContext {
        CompressionContext(model: typed(model, T.self), teacher: teacher.map { typed($0, T.self) }, seed: seed,
                           calibration: calibration.map(task.batch),
                           recovery: (firstRecoveryBatch...).lazy.map(task.batch).makeIterator())
    }

    /// `model` as the fixture's model type: every model a test hands back is one of its copies.
    private static func typed<T: FixtureTask>(_ model: CompressibleModel, _: T.Type) -> T.Model {
        guard let m = model as? T.Model else { preconditionFailure("\(type(of: model)) is not this fixture's \(T.Model.self)") }
        return m
    }

    nonisolated(unsafe) private static var cache: [String: CompressionFixture] = [:]

    /// A decoder LM (pre-LN LayerNorm, softmax attention, GELU MLP unless `ffn` says otherwise)
    /// trained for `steps` AdamW steps on the synthetic language; cached.
    public static func languageModel(width: Int = 32, depth: Int = 2, heads: Int = 4, ffn: String = "ffn.mlp",
                                     steps: Int = 300) -> CompressionFixture {
        let key = "lm.\(width).\(depth).\(heads).\(ffn).\(steps)"
        if let f = cache[key] { return f }
        let language = SyntheticLanguage(width: width, depth: depth, heads: heads, ffn: ffn)
        let f = CompressionFixture(spec: language.spec, task: language, trainSteps: steps, learningRate: 3e-3)
        cache[key] = f
        return f
    }

    /// An MLP classifier (16 inputs, `hidden` ReLU layers, 4 classes) trained on Gaussian
    /// clusters for `steps` steps; cached.
    public static func classifier(hidden: [Int] = [64, 64], steps: Int = 300) -> CompressionFixture {
        let key = "mlp.\(hidden).\(steps)"
        if let f = cache[key] { return f }
        let f = CompressionFixture(spec: nil, task: GaussianClusters(hidden: hidden), trainSteps: steps, learningRate: 3e-3)
        cache[key] = f
        return f
    }
}
