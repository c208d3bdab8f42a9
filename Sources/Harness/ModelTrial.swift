import Metrics
import NN
import Store
import Tasks
import Tensor
import Variants

/// One trial of any model family (see `TrialExecution`): data-parallel training with curves,
/// final evaluation on the validation and test splits, the task's trivial reference, cost, then
/// the compression pipelines and inference latency.
struct ModelTrial<Family: TrialFamily> {
    typealias Model = Family.Model

    let spec: TrialSpec
    let family: Family
    let threads: Int
    let gemmPeak: Double?
    let log: (String) -> Void

    func run() throws -> TrialOutcome {
        let seed = UInt64(spec.seed)
        let models = try (0..<threads).map { _ in try family.makeModel() }
        let parallel = DataParallel(replicas: threads) { models[$0] }
        let model = parallel.replicas[0]
        let t = spec.training
        let unitsPerStep = t.batch * family.unitsPerExample
        let steps = TrialExecution.steps(t, tokensPerStep: unitsPerStep, forwardFLOPsPerToken: model.forwardFLOPsPerUnit)
        let trainer = Trainer(parameters: parallel.parameters, optimizer: TrialExecution.optimizer(t), learningRate: Float(t.lr),
                              schedule: TrialExecution.schedule(t, total: steps), clipNorm: t.clip > 0 ? Float(t.clip) : nil)
        var stream = family.trainingBatches(batchSize: t.batch, seed: seed)
        let internals = spec.measurement.internals.map { InternalsRecorder(groups: $0, replicas: parallel.replicas, trainer: trainer) }
        var loop = TrainingLoop(spec: spec, steps: steps, internals: internals)
        let totalForSchedule = steps ?? Int.max
        var diverged: Diverged?
        do {
            try loop.run(trainer: trainer, step: { i in
                let batch = stream.next()!
                for r in parallel.replicas { r.prepare(step: i, of: totalForSchedule) }
                return trainer.step {
                    parallel.step(batch: batch.batchSize) { _, replica, rows in
                        replica.lossAndBackward(batch.input(rows: rows), targets: batch.targets(rows: rows))
                    }
                }
            }, evaluate: {
                evaluate(model, .validation, limit: t.eval_examples).map { ($0.name, $0.value) }
            }, poison: {
                model.outputLinear.visitParameters(prefix: "") { _, p in p.value.data[0] = .nan }
            }, log: log)
        } catch let d as Diverged {
            diverged = d
        }
        let summary = loop.summary(diverged: diverged, unitsPerStep: unitsPerStep, unit: family.unit, replicas: threads,
                                   forwardFLOPsPerUnit: model.forwardFLOPsPerUnit, gemmPeak: gemmPeak)
        if let outcome = summary.divergedOutcome { return outcome }
        var metrics = summary.metrics
        // The final validation metrics (what tuning selects on), also as the validation curve's last point.
        let validation = evaluate(model, .validation, limit: t.eval_examples)
        metrics += taskMetrics(validation, stage: Stage.validation)
        var curves = loop.curves
        curves += validation.map { CurvePoint(name: "val_" + $0.name, step: loop.stepsDone, value: $0.value) }
        metrics += taskMetrics(evaluate(model, .test, limit: nil), stage: "eval")
        metrics += referenceMetrics()
        metrics += costMetrics(model) + family.shapeMetrics
        model.setTraining(false)
        var rng = RNG(seed: seed).derived("latency")
        let latencyInput = family.latencyInput(batch: spec.measurement.latency_batch, rng: &rng)
        let stages = try compress(model, latencyInput: latencyInput)
        return TrialOutcome(status: .done, metrics: metrics + stages.metrics, curves: curves, samples: stages.samples,
                            error: stages.error)
    }

    /// The task metrics of `model` on `split` (at most `limit` examples), in evaluation mode.
    func evaluate(_ model: Model, _ split: DataSplit, limit: Int?) -> [MetricValue] {
        model.setTraining(false)
        defer { model.setTraining(true) }
        var metrics = MetricAccumulator(task: family.task)
        var seen = 0
        var batches = family.evaluationBatches(split, batchSize: max(spec.training.batch, family.minimumEvaluationBatch))
        while let batch = batches.next() {
            if let limit, seen >= limit { break }
            batch.record(model.logits(batch.input(rows: 0..<batch.batchSize)), into: &metrics)
            seen += batch.batchSize
        }
        return metrics.values()
    }

    /// The task's trivial reference (the headroom gate's), in the task loss's unit.
    func referenceMetrics() -> [Metric] {
        let reference = TaskReference.of(family.task)
        let lossUnit = family.task.metrics.first { $0.name == MetricSpec.loss.name || $0.name == MetricSpec.crossEntropy.name }?.unit
        var out = [Metric(stage: "eval", MetricSpec.referenceLoss.with(unit: lossUnit), value: reference.loss.isFinite ? reference.loss : nil)]
        if let chance = reference.chanceAccuracy { out.append(Metric(stage: "eval", .chanceAccuracy, value: chance)) }
        return out
    }

    /// The `eval` metrics of the trained model's size and cost.
    func costMetrics(_ model: Model) -> [Metric] {
        [
            Metric(stage: "eval", .parameters, value: Double(model.analyticParameterCount)),
            Metric(stage: "eval", .forwardFLOPs(family.unit), value: Double(model.forwardFLOPsPerUnit)),
            Metric(stage: "eval", .activationBytes(family.unit), value: Double(model.activationBytesPerUnit)),
            Metric(stage: "eval", .modelBytes, value: Double(model.modelBytes)),
        ]
    }
}
