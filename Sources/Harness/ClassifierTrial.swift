import Foundation
import NN
import Store
import Tasks
import Tensor
import Variants

/// The loss of a classifier trial: softmax cross-entropy over classes, or sigmoid binary
/// cross-entropy per label for multi-label tasks.
protocol ClassifierLoss: AnyObject {
    func forward(_ logits: Tensor, targets: [Int32], computeGradient: Bool) -> Float
    var gradient: Tensor? { get }
    var counted: Int { get }
}

extension SoftmaxCrossEntropy: ClassifierLoss {}
extension SigmoidBinaryCrossEntropy: ClassifierLoss {}

/// An MLP trial on a classification or multi-label task (see `TrialExecution`).
struct ClassifierTrial {
    let spec: TrialSpec
    let task: any ClassifierTask
    let threads: Int
    let gemmPeak: Double?
    let log: (String) -> Void

    /// Input features, output logits per example, and a fresh loss of the task's kind.
    var shape: (inputs: Int, outputs: Int, makeLoss: () -> ClassifierLoss) {
        switch task.kind {
        case .classification(let inputs, let classes): return (inputs, classes, { SoftmaxCrossEntropy() })
        case .multiLabel(let inputs, let labels): return (inputs, labels, { SigmoidBinaryCrossEntropy() })
        case .sequence: preconditionFailure("a sequence task is not a classifier task")
        }
    }

    func run() throws -> TrialOutcome {
        let (inputs, classes, makeLoss) = shape
        let m = spec.model
        let hidden = [Int](repeating: m.width, count: m.depth)
        let activation = m.activation
        let seed = UInt64(spec.seed)
        // The seeded model: every data-parallel replica, and the compression copies.
        let make = { () -> MLPClassifier in
            var rng = RNG(seed: seed).derived("mlp")
            return MLPClassifier(inputs: inputs, hidden: hidden, classes: classes, activation: activation, rng: &rng)
        }
        let parallel = DataParallel(replicas: threads) { _ in make() }
        let model = parallel.replicas[0]
        let flopsPerExample = MLPClassifier.forwardFLOPsPerExample(inputs: inputs, hidden: hidden, classes: classes)
        let t = spec.training
        let steps = TrialExecution.steps(t, tokensPerStep: t.batch, forwardFLOPsPerToken: flopsPerExample)
        let trainer = Trainer(parameters: parallel.parameters, optimizer: TrialExecution.optimizer(t), learningRate: Float(t.lr),
                              schedule: TrialExecution.schedule(t, total: steps), clipNorm: t.clip > 0 ? Float(t.clip) : nil)
        let losses = (0..<threads).map { _ in makeLoss() }
        var stream = task.trainingBatches(batchSize: t.batch, seed: seed)
        var loop = TrainingLoop(spec: spec, steps: steps)
        func evaluate(_ split: DataSplit, limit: Int?) -> [MetricValue] { evaluateModel(model, split, limit: limit) }
        var diverged: Diverged?
        do {
            try loop.run(trainer: trainer, step: { _ in
                let batch = stream.next()!
                return trainer.step {
                    parallel.step(batch: batch.batchSize) { r, replica, rows in
                        let x = Tensor(viewOf: batch.features, offset: rows.lowerBound * inputs, shape: [rows.count, inputs])
                        let ce = losses[r]
                        let perExample = batch.targets.count / batch.batchSize
                        let targets = Array(batch.targets[(rows.lowerBound * perExample)..<(rows.upperBound * perExample)])
                        let loss = ce.forward(replica.forward(x), targets: targets, computeGradient: true)
                        _ = replica.backward(ce.gradient!)
                        return (loss, ce.counted)
                    }
                }
            }, evaluate: {
                evaluate(.validation, limit: t.eval_examples).map { ($0.name, $0.value) }
            }, poison: {
                model.visitParameters(prefix: "") { _, p in p.value.data[0] = .nan }
            }, log: log)
        } catch let d as Diverged {
            diverged = d
        }
        let summary = loop.summary(diverged: diverged, unitsPerStep: t.batch, unit: "example", replicas: threads,
                                   forwardFLOPsPerUnit: flopsPerExample, gemmPeak: gemmPeak)
        if let outcome = summary.divergedOutcome { return outcome }
        var metrics = summary.metrics
        metrics += taskMetrics(evaluate(.test, limit: nil), stage: "eval")
        metrics += [
            Metric(stage: "eval", name: "params", value: Double(model.parameterCount), unit: "parameters"),
            Metric(stage: "eval", name: "flops_per_token", value: Double(flopsPerExample), unit: "FLOPs/example"),
            Metric(stage: "eval", name: "activation_bytes_per_token", value: Double(4 * (inputs + classes + 2 * hidden.reduce(0, +))), unit: "bytes/example"),
            Metric(stage: "eval", name: "model_bytes", value: Double(model.modelBytes), unit: "bytes"),
        ]
        let b = spec.measurement.latency_batch
        let latencyInput = Tensor(shape: [b, inputs])
        var rng = RNG(seed: seed).derived("latency")
        latencyInput.fillUniform(0, 1, rng: &rng)
        func inference(_ m: CompressibleModel) -> () -> Void { { _ = (m as! MLPClassifier).forward(latencyInput) } }
        let stages = try CompressionStages.run(
            spec.compression,
            host: compressionHost(make: make, trained: model, evaluate: { m in evaluateModel(m as! MLPClassifier, .test, limit: nil) },
                                  inference: inference),
            spec: spec, denseBytes: model.modelBytes, dense: inference(model), log: log)
        return TrialOutcome(status: .done, metrics: metrics + stages.metrics, curves: loop.curves, samples: stages.samples,
                            error: stages.error)
    }

    /// The task metrics of `model` on `split` (at most `limit` examples).
    func evaluateModel(_ model: MLPClassifier, _ split: DataSplit, limit: Int?) -> [MetricValue] {
        var acc = MetricAccumulator(task: task)
        var seen = 0
        for batch in task.evaluationBatches(split, batchSize: max(spec.training.batch, 64)) {
            if let limit, seen >= limit { break }
            let logits = model.forward(batch.features)
            acc.add(batch, logits: UnsafeBufferPointer(logits.buffer))
            seen += batch.batchSize
        }
        return acc.values()
    }

    /// Copies of the trained MLP, 512 calibration examples from the training split (fixed
    /// seed), and recovery steps on a training stream of their own.
    func compressionHost(make: @escaping () -> MLPClassifier, trained: MLPClassifier,
                         evaluate: @escaping (CompressibleModel) -> [MetricValue],
                         inference: @escaping (CompressibleModel) -> () -> Void) -> CompressionHost {
        let seed = UInt64(spec.seed)
        let weights = trained.checkpoint()
        var calibrationStream = task.trainingBatches(batchSize: 64, seed: derivedSeed(seed, "calibration"))
        let calibration = (0..<8).compactMap { _ in calibrationStream.next() }
        let batchSize = spec.training.batch
        let makeLoss = shape.makeLoss
        let multiLabel: Bool
        if case .multiLabel = task.kind { multiLabel = true } else { multiLabel = false }
        return CompressionHost(
            copyOfTrained: {
                let m = make()
                try m.load(weights)
                return m
            },
            untrained: make,
            context: { model, teacher in
                let mlp = model as! MLPClassifier, teacherMLP = teacher as! MLPClassifier
                let loss = makeLoss()
                var recovery = task.trainingBatches(batchSize: batchSize, seed: derivedSeed(seed, "recovery"))
                return CompressionContext(
                    model: model, seed: seed,
                    calibrate: { for c in calibration { _ = mlp.forward(c.features) } },
                    calibrationLoss: {
                        let total = calibration.reduce(0.0) {
                            $0 + Double(loss.forward(mlp.forward($1.features), targets: $1.targets, computeGradient: false))
                        }
                        return total / Double(calibration.count)
                    },
                    recoveryStep: { distillation in
                        let batch = recovery.next()!
                        guard let distillation else {
                            let value = loss.forward(mlp.forward(batch.features), targets: batch.targets, computeGradient: true)
                            _ = mlp.backward(loss.gradient!)
                            return Double(value)
                        }
                        return RecoveryLoss.distill(student: mlp, teacher: teacherMLP, batch: batch, distillation)
                    },
                    // Softmax distillation has no meaning for independent labels: no teacher.
                    teacher: multiLabel ? nil : teacher)
            },
            evaluate: evaluate, inference: inference)
    }
}
