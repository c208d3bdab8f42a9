import Foundation
import Metrics
import Statistics

extension ChartBuilder {
    /// The sweep axis holding the learning rate, when the sweep varies it.
    var learningRateAxis: String? { data.axisNames.first { $0 == "training.lr" || $0.hasSuffix(".lr") } }

    /// Final loss against learning rate (log x), one series per configuration of the other axes
    /// (so widths get separate series): the mean over seeds with the seed range as error bars;
    /// diverged trials are drawn as crosses along the top. Nil when the lr is not a sweep axis.
    public func learningRateChart() -> Chart? {
        guard let axis = learningRateAxis else { return nil }
        let names = Set(data.metricNames.map(\.qualified))
        let metric = names.contains("eval." + MetricSpec.loss.name) ? ("eval", MetricSpec.loss.name) : ("train", MetricSpec.finalLoss(.token).name)
        guard names.contains("\(metric.0).\(metric.1)") else { return nil }
        var series: [String: [(lr: Double, values: [Double])]] = [:]
        var order: [String] = []
        for c in data.configurations {
            guard let lr = Double(SweepData.axisValues(c.trials[0].axes)[axis] ?? "") else { continue }
            let label = Self.seriesLabel(c.trials[0].axes, dropping: [axis])
            if series[label] == nil { order.append(label) }
            series[label, default: []].append((lr, c.values(stage: metric.0, name: metric.1)))
        }
        var blocks = order.map { label in
            DataBlock(label: label, rows: series[label]!.sorted { $0.lr < $1.lr }.compactMap { p in
                let s = Sample(p.values)
                return s.count > 0 ? [p.lr, s.mean, s.sorted.first!, s.sorted.last!] : nil
            })
        }
        guard blocks.contains(where: { $0.rows.count >= 2 }) else { return nil }
        let top = blocks.flatMap { $0.rows.map { $0[3] } }.max() ?? 1
        let diverged = data.trials.filter { $0.trial.status == .diverged }.compactMap { t in
            Double(SweepData.axisValues(t.axes)[axis] ?? "").map { [$0, top * 1.05, 0, 0] }
        }
        var commands = Self.preamble(title: "Learning-rate sensitivity", xLabel: "learning rate",
                                     yLabel: "\(metric.0).\(metric.1)", logX: true)
        var plots = blocks.indices.map { i in
            "'learning-rate.dat' index \(i) using 1:2:3:4 with yerrorlines lw 2 pt 7 lc \(i + 1) title \(Chart.quoted(blocks[i].label))"
        }
        if !diverged.isEmpty {
            blocks.append(DataBlock(label: "diverged", rows: diverged))
            plots.append("'learning-rate.dat' index \(blocks.count - 1) using 1:2 with points pt 2 ps 2 lc rgb '#cc0000' title 'diverged'")
        }
        commands += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
        return Chart(name: "learning-rate", title: "Learning-rate sensitivity",
                     caption: "\(metric.0).\(metric.1) against the learning rate: mean over seeds, bars from the lowest to the highest seed"
                        + (diverged.isEmpty ? "." : "; crosses along the top are diverged trials."),
                     commands: commands, data: Chart.dataText(columns: ["lr", "mean", "min", "max"], blocks: blocks))
    }
}
