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
    private let trained: SafeTensors
    private let makeModel: () -> CompressibleModel
    private let batchLoss: (CompressibleModel, Int) -> Double
    private let trainStep: (CompressibleModel, Int) -> Double
    private let logits: (CompressibleModel, Int) -> [Float]
    private let batchLogits: (CompressibleModel, Int, Bool) -> (logits: Tensor, targets: [Int32])
    private let backward: (CompressibleModel, Tensor) -> Void
    /// Calibration batches (indices into the fixture's data stream).
    public let calibrationBatches = 0..<4
    /// Evaluation batches, disjoint from calibration and training.
    public let evaluationBatches = 1000..<1008

    private init(spec: ModelSpec?, make: @escaping () -> CompressibleModel,
                 loss: @escaping (CompressibleModel, Int) -> Double, step: @escaping (CompressibleModel, Int) -> Double,
                 logits: @escaping (CompressibleModel, Int) -> [Float],
                 batchLogits: @escaping (CompressibleModel, Int, Bool) -> (logits: Tensor, targets: [Int32]),
                 backward: @escaping (CompressibleModel, Tensor) -> Void, trainSteps: Int, learningRate: Float) {
        self.logits = logits
        self.batchLogits = batchLogits
        self.backward = backward
        self.spec = spec
        makeModel = make
        batchLoss = loss
        trainStep = step
        let model = make()
        let trainer = Trainer(model: model, optimizer: AdamW(weightDecay: 0), learningRate: learningRate)
        for s in 0..<trainSteps { trainer.step { Float(step(model, 10_000 + s)) } }
        trained = model.checkpoint()
    }

    /// A fresh copy of the trained model.
    public func trainedModel() -> CompressibleModel {
        let m = makeModel()
        try! m.load(trained)
        return m
    }

    /// A model of the same architecture with untrained weights (to load checkpoints into).
    public func untrainedModel() -> CompressibleModel { makeModel() }

    /// The model's logits on the first evaluation batch, flattened (evaluation mode).
    public func outputs(_ model: CompressibleModel) -> [Float] { logits(model, evaluationBatches.lowerBound) }

    /// Mean loss of `model` over the evaluation batches.
    public func evaluationLoss(_ model: CompressibleModel) -> Double {
        evaluationBatches.map { batchLoss(model, $0) }.reduce(0, +) / Double(evaluationBatches.count)
    }

    /// A compression context over `model` with the fixture's calibration batches and recovery
    /// steps on fresh training batches: plain cross-entropy, or with a `Distillation` the
    /// `DistillationLoss` against `teacher`'s logits (teacher in evaluation mode; a
    /// distillation step without a teacher is a programming error).
    public func context(for model: CompressibleModel, teacher: CompressibleModel? = nil, seed: UInt64 = 7) -> CompressionContext {
        var next = 20_000
        var loss: DistillationLoss?
        return CompressionContext(
            model: model, seed: seed,
            calibrate: { [calibrationBatches, batchLoss] in for b in calibrationBatches { _ = batchLoss(model, b) } },
            calibrationLoss: { [calibrationBatches, batchLoss] in
                calibrationBatches.map { batchLoss(model, $0) }.reduce(0, +) / Double(calibrationBatches.count)
            },
            recoveryStep: { [trainStep, batchLogits, backward] distillation in
                next += 1
                guard let distillation else { return trainStep(model, next) }
                guard let teacher else { preconditionFailure("a distillation recovery step needs the context's teacher") }
                let teacherLogits = batchLogits(teacher, next, false).logits.copy()
                let (studentLogits, targets) = batchLogits(model, next, true)
                if loss?.temperature != distillation.temperature || loss?.alpha != distillation.alpha {
                    loss = DistillationLoss(temperature: distillation.temperature, alpha: distillation.alpha)
                }
                let value = loss!.forward(student: studentLogits, teacher: teacherLogits, targets: targets)
                backward(model, loss!.gradient!)
                return Double(value)
            },
            teacher: teacher)
    }

    /// Token batches of the synthetic language: batch index → (tokens, targets) [B, T].
    static func tokens(batch index: Int, batch: Int, time: Int, vocabulary: Int) -> ([Int32], [Int32]) {
        var rng = RNG(seed: 99).derived("batch.\(index)")
        var tokens: [Int32] = [], targets: [Int32] = []
        for _ in 0..<batch {
            var x = Int(rng.nextUInt32() % UInt32(vocabulary))
            let a = 1 + 2 * (x % 3), b = x % 5
            var seq = [x]
            for _ in 0..<time { x = (a * x + b) % vocabulary; seq.append(x) }
            tokens += seq.dropLast().map { Int32($0) }
            targets += seq.dropFirst().map { Int32($0) }
        }
        return (tokens, targets)
    }

    nonisolated(unsafe) private static var cache: [String: CompressionFixture] = [:]

    /// A decoder LM (pre-LN LayerNorm, softmax attention, GELU MLP unless `ffn` says otherwise)
    /// trained for `steps` AdamW steps on the synthetic language; cached.
    public static func languageModel(width: Int = 32, depth: Int = 2, heads: Int = 4, ffn: String = "ffn.mlp",
                                     steps: Int = 300) -> CompressionFixture {
        let key = "lm.\(width).\(depth).\(heads).\(ffn).\(steps)"
        if let f = cache[key] { return f }
        let (vocabulary, time, batch) = (16, 16, 16)
        let spec = ModelSpec(vocabulary: vocabulary, context: time, width: width, depth: depth, heads: heads,
                             ffn: VariantChoice(ffn))
        func lm(_ m: CompressibleModel) -> DecoderLM { m as! DecoderLM }
        let f = CompressionFixture(
            spec: spec, make: { try! DecoderLM(spec, seed: 1) },
            loss: { m, i in
                let (x, y) = tokens(batch: i, batch: batch, time: time, vocabulary: vocabulary)
                lm(m).setTraining(false)
                return Double(lm(m).loss(tokens: x, targets: y, batch: batch, time: time))
            },
            step: { m, i in
                let (x, y) = tokens(batch: i, batch: batch, time: time, vocabulary: vocabulary)
                lm(m).setTraining(true)
                return Double(lm(m).lossAndBackward(tokens: x, targets: y, batch: batch, time: time))
            },
            logits: { m, i in
                let (x, _) = tokens(batch: i, batch: batch, time: time, vocabulary: vocabulary)
                lm(m).setTraining(false)
                return Array(lm(m).forward(tokens: x, batch: batch, time: time).buffer)
            },
            batchLogits: { m, i, training in
                let (x, y) = tokens(batch: i, batch: batch, time: time, vocabulary: vocabulary)
                lm(m).setTraining(training)
                return (lm(m).forward(tokens: x, batch: batch, time: time), y)
            },
            backward: { m, g in lm(m).backward(g) },
            trainSteps: steps, learningRate: 3e-3)
        cache[key] = f
        return f
    }

    /// An MLP classifier (16 inputs, `hidden` ReLU layers, 4 classes) trained on Gaussian
    /// clusters for `steps` steps; cached.
    public static func classifier(hidden: [Int] = [64, 64], steps: Int = 300) -> CompressionFixture {
        let key = "mlp.\(hidden).\(steps)"
        if let f = cache[key] { return f }
        let (inputs, classes, batch) = (16, 4, 64)
        var centers = RNG(seed: 5)
        let means = (0..<classes).map { _ in (0..<inputs).map { _ in centers.normal() } }
        func data(_ index: Int) -> (Tensor, [Int32]) {
            var rng = RNG(seed: 6).derived("batch.\(index)")
            let x = Tensor(shape: [batch, inputs])
            var y: [Int32] = []
            for r in 0..<batch {
                let c = Int(rng.nextUInt32() % UInt32(classes))
                y.append(Int32(c))
                for j in 0..<inputs { x.data[r * inputs + j] = means[c][j] + 1.5 * rng.normal() }
            }
            return (x, y)
        }
        let ce = SoftmaxCrossEntropy()
        func mlp(_ m: CompressibleModel) -> MLPClassifier { m as! MLPClassifier }
        let f = CompressionFixture(
            spec: nil, make: { var r = RNG(seed: 2); return MLPClassifier(inputs: inputs, hidden: hidden, classes: classes, rng: &r) },
            loss: { m, i in
                let (x, y) = data(i)
                return Double(ce.forward(mlp(m).forward(x), targets: y))
            },
            step: { m, i in
                let (x, y) = data(i)
                let loss = ce.forward(mlp(m).forward(x), targets: y)
                _ = mlp(m).backward(ce.gradient!)
                return Double(loss)
            },
            logits: { m, i in Array(mlp(m).forward(data(i).0).buffer) },
            batchLogits: { m, i, _ in
                let (x, y) = data(i)
                return (mlp(m).forward(x), y)
            },
            backward: { m, g in _ = mlp(m).backward(g) },
            trainSteps: steps, learningRate: 3e-3)
        cache[key] = f
        return f
    }
}
