import Foundation
import Tensor

extension SweepPlan {
    /// The `ablate run --dry-run` report: the trial count, the axes, a rough estimate of the
    /// training compute and time, and the first 50 trials with their axis values.
    public var dryRunText: String {
        var lines = ["suite \(suite.name): \(trials.count) final trial(s)"]
        if !tuningTrials.isEmpty {
            lines.append("tuning first: \(tuningTrials.count) trial(s) on the validation split (more if a best value lies at an edge);"
                         + " the final trials then take each configuration's selected values, so their keys are known only after tuning")
        }
        lines.append("axes: " + axes.map { "\($0.name) (\($0.count))" }.joined(separator: " × "))
        var flops = 0.0
        var estimate = TrialEstimate()
        for t in tuningTrials + trials {
            if let f = estimate.trainingFLOPs(t.spec) { flops += f }
        }
        // A CPU core sustains roughly 20–40 GFLOP/s on these small GEMMs; say 25 per core.
        let seconds = flops / (25e9 * Double(max(1, CPU.cores)))
        lines.append(String(format: "estimated training compute: %.3g FLOPs, roughly %.0f s on %d cores (plus evaluation and latency)", flops, seconds, CPU.cores))
        // A tuned suite's final keys depend on the selection: list the tuning trials instead.
        let listed = tuningTrials.isEmpty ? trials : tuningTrials
        for t in listed.prefix(50) {
            lines.append("  \(t.key)  " + t.axes.map { "\($0.0)=\($0.1.flowText)" }.joined(separator: " "))
        }
        if listed.count > 50 { lines.append("  … \(listed.count - 50) more") }
        lines.append("dry run: nothing written")
        return lines.joined(separator: "\n")
    }
}
