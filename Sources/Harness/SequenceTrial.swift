import Foundation
import NN
import Store
import Tasks
import Tensor
import Variants

/// A transformer trial on a sequence task (see `TrialExecution`).
struct SequenceTrial {
    let spec: TrialSpec
    let task: any SequenceTask
    let threads: Int
    let log: (String) -> Void

    func run() throws -> TrialOutcome {
        let context = DataSplit.allCases.map { task.sequenceLength($0) }.max()!
        let modelSpec = spec.modelSpec(vocabulary: task.vocabSize, context: context)
        let seed = UInt64(spec.seed)
        let probe = try DecoderLM(modelSpec, seed: seed)
        let parallel = DataParallel(replicas: threads) { i in i == 0 ? probe : try! DecoderLM(modelSpec, seed: seed) }
        let model = parallel.replicas[0]
        let t = spec.training
        let T = task.sequenceLength(.train)
        let tokensPerStep = t.batch * T
        let steps = TrialExecution.steps(t, tokensPerStep: tokensPerStep, forwardFLOPsPerToken: model.forwardFLOPsPerToken)
        let trainer = Trainer(parameters: parallel.parameters, optimizer: TrialExecution.optimizer(t), learningRate: Float(t.lr),
                              schedule: TrialExecution.schedule(t, total: steps), clipNorm: t.clip > 0 ? Float(t.clip) : nil)
        var stream = task.trainingBatches(batchSize: t.batch, seed: seed)
        var loop = TrainingLoop(spec: spec, steps: steps)
        let totalForSchedule = steps ?? Int.max
        func evaluate(_ split: DataSplit, limit: Int?) -> [MetricValue] {
            model.setTraining(false)
            defer { model.setTraining(true) }
            var acc = MetricAccumulator(task: task)
            var seen = 0
            for batch in task.evaluationBatches(split, batchSize: max(t.batch, 16)) {
                if let limit, seen >= limit { break }
                let logits = model.forward(tokens: batch.tokens, batch: batch.batchSize, time: batch.length)
                acc.add(batch, logits: UnsafeBufferPointer(logits.buffer), vocabSize: task.vocabSize)
                seen += batch.batchSize
            }
            return acc.values()
        }
        var diverged: Diverged?
        do {
            try loop.run(trainer: trainer, step: { i in
                let batch = stream.next()!
                for r in parallel.replicas { r.prepare(step: i, of: totalForSchedule) }
                return trainer.step {
                    parallel.step(batch: batch.batchSize) { _, replica, rows in
                        let span = (rows.lowerBound * batch.length)..<(rows.upperBound * batch.length)
                        let targets = Array(batch.targets[span])
                        let loss = replica.lossAndBackward(tokens: Array(batch.tokens[span]), targets: targets,
                                                           batch: rows.count, time: batch.length)
                        return (loss, targets.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) })
                    }
                }
            }, evaluate: {
                evaluate(.validation, limit: t.eval_examples).map { ($0.name, $0.value) }
            }, poison: {
                model.head.visitParameters(prefix: "") { _, p in p.value.data[0] = .nan }
            }, log: log)
        } catch let d as Diverged {
            diverged = d
        }
        let summary = loop.summary(diverged: diverged, unitsPerStep: tokensPerStep, unit: "token", replicas: threads)
        if let outcome = summary.divergedOutcome { return outcome }
        var metrics = summary.metrics
        metrics += taskMetrics(evaluate(.test, limit: nil), stage: "eval")
        let bytes = model.checkpoint().serialized().count
        metrics += [
            Metric(stage: "eval", name: "params", value: Double(model.analyticParameterCount), unit: "parameters"),
            Metric(stage: "eval", name: "flops_per_token", value: Double(model.forwardFLOPsPerToken), unit: "FLOPs"),
            Metric(stage: "eval", name: "activation_bytes_per_token", value: Double(model.activationBytesPerToken), unit: "bytes"),
            Metric(stage: "eval", name: "model_bytes", value: Double(bytes), unit: "bytes"),
            Metric(stage: "eval", name: "context", value: Double(context), unit: "tokens"),
        ]
        var samples: [SampleSeries] = []
        if spec.measurement.latency {
            model.setTraining(false)
            let b = spec.measurement.latency_batch
            var rng = RNG(seed: seed).derived("latency")
            let tokens = (0..<(b * context)).map { _ in Int32(rng.int(below: task.vocabSize)) }
            let result = LatencyMeasurement.measure([("model", { _ = model.forward(tokens: tokens, batch: b, time: context) })],
                                                    protocol: spec.measurement.latencyProtocol, seed: seed)
            let (m, s) = latencyRecords(result["model"]!, threads: BLAS.threads, batch: b)
            metrics += m
            samples.append(s)
        }
        return TrialOutcome(status: .done, metrics: metrics, curves: loop.curves, samples: samples)
    }
}
