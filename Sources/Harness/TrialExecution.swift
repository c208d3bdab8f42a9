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
        let previous = BLAS.threads
        BLAS.threads = max(1, threads)
        defer { BLAS.threads = previous }
        do {
            let task = try TaskCatalog.make(spec.task.id, parameters: spec.task.params.mapValues(\.parameterValue),
                                            seed: UInt64(spec.task.seed))
            if let sequence = task as? any SequenceTask {
                return try ModelTrial(spec: spec, family: SequenceFamily(spec: spec, task: sequence), threads: max(1, threads),
                                      gemmPeak: gemmPeak, log: log).run()
            }
            if let classifier = task as? any ClassifierTask {
                return try ModelTrial(spec: spec, family: ClassifierFamily(spec: spec, task: classifier), threads: max(1, threads),
                                      gemmPeak: gemmPeak, log: log).run()
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
