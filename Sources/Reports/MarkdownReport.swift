import Foundation
import Metrics
import ScalingLaws
import Statistics
import Store

/// The Markdown text of a sweep's report. It depends only on the store's contents and the
/// arguments (no clock, no host), so the same store gives the same bytes.
public struct MarkdownReport: Sendable {
    /// The sweep.
    public let data: SweepData
    /// The figures, in order, and the format they were rendered in.
    public let charts: [Chart]
    public let format: FigureFormat
    /// Why the figures are not rendered (gnuplot missing or failing); nil when they are.
    public let figureNote: String?
    /// A comparison with a baseline sweep, as Markdown (nil without `--baseline`).
    public let baseline: String?
    /// The command that regenerates the report.
    public let command: String
    public let policy: MetricPolicy

    /// A report of `data` with `charts`.
    public init(data: SweepData, charts: [Chart], format: FigureFormat = .svg, figureNote: String? = nil,
                baseline: String? = nil, command: String, policy: MetricPolicy = MetricPolicy()) {
        self.data = data; self.charts = charts; self.format = format; self.figureNote = figureNote
        self.baseline = baseline; self.command = command; self.policy = policy
    }

    /// The whole report.
    public var text: String {
        [header, summary, claimsSection, tuningSection, overview, compressionSection, internalsSection, fitsSection, paretoSection, figuresSection, baselineSection,
         failuresSection, perConfiguration, provenanceSection].compactMap { $0 }.joined(separator: "\n")
    }

    private var header: String {
        var s = "# \(Escaping.markdown(data.sweep.suite)): sweep \(Markdown.code(data.sweep.id))\n\n"
        if !data.sweep.description.isEmpty { s += Markdown.paragraphs(data.sweep.description) + "\n" }
        return s
    }

    private var summary: String {
        var counts: [TrialStatus: Int] = [:]
        for t in data.trials { counts[t.trial.status, default: 0] += 1 }
        let configurations = data.configurations
        let seeds = configurations.map(\.trials.count)
        var s = "## Summary\n\n"
        s += "- Trials: \(data.trials.count) planned; " + TrialStatus.allCases.compactMap { st in
            counts[st].map { "\($0) \(st.rawValue)" }
        }.joined(separator: ", ") + ".\n"
        s += "- Configurations finished: \(configurations.count)"
        if let lo = seeds.min(), let hi = seeds.max() { s += ", \(lo == hi ? "\(lo)" : "\(lo)–\(hi)") seed(s) each" }
        s += ".\n"
        let axes = data.axisNames
        s += "- Sweep axes: " + (axes.isEmpty ? "none" : axes.map(Markdown.code).joined(separator: ", ")) + " (and seeds).\n"
        if let q = QualityMetric.primary(of: data, policy: policy) {
            s += "- Quality metric for fronts: \(Markdown.code("eval." + q.name)) (\(q.polarity == .higherIsBetter ? "higher" : "lower") is better).\n"
        }
        s += "- Intervals: \(EffectSettings().method).\n"
        return s
    }

    /// The metrics of the overview table: quality metrics of the eval stage, then costs.
    private var overviewMetrics: [MetricName] {
        let names = data.metricNames
        let quality = names.filter { $0.stage == "eval" && policy.polarity($0.name) != .neutral && !policy.isTiming($0.name)
            && !$0.name.hasSuffix("bytes") }
        let costs = ["eval.latency_median_s", "eval.model_bytes", "eval.params", "train.wall_s"].compactMap { q in
            names.first { $0.qualified == q }
        }
        return quality + costs
    }

    private var overview: String? {
        let metrics = overviewMetrics
        let configurations = data.configurations
        guard !metrics.isEmpty, !configurations.isEmpty else { return nil }
        let header = ["configuration", "seeds"] + metrics.map { Escaping.markdown($0.qualified + ($0.unit.isEmpty ? "" : " (\($0.unit))")) }
        let rows = configurations.map { c in
            [Escaping.markdown(c.label), String(c.trials.count)] + metrics.map { m in SeedInterval.text(c.values(stage: m.stage, name: m.name), metric: m.name) }
        }
        return "## Overview\n\nMean over seeds [95% interval] (see Summary); a value alone is the same for every seed.\n\n"
            + Markdown.table(header, rows, alignRight: Set(1..<header.count))
    }

    private var perConfiguration: String? {
        let configurations = data.configurations
        guard !configurations.isEmpty else { return nil }
        var s = "## Results by configuration\n\nEvery metric each configuration recorded (click to expand).\n"
        for c in configurations {
            // Collapsed: with compression stages and per-layer metrics a section runs to ~150 rows.
            s += "\n<details><summary>\(Markdown.html(c.label))</summary>\n\n\(c.trials.count) seed(s): "
                + c.trials.map { String($0.trial.seed) }.joined(separator: ", ") + ".\n\n"
            var rows: [[String]] = []
            for m in data.metricNames {
                let v = Sample(c.values(stage: m.stage, name: m.name))
                guard v.count > 0 else { continue }
                let interval = SeedInterval.of(v.values, metric: m.name).map { "[\(NumberFormat.short($0.low)), \(NumberFormat.short($0.high))]" } ?? "–"
                let label = c.isSimulated(stage: m.stage, name: m.name) ? " (simulated)" : ""
                rows.append([Escaping.markdown(m.qualified) + label, Escaping.markdown(m.unit), NumberFormat.short(v.mean), interval, String(v.count)])
            }
            s += Markdown.table(["metric", "unit", "mean", "95% interval", "n"], rows, alignRight: [2, 3, 4])
            s += "\n</details>\n"
        }
        return s
    }

    private var fitsSection: String? {
        guard !data.fits.isEmpty else { return nil }
        var rows: [[String]] = []
        var decoded: [(FitRecord, FitReport)] = []
        for f in data.fits {
            let report = try? JSONCoding.decoder().decode(FitReport.self, from: Data(f.report.utf8))
            if let report { decoded.append((f, report)) }
            let intervals = report?.bootstrap.map { Dictionary($0.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
            let parameters = (report?.fit.parameters ?? []).map { p -> String in
                guard let i = intervals[p.name] else { return "\(Escaping.markdown(p.name)) = \(NumberFormat.short(p.value))" }
                return "\(Escaping.markdown(p.name)) = \(NumberFormat.short(p.value)) [\(NumberFormat.short(i.lower)), \(NumberFormat.short(i.upper))]"
            }.joined(separator: "; ")
            rows.append([f.byKey.isEmpty ? "all" : "\(f.byKey)=\(f.byValue)", f.form, f.y, f.x].map(Escaping.markdown) + [String(f.points),
                         parameters.isEmpty ? "(no report)" : parameters,
                         f.heldoutError.map { NumberFormat.percent($0).replacingOccurrences(of: "+", with: "") } ?? "–"])
        }
        var s = "## Scaling-law fits\n\nParameters with 95% bootstrap intervals; held-out error is the mean absolute relative "
            + "error of the refit's prediction on the held-out points.\n\n"
        s += Markdown.table(["variant", "form", "y", "x", "points", "parameters", "held-out error"], rows, alignRight: [4, 6])
        let crossings = crossovers(decoded)
        if !crossings.isEmpty {
            s += "\nCrossovers of the fitted curves (point estimates, searched from a tenth of the smallest to 1000× the largest x fitted):\n\n"
            s += Markdown.table(["x", "y", "variants", "crossover"], crossings, alignRight: [3])
        }
        return s
    }

    /// Where pairs of one-input fits of the same (x, y) and different variants cross.
    private func crossovers(_ fits: [(FitRecord, FitReport)]) -> [[String]] {
        var rows: [[String]] = []
        let single = fits.filter { !$0.0.byKey.isEmpty && !$0.0.x.contains(",") }
        for i in single.indices {
            for j in single.indices where j > i && single[i].0.x == single[j].0.x && single[i].0.y == single[j].0.y {
                let (f1, r1) = single[i], (f2, r2) = single[j]
                guard let form1 = FormCatalog.form(named: f1.form, inputs: 1), let form2 = FormCatalog.form(named: f2.form, inputs: 1) else { continue }
                let xs = data.finished.compactMap { ChartBuilder.scaleValue($0, axis: f1.x) }.filter { $0 > 0 }
                guard let lo = xs.min(), let hi = xs.max() else { continue }
                let x = Crossover.find(lower: lo / 10, upper: hi * 1000, { form1.predict(r1.fit.coordinates, x: [$0]) },
                                       { form2.predict(r2.fit.coordinates, x: [$0]) })
                rows.append([f1.x, f1.y, "\(f1.byValue) vs \(f2.byValue)"].map(Escaping.markdown) + [x.map(NumberFormat.short) ?? "none in range"])
            }
        }
        return rows
    }

    private var paretoSection: String? {
        let builder = ChartBuilder(data: data, policy: policy)
        guard let q = QualityMetric.primary(of: data, policy: policy) else { return nil }
        var s = ""
        for axis in [ChartBuilder.CostAxis.latency, .modelBytes] {
            let points = builder.paretoPoints(x: axis)
            guard points.count >= 2 else { continue }
            let rows = points.filter(\.onFrontier).sorted { $0.cost < $1.cost }.map { p in
                [Escaping.markdown(p.label), NumberFormat.short(p.quality), NumberFormat.short(p.cost), p.simulated ? "simulated" : "measured"]
            }
            s += "\n### \(Escaping.markdown(q.name)) against \(axis.rawValue)\n\n\(rows.count) of \(points.count) points are on the frontier.\n\n"
            s += Markdown.table(["configuration", Escaping.markdown("eval.\(q.name) (mean)"), "\(axis.metric) (median)", "cost"], rows, alignRight: [1, 2])
        }
        return s.isEmpty ? nil : "## Pareto set\n" + s
    }

    private var figuresSection: String? {
        guard !charts.isEmpty else { return nil }
        var s = "## Figures\n\n"
        if let figureNote { s += "Figures not rendered: \(Escaping.markdown(figureNote)).\n\n" }
        for c in charts {
            // Titles and captions carry metric and fit names from the store: literal text here.
            s += "### \(Escaping.markdown(c.title))\n\n"
            if figureNote == nil { s += "![\(Escaping.markdown(c.title))](figures/\(c.imageFile(format)))\n\n" }
            s += Escaping.markdown(c.caption) + " Script and data: `figures/\(c.name).gp`, `figures/\(c.dataFile)`.\n\n"
        }
        return s
    }

    private var baselineSection: String? {
        baseline.map { "## Against the baseline\n\n" + $0 }
    }

    private var failuresSection: String? {
        let failed = data.trials.filter { $0.trial.status.isFailure }
        guard !failed.isEmpty else { return nil }
        let rows = failed.map { t -> [String] in
            let reason = (t.trial.error ?? "").split(separator: "\n").last.map(String.init) ?? ""
            return [Markdown.code(String(t.trial.key.prefix(12))), t.trial.status.rawValue, Escaping.markdown(SweepData.label(axes: t.axes)),
                    String(t.trial.seed), t.trial.failedStep.map(String.init) ?? "–", reason.isEmpty ? "–" : Escaping.markdown(reason)]
        }
        return "## Failed, diverged and timed-out trials\n\n"
            + Markdown.table(["trial", "status", "configuration", "seed", "step", "reason"], rows)
    }

    private var provenanceSection: String {
        let p = data.latestProvenance
        func raw(_ key: String) -> String { p[key].map(SweepData.text) ?? "unknown" }
        func field(_ key: String) -> String { Escaping.markdown(raw(key)) }
        var s = "## Provenance\n\n"
        var commit = raw("git_commit")
        if let dirty = p["git_dirty"] as? Bool, dirty { commit += " (uncommitted changes)" }
        s += "- Commit: \(Markdown.code(commit)); engine \(field("engine"))\n"
        s += "- Machine: \(field("host")), \(field("cpu")) (\(field("cores")) cores; \(field("os")))\n"
        s += "- Swift \(field("swift")), \(field("build")) build\n"
        s += "- BLAS: \(field("blas")); \(field("blas_threads_per_job")) thread(s) per trial, \(field("jobs")) job(s)\n"
        s += "- Recorded: \(field("date")) (\(data.provenance.count) run(s) of this sweep)\n"
        s += "\nRegenerate this report with:\n\n" + Markdown.codeBlock(command, language: "sh")
        return s
    }
}
