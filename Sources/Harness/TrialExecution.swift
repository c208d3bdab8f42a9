import Configuration
import Foundation
import NN
import Store
import Tasks
import Tensor
import Variants

/// Runs one trial in this process: builds the task and the model from the spec, trains
/// with curves, evaluates on the held-out test split, counts cost and times inference.
/// Returns the outcome to store (`done`, or `diverged` at its step, or `failed` with the reason).
public enum TrialExecution {
    /// Runs `spec` with `threads` cores (one data-parallel replica per thread for training,
    /// BLAS with `threads` threads for evaluation and latency). `gemmPeak` (GFLOP/s of this
    /// machine's sgemm at `threads` threads, measured by the runner) turns throughput into
    /// MFU; without it no MFU is recorded. `log` receives progress lines.
    public static func run(_ spec: TrialSpec, threads: Int, gemmPeak: Double? = nil,
                           log: @escaping (String) -> Void = { _ in }) -> TrialOutcome {
        BLAS.threads = max(1, threads)
        do {
            let task = try TaskCatalog.make(spec.task.id, parameters: spec.task.params.mapValues(\.parameterValue),
                                            seed: UInt64(spec.task.seed))
            if let sequence = task as? any SequenceTask {
                return try SequenceTrial(spec: spec, task: sequence, threads: max(1, threads), gemmPeak: gemmPeak, log: log).run()
            }
            if let classifier = task as? any ClassifierTask {
                return try ClassifierTrial(spec: spec, task: classifier, threads: max(1, threads), gemmPeak: gemmPeak, log: log).run()
            }
            return TrialOutcome(status: .failed, error: "\(spec.task.id): the harness trains sequence and classifier tasks only")
        } catch {
            return TrialOutcome(status: .failed, error: "\(error)")
        }
    }

    /// The optimizer the spec names.
    static func optimizer(_ t: TrialSpec.TrainingPart) -> Optimizer {
        t.optimizer == .sgd ? SGD(momentum: Float(t.momentum), weightDecay: Float(t.weight_decay))
            : AdamW(beta1: Float(t.beta1), beta2: Float(t.beta2), weightDecay: Float(t.weight_decay))
    }

    /// The schedule the spec names over `total` steps (a time budget trains at a constant rate).
    static func schedule(_ t: TrialSpec.TrainingPart, total: Int?) -> LearningRateSchedule {
        guard let total else { return .constant }
        switch t.schedule {
        case .cosine: return .warmupCosine(warmup: t.warmup, total: total, minRatio: Float(t.min_lr_ratio))
        case .wsd:
            return .warmupStableDecay(warmup: t.warmup, decay: t.decay_steps > 0 ? t.decay_steps : max(1, total / 5),
                                      total: total, minRatio: Float(t.min_lr_ratio))
        case .constant: return .constant
        }
    }

    /// Steps for the spec's length: `steps`, or a token or FLOP budget divided by what one
    /// step consumes; nil for a time budget.
    static func steps(_ t: TrialSpec.TrainingPart, tokensPerStep: Int, forwardFLOPsPerToken: Int) -> Int? {
        if let s = t.steps { return s }
        if let tokens = t.budget?.tokens { return max(1, Int((Double(tokens) / Double(tokensPerStep)).rounded(.up))) }
        if let flops = t.budget?.flops {
            return max(1, Int((flops / (3 * Double(forwardFLOPsPerToken) * Double(tokensPerStep))).rounded(.up)))
        }
        return nil
    }
}

/// Raised inside the training loop when the loss is not finite.
struct Diverged: Error {
    let step: Int
    let loss: Float
}

/// The training loop shared by model families: steps, curves, periodic evaluation,
/// divergence and injected faults.
struct TrainingLoop {
    let spec: TrialSpec
    let steps: Int?
    let seconds: Double?
    var curves: [CurvePoint] = []
    var lastLosses: [Double] = []
    var stepsDone = 0
    var wallSeconds = 0.0

    init(spec: TrialSpec, steps: Int?) {
        self.spec = spec
        self.steps = steps
        seconds = steps == nil ? spec.training.budget?.seconds : nil
    }

    /// Runs `step(i)` (one optimizer step returning the loss) until the length is reached.
    /// `lr()` gives the rate of the next step, `evaluate()` the validation metrics,
    /// `poison()` makes the next loss non-finite (the `nan` fault).
    mutating func run(trainer: Trainer, step: (Int) -> Float, evaluate: () -> [(String, Double)], poison: () -> Void,
                      log: (String) -> Void) throws {
        let t = spec.training
        let start = Clock.now()
        var i = 0
        while true {
            if let steps, i >= steps { break }
            if let seconds, Clock.now() - start >= seconds { break }
            if let fault = spec.debug, fault.fault_step == i {
                switch fault.fault {
                case .crash: fatalError("injected fault (debug.fault = crash) at step \(i)")
                case .hang: while true { sleep(1) }
                case .nan: poison()
                case .none: break
                }
            }
            let lr = trainer.learningRate
            let loss = step(i)
            if !loss.isFinite { throw Diverged(step: i, loss: loss) }
            lastLosses.append(Double(loss))
            if lastLosses.count > t.log_every { lastLosses.removeFirst() }
            if i % t.log_every == 0 {
                curves.append(CurvePoint(name: "loss", step: i, value: Double(loss)))
                curves.append(CurvePoint(name: "lr", step: i, value: Double(lr)))
            }
            if t.eval_every > 0 && i > 0 && i % t.eval_every == 0 {
                for (name, value) in evaluate() { curves.append(CurvePoint(name: "val_" + name, step: i, value: value)) }
                log("step \(i): loss \(loss)")
            }
            i += 1
        }
        stepsDone = i
        wallSeconds = Clock.now() - start
    }

    /// Mean training loss over the last logging window.
    var finalLoss: Double? { lastLosses.isEmpty ? nil : lastLosses.reduce(0, +) / Double(lastLosses.count) }

    /// The `train` metrics of the loop, counted in `unit`s (an optimizer step trains
    /// `unitsPerStep` of them, e.g. examples or tokens), and, when it stopped at a non-finite
    /// loss, the `diverged` outcome to record instead of evaluating. Training FLOPs are
    /// 3 × the analytic forward FLOPs per unit (forward + backward's two products); MFU is
    /// their rate over `gemmPeak` GFLOP/s.
    func summary(diverged: Diverged?, unitsPerStep: Int, unit: String, replicas: Int,
                 forwardFLOPsPerUnit: Int, gemmPeak: Double?)
        -> (metrics: [Metric], divergedOutcome: TrialOutcome?)
    {
        let done = diverged?.step ?? stepsDone
        var metrics = [
            Metric(stage: "train", name: "steps", value: Double(done), unit: "steps"),
            Metric(stage: "train", name: "tokens", value: Double(done * unitsPerStep), unit: unit + "s"),
            Metric(stage: "train", name: "final_loss", value: finalLoss, unit: "nats/" + unit),
        ]
        if let d = diverged {
            let outcome = TrialOutcome(status: .diverged, metrics: metrics, curves: curves,
                                       error: "training loss became \(d.loss) at step \(d.step)", failedStep: d.step)
            return (metrics, outcome)
        }
        metrics += [
            Metric(stage: "train", name: "wall_s", value: wallSeconds, unit: "s"),
            Metric(stage: "train", name: "tokens_per_s", value: wallSeconds > 0 ? Double(done * unitsPerStep) / wallSeconds : nil,
                   unit: unit + "s/s"),
            Metric(stage: "train", name: "replicas", value: Double(replicas), unit: "threads"),
        ]
        if wallSeconds > 0 {
            let flopsPerSecond = 3 * Double(forwardFLOPsPerUnit) * Double(done * unitsPerStep) / wallSeconds
            metrics.append(Metric(stage: "train", name: "train_flops_per_s", value: flopsPerSecond, unit: "FLOP/s"))
            if let gemmPeak, gemmPeak > 0 {
                metrics.append(Metric(stage: "train", name: "gemm_peak_flops_per_s", value: gemmPeak * 1e9, unit: "FLOP/s"))
                metrics.append(Metric(stage: "train", name: "mfu", value: flopsPerSecond / (gemmPeak * 1e9), unit: "ratio"))
            }
        }
        return (metrics, nil)
    }
}

extension TrialSpec.MeasurementPart {
    var latencyProtocol: LatencyProtocol {
        LatencyProtocol(warmupIterations: warmup_iterations, warmupSeconds: warmup_seconds, minSamples: min_samples,
                        minSeconds: min_seconds, bootstrapResamples: bootstrap)
    }
}

/// The latency metrics and samples of a summary, in `stage`.
func latencyRecords(_ s: LatencySummary, threads: Int, batch: Int, stage: String = "eval") -> ([Metric], SampleSeries) {
    var m = [
        Metric(stage: stage, name: "latency_median_s", value: s.median, unit: "s"),
        Metric(stage: stage, name: "latency_p90_s", value: s.p90, unit: "s"),
        Metric(stage: stage, name: "latency_mad_s", value: s.mad, unit: "s"),
        Metric(stage: stage, name: "latency_median_ci_low_s", value: s.medianLow, unit: "s"),
        Metric(stage: stage, name: "latency_median_ci_high_s", value: s.medianHigh, unit: "s"),
        Metric(stage: stage, name: "latency_samples", value: Double(s.samples.count), unit: "count"),
        Metric(stage: stage, name: "latency_calls_per_sample", value: Double(s.callsPerSample), unit: "count"),
        Metric(stage: stage, name: "latency_batch", value: Double(batch), unit: "examples"),
        Metric(stage: stage, name: "blas_threads", value: Double(threads), unit: "threads"),
    ]
    if let p99 = s.p99 { m.append(Metric(stage: stage, name: "latency_p99_s", value: p99, unit: "s")) }
    return (m, SampleSeries(stage: stage, name: "latency", unit: "s", values: s.samples))
}

/// Task metrics as store metrics of `stage`.
func taskMetrics(_ values: [MetricValue], stage: String) -> [Metric] {
    values.map { Metric(stage: stage, name: $0.name, value: $0.value, unit: $0.spec.unit) }
}
