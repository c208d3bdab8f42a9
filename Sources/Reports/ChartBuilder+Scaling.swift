import Foundation
import Metrics
import ScalingLaws
import Statistics
import Store

extension ChartBuilder {
    /// Sweep axes that change a model's size or its training length.
    static let scaleAxisPrefixes = ["model.width", "model.depth", "model.ffn_ratio", "training.steps", "training.budget",
                                    "task.params.train_examples"]

    /// A trial's value on scale axis `axis`, as `ablate fit SWEEP --x` reads it: `params` is
    /// eval.params, `tokens` train.tokens, `flops` 3 × eval.flops_per_token × train.tokens, then a
    /// `stage.name` metric, else a numeric key of the trial's spec.
    static func scaleValue(_ t: TrialResults, axis: String) -> Double? {
        func metric(_ q: String) -> Double? { t.metrics.first { "\($0.stage).\($0.name)" == q }?.value }
        if let scale = ScaleAxis(rawValue: axis) { return scale.value(scale.inputs.map(metric)) }
        return metric(axis) ?? SweepData.specValue(t.trial.spec, axis).flatMap(Double.init)
    }

    /// Scaling curves on log-log axes: one chart per fitted (x, metric) pair with every saved fit of
    /// it (one per `--by` variant) drawn as a line with a bootstrap band and its held-out points
    /// marked; without fits, one chart of the loss against parameters when a scale axis is swept.
    /// Each configuration is a point at the mean over seeds with the seed range as error bars.
    public func scalingCharts(bandResamples: Int = 200) -> [Chart] {
        var pairs: [String] = []
        var byPair: [String: [FitRecord]] = [:]
        for f in data.fits where !f.x.contains(",") {
            let key = "\(f.x)|\(f.y)"
            if byPair[key] == nil { pairs.append(key) }
            // A later fit of the same variant replaces an earlier one.
            byPair[key, default: []].removeAll { $0.byKey == f.byKey && $0.byValue == f.byValue }
            byPair[key, default: []].append(f)
        }
        if pairs.isEmpty { return [unfittedScalingChart()].compactMap { $0 } }
        return pairs.enumerated().compactMap { i, key in
            fittedScalingChart(fits: byPair[key]!, name: pairs.count == 1 ? "scaling" : "scaling-\(i + 1)", resamples: bandResamples)
        }
    }

    private func points(_ trials: [TrialResults], x: String, stage: String, name: String) -> [[Double]] {
        var byConfiguration: [String: (x: Double, ys: [Double])] = [:]
        var order: [String] = []
        for t in trials {
            guard let xv = Self.scaleValue(t, axis: x), xv > 0,
                  let y = t.metric(stage: stage, name: name) else { continue }
            let key = SweepData.configurationKey(t.trial.spec)
            if byConfiguration[key] == nil { order.append(key); byConfiguration[key] = (xv, []) }
            byConfiguration[key]!.ys.append(y)
        }
        return order.map { k in
            let s = Sample(byConfiguration[k]!.ys)
            return [byConfiguration[k]!.x, s.mean, s.sorted.first!, s.sorted.last!]
        }.sorted { $0[0] < $1[0] }
    }

    private func unfittedScalingChart() -> Chart? {
        let scaleAxes = Set(data.axisNames.filter { a in Self.scaleAxisPrefixes.contains { a.hasPrefix($0) } })
        guard !scaleAxes.isEmpty else { return nil }
        let names = Set(data.metricNames.map(\.qualified))
        guard let y = ["eval.loss", "eval.cross_entropy", "eval.bits_per_byte"].first(where: names.contains) else { return nil }
        let parts = y.split(separator: ".").map(String.init)
        var series: [String: [TrialResults]] = [:]
        for t in data.finished { series[Self.seriesLabel(t.axes, dropping: scaleAxes), default: []].append(t) }
        let blocks = series.keys.sorted().map { DataBlock(label: $0, rows: points(series[$0]!, x: ScaleAxis.params.rawValue, stage: parts[0], name: parts[1])) }
        guard blocks.contains(where: { Set($0.rows.map { $0[0] }).count >= 3 }) else { return nil }
        var commands = Self.preamble(title: "Scaling: \(y) vs parameters", xLabel: "parameters", yLabel: y, logX: true, logY: true)
        let plots = blocks.indices.map { i in
            "'scaling.dat' index \(i) using 1:2:3:4 with yerrorlines lw 2 pt 7 lc \(i + 1) title \(Chart.quoted(blocks[i].label))"
        }
        commands += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
        return Chart(name: "scaling", title: "Scaling: \(y) against parameters",
                     caption: "Mean over seeds with the seed range as error bars; no scaling law was fitted (`ablate fit \(data.sweep.id) --metric \(y) --x params`).",
                     commands: commands, data: Chart.dataText(columns: [ScaleAxis.params.rawValue, "mean", "min", "max"], blocks: blocks))
    }

    private func fittedScalingChart(fits: [FitRecord], name: String, resamples: Int) -> Chart? {
        let x = fits[0].x, y = fits[0].y
        let parts = y.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        var blocks: [DataBlock] = []
        var plots: [String] = []
        for (i, f) in fits.enumerated() {
            let label = f.byKey.isEmpty ? "all" : f.byValue
            let trials = data.finished.filter { f.byKey.isEmpty || SweepData.specValue($0.trial.spec, f.byKey) == f.byValue }
            let pts = points(trials, x: x, stage: parts[0], name: parts[1])
            guard !pts.isEmpty else { continue }
            let color = i + 1
            blocks.append(DataBlock(label: "\(label): points", rows: pts))
            plots.append("'\(name).dat' index \(blocks.count - 1) using 1:2:3:4 with yerrorbars pt 7 lc \(color) title \(Chart.quoted(label))")
            guard let report = try? JSONCoding.decoder().decode(FitReport.self, from: Data(f.report.utf8)),
                  let form = FormCatalog.form(named: f.form, inputs: 1) else { continue }
            let line = fitLine(form: form, report: report, trials: trials, x: x, stage: parts[0], name: parts[1],
                               low: pts.first![0], high: pts.last![0], resamples: resamples)
            blocks.append(DataBlock(label: "\(label): \(f.form) fit", rows: line))
            let hasBand = line.contains { $0[2].isFinite }
            if hasBand {
                plots.append("'' index \(blocks.count - 1) using 1:3:4 with filledcurves fs transparent solid 0.15 noborder lc \(color) notitle")
            }
            plots.append("'' index \(blocks.count - 1) using 1:2 with lines lw 2 lc \(color) title \(Chart.quoted("\(label) \(f.form) fit"))")
            if let held = report.holdout?.points, !held.isEmpty {
                blocks.append(DataBlock(label: "\(label): held out", rows: held.map { [$0.x[0], $0.y] }))
                plots.append("'' index \(blocks.count - 1) using 1:2 with points pt 4 ps 2.2 lw 2 lc \(color) title \(Chart.quoted("\(label) held out"))")
            }
        }
        guard !blocks.isEmpty else { return nil }
        var commands = Self.preamble(title: "Scaling: \(y) vs \(x)", xLabel: x, yLabel: y, logX: true, logY: true)
        commands += "set style fill transparent solid 0.15 noborder\n"
        commands += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
        return Chart(name: name, title: "Scaling: \(y) against \(x)",
                     caption: "Points: mean over seeds, bars from the lowest to the highest seed. Lines: the saved fits; bands: "
                        + "pointwise 95% bootstrap intervals (\(resamples) resamples of seeds within configurations); open squares: held-out points.",
                     commands: commands, data: Chart.dataText(columns: [x, y, "low", "high"], blocks: blocks))
    }

    /// The fitted curve on 60 log-spaced x from `low` to `high`, with pointwise bootstrap bands
    /// (NaN when the points cannot be refitted).
    private func fitLine(form: any ScalingLawForm, report: FitReport, trials: [TrialResults], x: String, stage: String,
                         name: String, low: Double, high: Double, resamples: Int) -> [[Double]] {
        let grid = (0..<60).map { k in exp(log(low) + (log(high) - log(low)) * Double(k) / 59) }
        let theta = report.fit.coordinates
        var draws: [[Double]] = []
        var xs: [[Double]] = [], ys: [Double] = [], strata: [Int] = []
        var configurationIndex: [String: Int] = [:]
        for t in trials {
            guard let xv = Self.scaleValue(t, axis: x), let yv = t.metric(stage: stage, name: name),
                  xv > 0, yv > 0 else { continue }
            let key = SweepData.configurationKey(t.trial.spec)
            let c = configurationIndex[key] ?? configurationIndex.count
            configurationIndex[key] = c
            xs.append([xv]); ys.append(yv); strata.append(c)
        }
        if resamples > 0, let fitData = try? FitData(x: xs, y: ys, inputNames: [x], outputName: "\(stage).\(name)",
                                                     groups: Array(0..<ys.count), strata: strata) {
            var options = FitOptions()
            options.loss = report.fit.loss
            var b = BootstrapOptions()
            b.resamples = resamples
            b.seed = report.bootstrap?.seed ?? 0
            draws = Fitter(options: options).bootstrap(form, data: fitData, fit: report.fit, options: b).coordinateDraws
                .filter { $0.allSatisfy(\.isFinite) }
        }
        return grid.map { g in
            let center = form.predict(theta, x: [g])
            guard draws.count >= 20 else { return [g, center, .nan, .nan] }
            let values = draws.map { form.predict($0, x: [g]) }.filter(\.isFinite).sorted()
            return [g, center, Descriptive.quantile(sorted: values, 0.025), Descriptive.quantile(sorted: values, 0.975)]
        }
    }
}
