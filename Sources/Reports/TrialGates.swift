import Metrics
import Store

/// A check that a trial trained far enough for a claim on it to mean anything.
public enum Gate: String, Sendable, Codable, CaseIterable {
    case headroom, converged, stable, tuned
}

/// The thresholds of the gates.
public struct GateSettings: Sendable, Codable, Equatable {
    /// The least relative margin of the final validation loss below the task's reference loss.
    public var headroom: Double
    /// The largest share of the whole improvement the last fifth of training may bring.
    public var converged: Double
    /// A logged training loss above this many times the lowest before it (at least a tenth of the
    /// first loss) after warm-up fails `stable`.
    public var spike: Double

    public init(headroom: Double, converged: Double, spike: Double) {
        self.headroom = headroom
        self.converged = converged
        self.spike = spike
    }

    public static let standard = GateSettings(headroom: 0.1, converged: 0.05, spike: 3)
}

/// One gate's result for one trial.
public struct GateResult: Sendable, Codable, Equatable {
    public var gate: Gate
    public var passed: Bool
    public var detail: String

    public init(gate: Gate, passed: Bool, detail: String) {
        self.gate = gate
        self.passed = passed
        self.detail = detail
    }
}

/// The gates of one stored trial.
public enum TrialGates {
    /// `headroom`, `converged` and `stable` of `trial` (`tuned` is a configuration's, from its tuning).
    public static func evaluate(_ trial: TrialResults, settings: GateSettings) -> [GateResult] {
        [headroom(trial, settings: settings), converged(trial, settings: settings), stable(trial, settings: settings)]
    }

    /// The loss metric a trial records (`loss`, or `cross_entropy` for classifiers).
    static func lossName(_ trial: TrialResults) -> String? {
        [MetricSpec.loss.name, MetricSpec.crossEntropy.name].first { name in
            trial.metric(stage: Stage.validation, name: name) != nil || trial.curves.contains { $0.name == "val_" + name }
        }
    }

    static func headroom(_ trial: TrialResults, settings: GateSettings) -> GateResult {
        guard let name = lossName(trial), let loss = trial.metric(stage: Stage.validation, name: name),
              let reference = trial.metric(stage: "eval", name: MetricSpec.referenceLoss.name), reference > 0 else {
            return GateResult(gate: .headroom, passed: false, detail: "not measured: no final validation loss or reference loss recorded")
        }
        let margin = (reference - loss) / reference
        let text = "validation \(name) \(NumberFormat.short(loss)) is \(NumberFormat.short(margin * 100))% below the reference \(NumberFormat.short(reference))"
            + " (needs \(NumberFormat.short(settings.headroom * 100))%)"
        return GateResult(gate: .headroom, passed: margin >= settings.headroom, detail: text)
    }

    /// Converged: of the whole improvement (from the higher of the task's reference loss and the
    /// first validation point, down to the final validation loss), less than `converged` came in
    /// the last fifth of training. A share of the whole, not of the current loss, so that a loss
    /// approaching zero can count as converged; a model still above its reference that improves
    /// late does not.
    static func converged(_ trial: TrialResults, settings: GateSettings) -> GateResult {
        guard let name = lossName(trial) else {
            return GateResult(gate: .converged, passed: false, detail: "not measured: no validation curve")
        }
        let points = trial.curves.filter { $0.name == "val_" + name }.compactMap { p in p.value.map { (p.step, $0) } }.sorted { $0.0 < $1.0 }
        guard let last = points.last, let earlier = points.last(where: { Double($0.0) <= 0.8 * Double(last.0) && $0.0 < last.0 }) else {
            return GateResult(gate: .converged, passed: false,
                              detail: "not measured: no validation point at or before 80% of training (set training.eval_every ≤ steps/5)")
        }
        let start = max(trial.metric(stage: "eval", name: MetricSpec.referenceLoss.name) ?? -.infinity, points[0].1)
        let late = earlier.1 - last.1, whole = start - last.1
        // All of it came late when there was no improvement before.
        let share = late <= 0 ? 0 : whole > late ? late / whole : 1
        let text = "validation \(name) \(NumberFormat.short(earlier.1)) at step \(earlier.0) → \(NumberFormat.short(last.1)) at step \(last.0):"
            + " \(NumberFormat.short(share * 100))% of the improvement from \(NumberFormat.short(start)) came in the last fifth"
            + " (allowed \(NumberFormat.short(settings.converged * 100))%)"
        return GateResult(gate: .converged, passed: share < settings.converged, detail: text)
    }

    static func stable(_ trial: TrialResults, settings: GateSettings) -> GateResult {
        if trial.trial.status == .diverged {
            return GateResult(gate: .stable, passed: false, detail: "diverged at step \(trial.trial.failedStep.map(String.init) ?? "?")")
        }
        let warmup = SweepData.specValue(trial.trial.spec, "training.warmup").flatMap(Double.init) ?? 0
        let losses = trial.curves.filter { $0.name == "loss" }.sorted { $0.step < $1.step }.compactMap { p in p.value.map { (p.step, $0) } }
        // Single-batch losses near zero are noisy: the lowest counts as at least a tenth of the first.
        let floor = (losses.first?.1 ?? 0) / 10
        var lowest = Double.infinity
        for (step, v) in losses {
            let level = max(lowest, floor)
            if Double(step) >= warmup, lowest.isFinite, v > settings.spike * level {
                return GateResult(gate: .stable, passed: false,
                                  detail: "training loss \(NumberFormat.short(v)) at step \(step) is \(NumberFormat.short(v / level))× the lowest before it (\(NumberFormat.short(level)))")
            }
            lowest = min(lowest, v)
        }
        return GateResult(gate: .stable, passed: true, detail: "no loss spike above \(NumberFormat.short(settings.spike))× after warm-up")
    }
}
