import Metrics
import NN
import Store

/// Gathers a trial's `measurement.internals` from every replica of its model on the steps the
/// training loop measures: `begin()` switches the reporters on before the step, `finish()`
/// reads and switches them off after it. Off, no reporter gathers anything.
final class InternalsRecorder {
    let groups: Set<InternalsGroup>
    /// The replicas' reporters, each at its layer.
    private let reporters: [(layer: Int?, reporter: any InternalsReporting)]
    private var gradients: [String: Double] = [:]
    private var measuring = false

    /// A recorder of `groups` over `replicas`; with `gradients`, it observes `trainer`'s
    /// gradients (the replicas' sum, before clipping) on measured steps.
    init<Model: InternalsSource>(groups: [InternalsGroup], replicas: [Model], trainer: Trainer) {
        self.groups = Set(groups)
        // Layers gather only for the groups they report; gradients alone need none of them.
        reporters = self.groups.subtracting([.gradients]).isEmpty ? [] : replicas.flatMap(\.internalsReporters)
        if self.groups.contains(.gradients), let model = replicas.first {
            trainer.gradientObserver = { [weak self] parameters in
                guard let self, measuring else { return }
                gradients = Self.gradientStatistics(parameters.gradientNorms(byLayer: model.internalsLayer(ofParameter:)))
            }
        }
    }

    /// Switches gathering on for the next step.
    func begin() {
        measuring = true
        for r in reporters { r.reporter.recordsInternals = true }
    }

    /// Switches gathering off and returns the step's statistics of the recorded groups by
    /// metric name (`attention.entropy.L0`, `logits.mean_log_z`), each averaged over the
    /// replicas that reported it; undefined and non-finite values are absent.
    func finish() -> [String: Double] {
        measuring = false
        var values: [String: [Double]] = [:]
        for (layer, reporter) in reporters {
            reporter.recordsInternals = false
            for (key, value) in reporter.takeInternals() where value.isFinite {
                guard let group = InternalsGroup.of(key: key), groups.contains(group) else { continue }
                values[layer.map { MetricSpec.named(key)?.atLayer($0).name ?? key + ".L\($0)" } ?? key, default: []].append(value)
            }
        }
        var out = values.mapValues { $0.reduce(0, +) / Double($0.count) }
        out.merge(gradients.filter(\.value.isFinite)) { a, _ in a }
        gradients = [:]
        return out
    }

    /// `gradients.norm.L<i>` per layer and `gradients.spread`, the largest over the smallest
    /// (a ratio, so clipping's common scale does not change it; absent when a layer's is 0).
    static func gradientStatistics(_ norms: [Int: Double]) -> [String: Double] {
        var out: [String: Double] = [:]
        for (layer, norm) in norms { out[MetricSpec.gradientNorm.atLayer(layer).name] = norm }
        if let low = norms.values.min(), let high = norms.values.max(), low > 0 {
            out[MetricSpec.gradientSpread.name] = high / low
        }
        return out
    }
}
