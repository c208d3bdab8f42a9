import Foundation
import Metrics
import Statistics
import Store

extension MarkdownReport {
    /// One row per configuration and compression stage: quality, its paired change from each
    /// trial's own dense model, size and speed against dense. Nil when no stage was recorded.
    var compressionSection: String? {
        guard let q = QualityMetric.primary(of: data, policy: policy) else { return nil }
        var rows: [[String]] = []
        var anySimulated = false
        for c in data.configurations {
            for stage in Self.compressionStages(of: c) {
                let quality = Sample(c.values(stage: stage, name: q.name))
                guard quality.count > 0 else { continue }
                // Paired by trial: the stage against the dense model it was compressed from.
                let change = Sample(c.trials.compactMap { t -> Double? in
                    guard let dense = t.metric(stage: "eval", name: q.name), let compressed = t.metric(stage: stage, name: q.name) else { return nil }
                    return compressed - dense
                })
                let ratio = Sample(c.values(stage: stage, name: MetricSpec.compressionRatio.name))
                let speed = Sample(c.values(stage: stage, name: MetricSpec.latencyRatioToDense.name))
                let simulated = c.isSimulated(stage: stage, name: MetricSpec.latencyRatioToDense.name)
                anySimulated = anySimulated || simulated
                rows.append([Escaping.markdown(c.label), Markdown.code(Stage.compressionLabel(stage)!),
                             SeedInterval.text(quality.values, metric: q.name), Self.signedChangeText(change.values),
                             ratio.count > 0 ? NumberFormat.short(ratio.mean) + "×" : "–",
                             speed.count > 0 ? NumberFormat.short(speed.quantile(0.5)) + "×" + (simulated ? " (simulated)" : "") : "–"])
            }
        }
        guard !rows.isEmpty else { return nil }
        var s = "## Compression\n\nEach trained model compressed by each pipeline (stages of a chain in order). "
        s += "Change is the compressed model's \(Markdown.code(q.name)) minus its own dense model's, averaged over seeds "
        s += "[95% interval of the paired differences]; size is dense bytes over compressed bytes; "
        s += "latency is the median over seeds of compressed over dense median latency, timed interleaved in one process"
        s += anySimulated ? ". A `simulated` latency comes from a kernel that decodes the compressed weights before a dense product: it measures this implementation, not what the format could reach with a dedicated kernel.\n\n" : ".\n\n"
        s += Markdown.table(["configuration", "stage", Escaping.markdown("\(q.name) (mean)"), "change vs dense", "size", "latency vs dense"], rows,
                            alignRight: [2, 3, 4, 5])
        return s
    }

    /// The compression stages of `c`'s trials, in pipeline order (each stage's recorded index,
    /// then name).
    static func compressionStages(of c: Configuration) -> [String] {
        var index: [String: Double] = [:]
        for t in c.trials {
            for m in t.metrics where Stage.compressionLabel(m.stage) != nil {
                let i = m.name == MetricSpec.stageIndex.name ? (m.value ?? .infinity) : .infinity
                index[m.stage] = min(index[m.stage] ?? .infinity, i)
            }
        }
        return index.keys.sorted { (index[$0]!, $0) < (index[$1]!, $1) }
    }

    /// `+mean [low, high]` of paired differences, with an explicit sign (`–` when empty).
    static func signedChangeText(_ differences: [Double]) -> String {
        let text = SeedInterval.text(differences, metric: "")
        return text == "–" || text.hasPrefix("-") ? text : "+" + text
    }
}
