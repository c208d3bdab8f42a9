import Metrics
import Statistics
import Store

extension MarkdownReport {
    /// The final value of every mechanism statistic by layer and configuration (mean over
    /// seeds; `–` where it is undefined, e.g. the kurtosis of a constant output). Nil when
    /// no trial recorded internals.
    var internalsSection: String? {
        guard let summary = InternalsSummary(data) else { return nil }
        let layers = Set(summary.statistics.flatMap(\.layers).compactMap { $0 }).sorted()
        let modelColumn = summary.statistics.contains { $0.layers.contains(nil) }
        var header = ["statistic", "unit", "configuration"]
        if modelColumn { header.append("model") }
        header += layers.map { "L\($0)" }
        var rows: [[String]] = []
        for statistic in summary.statistics {
            let unit = MetricSpec.named(statistic.name)?.unit ?? ""
            for c in data.configurations {
                func cell(_ layer: Int?) -> String {
                    let values = summary.finalValues(c, statistic.name, layer: layer)
                    return values.isEmpty ? "–" : NumberFormat.short(Sample(values).mean)
                }
                rows.append([Markdown.code(statistic.name), unit, c.label] + (modelColumn ? [cell(nil)] : []) + layers.map(cell))
            }
        }
        var s = "## Mechanism metrics\n\n"
        s += "Stage `\(Stage.internals)` (`measurement.internals`): each statistic at the last measured training step, "
        s += "by layer, mean over seeds; `–` where it is undefined (no value: a constant output has no kurtosis) or not recorded. "
        s += "Curves are recorded every `log_every` steps as `\(Stage.internals).<statistic>.L<layer>`.\n\n"
        s += Markdown.table(header, rows, alignRight: Set(3..<header.count))
        return s
    }
}
