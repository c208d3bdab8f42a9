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
    let gemmPeak: Double?
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
        func evaluate(_ split: DataSplit, limit: Int?) -> [MetricValue] { evaluateModel(model, split, limit: limit) }
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
        let summary = loop.summary(diverged: diverged, unitsPerStep: tokensPerStep, unit: "token", replicas: threads,
                                   forwardFLOPsPerUnit: model.forwardFLOPsPerToken, gemmPeak: gemmPeak)
        if let outcome = summary.divergedOutcome { return outcome }
        var metrics = summary.metrics
        metrics += taskMetrics(evaluate(.test, limit: nil), stage: "eval")
        metrics += [
            Metric(stage: "eval", name: "params", value: Double(model.analyticParameterCount), unit: "parameters"),
            Metric(stage: "eval", name: "flops_per_token", value: Double(model.forwardFLOPsPerToken), unit: "FLOPs"),
            Metric(stage: "eval", name: "activation_bytes_per_token", value: Double(model.activationBytesPerToken), unit: "bytes"),
            Metric(stage: "eval", name: "model_bytes", value: Double(model.modelBytes), unit: "bytes"),
            Metric(stage: "eval", name: "context", value: Double(context), unit: "tokens"),
        ]
        model.setTraining(false)
        let b = spec.measurement.latency_batch
        var rng = RNG(seed: seed).derived("latency")
        let latencyTokens = (0..<(b * context)).map { _ in Int32(rng.int(below: task.vocabSize)) }
        func inference(_ m: DecoderLM) -> () -> Void { { _ = m.forward(tokens: latencyTokens, batch: b, time: context) } }
        let stages = try CompressionStages.run(
            spec.compression,
            host: compressionHost(modelSpec: modelSpec, trained: model, evaluate: { evaluateModel($0, .test, limit: nil) },
                                  inference: { inference($0 as! DecoderLM) }),
            spec: spec, denseBytes: model.modelBytes, dense: inference(model), log: log)
        return TrialOutcome(status: .done, metrics: metrics + stages.metrics, curves: loop.curves, samples: stages.samples,
                            error: stages.error)
    }

    /// The task metrics of `model` on `split` (at most `limit` examples), in evaluation mode.
    func evaluateModel(_ model: CompressibleModel, _ split: DataSplit, limit: Int?) -> [MetricValue] {
        let lm = model as! DecoderLM
        lm.setTraining(false)
        defer { lm.setTraining(true) }
        var acc = MetricAccumulator(task: task)
        var seen = 0
        for batch in task.evaluationBatches(split, batchSize: max(spec.training.batch, 16)) {
            if let limit, seen >= limit { break }
            let logits = lm.forward(tokens: batch.tokens, batch: batch.batchSize, time: batch.length)
            acc.add(batch, logits: UnsafeBufferPointer(logits.buffer), vocabSize: task.vocabSize)
            seen += batch.batchSize
        }
        return acc.values()
    }

    /// Copies of the trained LM, 128 calibration sequences from the training split (fixed
    /// seed), and recovery steps on a training stream of their own.
    func compressionHost(modelSpec: ModelSpec, trained: DecoderLM, evaluate: @escaping (CompressibleModel) -> [MetricValue],
                         inference: @escaping (CompressibleModel) -> () -> Void) -> CompressionHost {
        let seed = UInt64(spec.seed)
        let weights = trained.checkpoint()
        var calibrationStream = task.trainingBatches(batchSize: 16, seed: derivedSeed(seed, "calibration"))
        let calibration = (0..<8).compactMap { _ in calibrationStream.next() }
        let batchSize = spec.training.batch
        return CompressionHost(
            copyOfTrained: {
                let m = try DecoderLM(modelSpec, seed: seed)
                try m.load(weights)
                return m
            },
            untrained: { try DecoderLM(modelSpec, seed: seed) },
            context: { model, teacher in
                let lm = model as! DecoderLM, teacherLM = teacher as! DecoderLM
                var recovery = task.trainingBatches(batchSize: batchSize, seed: derivedSeed(seed, "recovery"))
                return CompressionContext(
                    model: model, seed: seed,
                    calibrate: {
                        lm.setTraining(false)
                        for c in calibration { _ = lm.forward(tokens: c.tokens, batch: c.batchSize, time: c.length) }
                    },
                    calibrationLoss: {
                        lm.setTraining(false)
                        let total = calibration.reduce(0.0) {
                            $0 + Double(lm.loss(tokens: $1.tokens, targets: $1.targets, batch: $1.batchSize, time: $1.length))
                        }
                        return total / Double(calibration.count)
                    },
                    recoveryStep: { distillation in
                        let batch = recovery.next()!
                        lm.setTraining(true)
                        guard let distillation else {
                            return Double(lm.lossAndBackward(tokens: batch.tokens, targets: batch.targets,
                                                             batch: batch.batchSize, time: batch.length))
                        }
                        return RecoveryLoss.distill(student: lm, teacher: teacherLM, batch: batch, distillation)
                    },
                    teacher: teacher)
            },
            evaluate: evaluate, inference: inference)
    }
}
