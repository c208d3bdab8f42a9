import Configuration
import Foundation
import NN
import Tensor
import Variants
import XCTest
@testable import Tasks

/// Every synthetic task is solvable: a small model from the engine, trained on the task's own
/// training stream, reaches a high score on the task's own metrics on the held-out test split.
/// A broken generator (labels that don't follow from the inputs, splits that disagree, a metric
/// that miscounts) or a broken model would fail these thresholds: chance is far below them.
final class SolvabilityTests: XCTestCase {
    /// How to solve one task: an easy setting, a model and a training budget.
    struct Recipe {
        var parameters: [String: ParameterValue]
        var steps: Int
        var batch: Int
        var learningRate: Float
        var weightDecay: Float = 0
        /// Transformer width, depth and heads for sequence tasks.
        var width = 32, depth = 2, heads = 2
        /// MLP hidden widths for classifier tasks.
        var hidden: [Int] = []
        /// The lowest acceptable value of each named metric on the test split.
        var thresholds: [String: Double]
    }

    static let recipes: [String: Recipe] = [
        "task.modular-arithmetic": Recipe(
            parameters: ["p": .int(23), "op": .string("+"), "train_fraction": .double(0.9)],
            steps: 500, batch: 128, learningRate: 3e-3, weightDecay: 1.0, width: 64, depth: 1, heads: 4,
            thresholds: ["exact_match": 0.9]),
        "task.associative-recall": Recipe(
            parameters: ["key_vocab": .int(8), "value_vocab": .int(8), "pairs": .int(2),
                         "train_examples": .int(50000), "eval_examples": .int(500)],
            steps: 1000, batch: 64, learningRate: 3e-3, heads: 1,
            thresholds: ["exact_match": 0.9, "token_accuracy": 0.95]),
        "task.copy": Recipe(
            parameters: ["alphabet": .int(8), "max_length": .int(4),
                         "train_examples": .int(20000), "eval_examples": .int(500)],
            steps: 400, batch: 64, learningRate: 3e-3,
            thresholds: ["exact_match": 0.9, "token_accuracy": 0.95]),
        "task.sort": Recipe(
            parameters: ["length": .int(4), "values": .int(8),
                         "train_examples": .int(20000), "eval_examples": .int(500)],
            steps: 400, batch: 64, learningRate: 3e-3,
            thresholds: ["exact_match": 0.9, "token_accuracy": 0.95]),
        "task.parity": Recipe(
            parameters: ["max_length": .int(8), "train_examples": .int(50000), "eval_examples": .int(500)],
            steps: 1500, batch: 64, learningRate: 3e-3, depth: 3,
            thresholds: ["exact_match": 0.9, "token_accuracy": 0.95]),
        "task.addition": Recipe(
            parameters: ["digits": .int(2), "reverse_output": .bool(true),
                         "train_examples": .int(20000), "eval_examples": .int(500)],
            steps: 1200, batch: 64, learningRate: 3e-3,
            thresholds: ["exact_match": 0.9, "token_accuracy": 0.95]),
        // Trained on the k basis vectors only, a bias-free linear map fitted by least squares is
        // exactly π (the basis vectors pin every column), so it must get every held-out input
        // right; see `train(_:ClassifierTask:)` for why not an MLP with a sigmoid loss.
        "task.permutation": Recipe(
            parameters: ["k": .int(10)],
            steps: 200, batch: 10, learningRate: 0.5,
            thresholds: ["exact_match": 0.99, "bit_accuracy": 0.999]),
    ]

    /// The catalogue's synthetic tasks (their data is generated, not read from files).
    static var syntheticIDs: [String] {
        TaskCatalog.all.filter { $0.dataSource.hasPrefix("generated") }.map(\.id)
    }

    /// A new synthetic task must come with a recipe here (and an old one can't linger).
    func testEverySyntheticTaskHasARecipe() {
        let ids = Self.syntheticIDs
        XCTAssertGreaterThanOrEqual(ids.count, 7, "fewer synthetic tasks than expected: \(ids)")
        XCTAssertEqual(Set(ids), Set(Self.recipes.keys),
                       "every synthetic task in TaskCatalog.all needs a solvability recipe")
        for id in ids { XCTAssertNoThrow(try TaskCatalog.make(id, parameters: Self.recipes[id]!.parameters, seed: 1), id) }
    }

    func testModularArithmetic() throws { try solve("task.modular-arithmetic") }
    func testAssociativeRecall() throws { try solve("task.associative-recall") }
    func testCopy() throws { try solve("task.copy") }
    func testSort() throws { try solve("task.sort") }
    func testParity() throws { try solve("task.parity") }
    func testAddition() throws { try solve("task.addition") }
    func testPermutation() throws { try solve("task.permutation") }

    // MARK: Training and evaluation

    /// Trains the recipe's model on `id` and asserts every threshold on the test split.
    func solve(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let recipe = try XCTUnwrap(Self.recipes[id], "no recipe for \(id)")
        let task = try TaskCatalog.make(id, parameters: recipe.parameters, seed: 1)
        let started = Date()
        let values: [MetricValue]
        switch task.kind {
        case .sequence:
            values = try train(try XCTUnwrap(task as? any SequenceTask), recipe)
        case .classification, .multiLabel:
            values = try train(try XCTUnwrap(task as? any ClassifierTask), recipe)
        }
        let report = values.map { "\($0.name) \(String(format: "%.3f", $0.value))" }.joined(separator: ", ")
        print("solvability \(id): \(recipe.steps) steps, \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(report)")
        for (name, threshold) in recipe.thresholds {
            let value = try XCTUnwrap(values.first { $0.name == name }, "\(id) reports no \(name)", file: file, line: line)
            XCTAssertGreaterThanOrEqual(value.value, threshold, "\(id) \(name) on the test split", file: file, line: line)
        }
    }

    /// GPT-2's initialisation drawn from one stream (embedding, blocks, head), as the recipes
    /// were tuned with.
    func initializeInOneStream(_ model: DecoderLM, rng: inout RNG) {
        model.embedding.initialize(std: 0.02, rng: &rng)
        for b in model.blocks { b.initialize(layers: model.blocks.count, rng: &rng) }
        model.head.initializeNormal(std: 0.02, rng: &rng)
    }

    func train(_ task: any SequenceTask, _ recipe: Recipe) throws -> [MetricValue] {
        let spec = ModelSpec(vocabulary: task.vocabSize, context: task.sequenceLength(.test),
                             width: recipe.width, depth: recipe.depth, heads: recipe.heads)
        let model = try DecoderLM(spec, seed: 11)
        var rng = RNG(seed: 11)
        initializeInOneStream(model, rng: &rng)
        let trainer = Trainer(model: model, optimizer: AdamW(weightDecay: recipe.weightDecay),
                              learningRate: recipe.learningRate,
                              schedule: .warmupCosine(warmup: 20, total: recipe.steps, minRatio: 0.1))
        let ce = SoftmaxCrossEntropy(ignoreIndex: -1)
        var stream = task.trainingBatches(batchSize: recipe.batch, seed: 5)
        for _ in 0..<recipe.steps {
            let b = stream.next()!
            trainer.step {
                let loss = ce.forward(model.forward(tokens: b.tokens, batch: b.batchSize, time: b.length), targets: b.targets)
                model.backward(ce.gradient!)
                return loss
            }
        }
        var metrics = MetricAccumulator(task: task)
        for b in task.evaluationBatches(.test, batchSize: 250) {
            let logits = model.forward(tokens: b.tokens, batch: b.batchSize, time: b.length)
            metrics.add(b, logits: UnsafeBufferPointer(start: logits.data, count: logits.count), vocabSize: task.vocabSize)
        }
        return metrics.values()
    }

    /// Classifier tasks: an MLP with softmax cross-entropy. Multi-label tasks: a bias-free linear
    /// map fitted by least squares, read as logits `output − ½` (the metric takes a bit as 1 when
    /// its logit is > 0). For task.permutation this is the honest solvability check: the k basis
    /// vectors determine the linear map uniquely, so a generator whose training pairs disagree
    /// with its held-out pairs (or with π) fails it. An MLP with a sigmoid loss does not
    /// generalize from basis vectors (its bias absorbs "most bits are 0", so inputs with many
    /// bits set come out wrong); that is the phenomenon the task exists to measure.
    func train(_ task: any ClassifierTask, _ recipe: Recipe) throws -> [MetricValue] {
        var rng = RNG(seed: 11)
        let model: Layer
        let lossAndGradient: (Tensor, [Int32]) -> (Float, Tensor)
        let toLogits: (Tensor) -> [Float]
        switch task.kind {
        case let .classification(inputDim, classes):
            model = MLPClassifier(inputs: inputDim, hidden: recipe.hidden, classes: classes, rng: &rng)
            let ce = SoftmaxCrossEntropy()
            lossAndGradient = { (ce.forward($0, targets: $1), ce.gradient!) }
            toLogits = { $0.array }
        case let .multiLabel(inputDim, labels):
            let linear = Linear(inputDim, labels, bias: false)
            linear.initializeUniform(rng: &rng)
            model = linear
            let mse = MeanSquaredError()
            lossAndGradient = { (mse.forward($0, targets: $1.map(Float.init)), mse.gradient!) }
            toLogits = { $0.array.map { $0 - 0.5 } }
        case .sequence:
            throw XCTSkip("not a classifier task")
        }
        let trainer = Trainer(model: model, optimizer: SGD(momentum: 0.9, weightDecay: recipe.weightDecay),
                              learningRate: recipe.learningRate, clipNorm: nil)
        var stream = task.trainingBatches(batchSize: recipe.batch, seed: 5)
        for _ in 0..<recipe.steps {
            let b = stream.next()!
            trainer.step {
                let (loss, gradient) = lossAndGradient(model.forward(b.features), b.targets)
                _ = model.backward(gradient)
                return loss
            }
        }
        var metrics = MetricAccumulator(task: task)
        for b in task.evaluationBatches(.test, batchSize: 256) {
            toLogits(model.forward(b.features)).withUnsafeBufferPointer { metrics.add(b, logits: $0) }
        }
        return metrics.values()
    }

    /// The least-squares loss against a finite-difference derivative.
    func testMeanSquaredErrorGradient() {
        var rng = RNG(seed: 3)
        let y = Tensor(shape: [3, 4])
        y.fillNormal(std: 1, rng: &rng)
        let targets = (0..<12).map { _ in Float(rng.int(below: 2)) }
        let mse = MeanSquaredError()
        let loss = mse.forward(y, targets: targets)
        let direct = zip(y.array, targets).map { Double(($0 - $1) * ($0 - $1)) }.reduce(0, +) / 12
        XCTAssertEqual(Double(loss), direct, accuracy: 1e-6)
        let analytic = mse.gradient!.array
        let h: Float = 1e-2
        for i in 0..<y.count {
            let saved = y.data[i]
            y.data[i] = saved + h
            let plus = Double(MeanSquaredError().forward(y, targets: targets, computeGradient: false))
            y.data[i] = saved - h
            let minus = Double(MeanSquaredError().forward(y, targets: targets, computeGradient: false))
            y.data[i] = saved
            // Exact for a quadratic, up to Float rounding.
            XCTAssertEqual(Double(analytic[i]), (plus - minus) / Double(2 * h), accuracy: 1e-4, "entry \(i)")
        }
    }
}

/// Mean squared error over every entry, `mean((y − t)²)`, with ∂loss/∂y = `2(y − t)/n`.
final class MeanSquaredError {
    private(set) var gradient: Tensor?

    func forward(_ y: Tensor, targets: [Float], computeGradient: Bool = true) -> Float {
        precondition(targets.count == y.count, "\(targets.count) targets for \(y.count) outputs")
        let g = computeGradient ? Tensor(shape: y.shape) : nil
        var total = 0.0
        let n = Float(y.count)
        for i in 0..<y.count {
            let d = y.data[i] - targets[i]
            total += Double(d * d)
            g?.data[i] = 2 * d / n
        }
        gradient = g
        return Float(total / Double(y.count))
    }
}
