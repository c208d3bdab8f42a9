import Foundation
import Metrics
import NN
import Store
import Tensor

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
    /// The recorder of `measurement.internals`, nil when the trial records none.
    let internals: InternalsRecorder?
    var curves: [CurvePoint] = []
    /// The internals of the last measured step.
    var lastInternals: [String: Double] = [:]
    var lastLosses: [Double] = []
    var stepsDone = 0
    var wallSeconds = 0.0

    init(spec: TrialSpec, steps: Int?, internals: InternalsRecorder? = nil) {
        self.spec = spec
        self.steps = steps
        self.internals = internals
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
            // Internals are measured on the logged steps and the last one.
            let measured = internals != nil && (i % t.log_every == 0 || i == (steps ?? 0) - 1)
            if measured { internals?.begin() }
            let loss = step(i)
            if measured, let values = internals?.finish() {
                lastInternals = values
                for name in values.keys.sorted() {
                    curves.append(CurvePoint(name: Stage.internals + "." + name, step: i, value: values[name]))
                }
            }
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

    /// The internals of the last measured step (stage `internals`), in catalogue units when
    /// the catalogue knows the statistic.
    var internalsMetrics: [Metric] {
        lastInternals.keys.sorted().map { name in
            MetricSpec.named(name).map { Metric(stage: Stage.internals, $0, value: lastInternals[name]) }
                ?? Metric(stage: Stage.internals, name: name, value: lastInternals[name])
        }
    }

    /// Mean training loss over the last logging window.
    var finalLoss: Double? { lastLosses.isEmpty ? nil : lastLosses.reduce(0, +) / Double(lastLosses.count) }

    /// The `train` metrics of the loop, counted in `unit`s (an optimizer step trains
    /// `unitsPerStep` of them, e.g. examples or tokens), and, when it stopped at a non-finite
    /// loss, the `diverged` outcome to record instead of evaluating. Training FLOPs are
    /// 3 × the analytic forward FLOPs per unit (forward + backward's two products); MFU is
    /// their rate over `gemmPeak` GFLOP/s.
    func summary(diverged: Diverged?, unitsPerStep: Int, unit: TrainingUnit, replicas: Int,
                 forwardFLOPsPerUnit: Int, gemmPeak: Double?)
        -> (metrics: [Metric], divergedOutcome: TrialOutcome?)
    {
        let done = diverged?.step ?? stepsDone
        var metrics = [
            Metric(stage: "train", .steps, value: Double(done)),
            Metric(stage: "train", .trainingItems(unit), value: Double(done * unitsPerStep)),
            Metric(stage: "train", .finalLoss(unit), value: finalLoss),
        ] + internalsMetrics
        if let d = diverged {
            let outcome = TrialOutcome(status: .diverged, metrics: metrics, curves: curves,
                                       error: "training loss became \(d.loss) at step \(d.step)", failedStep: d.step)
            return (metrics, outcome)
        }
        metrics += [
            Metric(stage: "train", .wallSeconds, value: wallSeconds),
            Metric(stage: "train", .throughput(unit), value: wallSeconds > 0 ? Double(done * unitsPerStep) / wallSeconds : nil),
            Metric(stage: "train", .replicas, value: Double(replicas)),
        ]
        if wallSeconds > 0 {
            let flopsPerSecond = 3 * Double(forwardFLOPsPerUnit) * Double(done * unitsPerStep) / wallSeconds
            metrics.append(Metric(stage: "train", .trainFLOPsPerSecond, value: flopsPerSecond))
            if let gemmPeak, gemmPeak > 0 {
                metrics.append(Metric(stage: "train", .gemmPeak, value: gemmPeak * 1e9))
                metrics.append(Metric(stage: "train", .mfu, value: flopsPerSecond / (gemmPeak * 1e9)))
            }
        }
        return (metrics, nil)
    }
}
