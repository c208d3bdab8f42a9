import Metrics
import Statistics

extension ChartBuilder {
    /// The mechanism statistics in two figures of one panel per statistic, one series per
    /// configuration (mean over seeds): the final value by layer, and the curve over steps
    /// (mean over layers). Empty when no trial recorded internals.
    public func internalsCharts() -> [Chart] {
        guard let summary = InternalsSummary(data) else { return [] }
        let configurations = data.configurations
        let labels = configurations.map { Self.seriesLabel($0.trials[0].axes, dropping: []) }
        let perLayer = summary.statistics.filter(\.perLayer)
        let byLayer = Self.panels(name: "internals-by-layer", statistics: perLayer.map(\.name), xLabel: "layer", labels: labels) { s, c in
            perLayer[s].layers.compactMap { layer in
                layer.flatMap { l in
                    let v = summary.finalValues(configurations[c], perLayer[s].name, layer: l)
                    return v.isEmpty ? nil : [Double(l), Sample(v).mean]
                }
            }
        }
        let curves = Self.panels(name: "internals-curves", statistics: summary.statistics.map(\.name), xLabel: "step", labels: labels) { s, c in
            summary.curve(configurations[c], summary.statistics[s]).map { [Double($0.step), $0.value] }
        }
        return [
            byLayer.map { Chart(name: "internals-by-layer", title: "Mechanism metrics by layer", caption:
                "Each statistic at the last measured step against the layer, mean over seeds, one line per configuration.",
                commands: $0.commands, data: $0.data, heightScale: $0.heightScale) },
            curves.map { Chart(name: "internals-curves", title: "Mechanism metrics over training", caption:
                "Each statistic against the step (mean over layers and seeds), one line per configuration.",
                commands: $0.commands, data: $0.data, heightScale: $0.heightScale) },
        ].compactMap { $0 }
    }

    /// A multiplot of one panel per statistic (two columns), each with one series per label;
    /// `rows(statistic, label)` gives a series' (x, y) rows. Nil without any row. Only the
    /// first panel has the key, outside on the right; every panel keeps the same margin.
    static func panels(name: String, statistics: [String], xLabel: String, labels: [String],
                       rows: (Int, Int) -> [[Double]]) -> (commands: String, data: String, heightScale: Double)? {
        var blocks: [DataBlock] = []
        for s in statistics.indices {
            for c in labels.indices { blocks.append(DataBlock(label: "\(statistics[s]) \(labels[c])", rows: rows(s, c))) }
        }
        guard blocks.contains(where: { !$0.rows.isEmpty }) else { return nil }
        let columns = min(2, statistics.count), panelRows = (statistics.count + 1) / 2
        var commands = "set multiplot layout \(panelRows),\(columns)\n"
        for (s, statistic) in statistics.enumerated() {
            let unit = MetricSpec.named(statistic)?.unit ?? ""
            commands += preamble(title: statistic, xLabel: xLabel, yLabel: unit)
            commands += "set rmargin 16\nset offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05\n"
            commands += (xLabel == "layer" ? "set xtics 1\n" : "") + (s == 0 ? "" : "unset key\n")
            let plots = labels.indices.map { c in
                "'\(name).dat' index \(s * labels.count + c) using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc \(c + 1) title \(Chart.quoted(labels[c]))"
            }
            commands += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
        }
        commands += "unset multiplot\n"
        return (commands, Chart.dataText(columns: [xLabel, "mean"], blocks: blocks), max(1, Double(panelRows) / 1.5))
    }
}
