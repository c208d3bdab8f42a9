import Foundation
import NN
import Store
import Tasks
import Tensor

/// An MLP trial on a classification task (see `TrialExecution`).
struct ClassifierTrial {
    let spec: TrialSpec
    let task: any ClassifierTask
    let threads: Int
    let log: (String) -> Void

    func run() throws -> TrialOutcome {
        guard case .classification(let inputs, let classes) = task.kind else { preconditionFailure("classification task") }
        let m = spec.model
        let hidden = [Int](repeating: m.width, count: m.depth)
        let activation = Activation(rawValue: m.activation) ?? .relu
        let seed = UInt64(spec.seed)
        let parallel = DataParallel(replicas: threads) { _ -> MLPClassifier in
            var rng = RNG(seed: seed).derived("mlp")
            return MLPClassifier(inputs: inputs, hidden: hidden, classes: classes, activation: activation, rng: &rng)
        }
        let model = parallel.replicas[0]
        let widths = [inputs] + hidden + [classes]
        let flopsPerExample = zip(widths, widths.dropFirst()).reduce(0) { $0 + 2 * $1.0 * $1.1 }
        let t = spec.training
        let steps = TrialExecution.steps(t, tokensPerStep: t.batch, forwardFLOPsPerToken: flopsPerExample)
        let trainer = Trainer(parameters: parallel.parameters, optimizer: TrialExecution.optimizer(t), learningRate: Float(t.lr),
                              schedule: TrialExecution.schedule(t, total: steps), clipNorm: t.clip > 0 ? Float(t.clip) : nil)
        let losses = (0..<threads).map { _ in SoftmaxCrossEntropy() }
        var stream = task.trainingBatches(batchSize: t.batch, seed: seed)
        var loop = TrainingLoop(spec: spec, steps: steps)
        func evaluate(_ split: DataSplit, limit: Int?) -> [MetricValue] {
            var acc = MetricAccumulator(task: task)
            var seen = 0
            for batch in task.evaluationBatches(split, batchSize: max(t.batch, 64)) {
                if let limit, seen >= limit { break }
                let logits = model.forward(batch.features)
                acc.add(batch, logits: UnsafeBufferPointer(logits.buffer))
                seen += batch.batchSize
            }
            return acc.values()
        }
        var diverged: Diverged?
        do {
            try loop.run(trainer: trainer, step: { _ in
                let batch = stream.next()!
                return trainer.step {
                    parallel.step(batch: batch.batchSize) { r, replica, rows in
                        let x = Tensor(viewOf: batch.features, offset: rows.lowerBound * inputs, shape: [rows.count, inputs])
                        let ce = losses[r]
                        let loss = ce.forward(replica.forward(x), targets: Array(batch.targets[rows]))
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
        let summary = loop.summary(diverged: diverged, unitsPerStep: t.batch, unit: "example", replicas: threads)
        if let outcome = summary.divergedOutcome { return outcome }
        var metrics = summary.metrics
        metrics += taskMetrics(evaluate(.test, limit: nil), stage: "eval")
        metrics += [
            Metric(stage: "eval", name: "params", value: Double(model.parameterCount), unit: "parameters"),
            Metric(stage: "eval", name: "flops_per_token", value: Double(flopsPerExample), unit: "FLOPs/example"),
            Metric(stage: "eval", name: "activation_bytes_per_token", value: Double(4 * (widths.reduce(0, +) + hidden.reduce(0, +))), unit: "bytes/example"),
            Metric(stage: "eval", name: "model_bytes", value: Double(model.checkpoint().serialized().count), unit: "bytes"),
        ]
        var samples: [SampleSeries] = []
        if spec.measurement.latency {
            let b = spec.measurement.latency_batch
            let x = Tensor(shape: [b, inputs])
            var rng = RNG(seed: seed).derived("latency")
            x.fillUniform(0, 1, rng: &rng)
            let result = LatencyMeasurement.measure([("model", { _ = model.forward(x) })], protocol: spec.measurement.latencyProtocol, seed: seed)
            let (m, s) = latencyRecords(result["model"]!, threads: BLAS.threads, batch: b)
            metrics += m
            samples.append(s)
        }
        return TrialOutcome(status: .done, metrics: metrics, curves: loop.curves, samples: samples)
    }
}
