import Statistics

extension ChartBuilder {
    /// Training loss against step, one series per configuration: the median over seeds with a
    /// band from the lowest to the highest seed. Nil when no trial logged a `loss` curve.
    public func trainingCurvesChart(curve: String = "loss") -> Chart? {
        var blocks: [DataBlock] = []
        for c in data.configurations {
            var byStep: [Int: [Double]] = [:]
            for t in c.trials {
                for p in t.curves where p.name == curve { if let v = p.value { byStep[p.step, default: []].append(v) } }
            }
            guard !byStep.isEmpty else { continue }
            let rows = byStep.keys.sorted().map { step -> [Double] in
                let s = Sample(byStep[step]!)
                return [Double(step), s.median, s.sorted.first!, s.sorted.last!]
            }
            blocks.append(DataBlock(label: Self.seriesLabel(c.trials[0].axes, dropping: []), rows: rows))
        }
        guard !blocks.isEmpty else { return nil }
        let name = "training-\(curve)"
        var commands = Self.preamble(title: "Training \(curve)", xLabel: "step", yLabel: curve, logY: true)
        commands += "set style fill transparent solid 0.18 noborder\n"
        let plots = blocks.indices.map { i in
            "'\(name).dat' index \(i) using 1:3:4 with filledcurves lc \(i + 1) notitle, "
                + "'' index \(i) using 1:2 with lines lw 2 lc \(i + 1) title \(Chart.quoted(blocks[i].label))"
        }
        commands += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
        let seeds = data.configurations.map(\.trials.count).max() ?? 0
        return Chart(name: name, title: "Training \(curve) by configuration",
                     caption: "Median over seeds (up to \(seeds) per configuration); the band spans the lowest and highest seed.",
                     commands: commands, data: Chart.dataText(columns: ["step", "median", "min", "max"], blocks: blocks))
    }
}
