import Foundation

extension FitReport {
    /// The human-readable report: the form, the data, the parameters with their intervals,
    /// derived quantities, the held-out check, residuals and warnings.
    public var text: String {
        let f = fit
        var out: [String] = []
        out.append("\(f.form): \(f.formula)")
        out.append("data:       \(source): \(f.pointCount) points, \(output) against \(inputs.joined(separator: ", "))")
        out.append("loss:       \(f.loss) on log residuals (sum)")
        out.append(String(format: "objective:  %.10g   max |gradient| %.2g   stop: %@", f.objective, f.gradientNorm, f.stop))
        if f.startCount > 0 {
            let gap = f.runnerUpGap.map { String(format: "%.3g", $0) } ?? "none"
            out.append("starts:     \(f.startCount), \(f.startsAtBest) reached the best minimum; gap to runner-up \(gap)")
        }
        out.append("")
        let b = bootstrap
        let level = b.map { String(format: "%g%% interval", $0.level * 100) } ?? ""
        out.append(Self.pad("parameter", 22) + Self.pad("estimate", 14) + (b == nil ? "" : Self.pad("std. error", 14) + level))
        let summaries = Dictionary((b?.parameters ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for p in f.parameters { out.append(Self.row(p, summaries[p.name])) }
        if !f.derived.isEmpty || !(b?.derived.isEmpty ?? true) {
            out.append("")
            out.append("derived")
            let ds = Dictionary((b?.derived ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for d in f.derived { out.append(Self.row(d, ds[d.name])) }
            for s in b?.derived ?? [] where !f.derived.contains(where: { $0.name == s.name }) {
                out.append(Self.row(NamedValue(s.name, s.estimate), s))
            }
        }
        if let b {
            out.append("")
            out.append("bootstrap:  \(b.resamples) resamples of \(b.unit), seed \(b.seed), refits from \(b.restart == .fullGrid ? "the full start grid" : "the full-data optimum")\(b.failed > 0 ? ", \(b.failed) failed" : "")")
        }
        if let h = holdout {
            out.append("")
            out.append(String(format: "held out (%@): %d points; mean |rel. error| %.4g, max %.4g, rms log error %.4g",
                              h.selection, h.points.count, h.meanAbsoluteRelativeError, h.maxAbsoluteRelativeError, h.rmsLogError))
            out.append("  fit without them: " + h.fit.parameters.map { String(format: "%@ %.6g", $0.name, $0.value) }.joined(separator: ", "))
            for p in h.points.prefix(20) {
                out.append(String(format: "  row %d  x %@  y %.6g  predicted %.6g  (%+.3f%%)", p.row,
                                  p.x.map { String(format: "%.4g", $0) }.joined(separator: ","), p.y, p.predicted, 100 * p.relativeError))
            }
            if h.points.count > 20 { out.append("  … \(h.points.count - 20) more") }
        }
        if let res = residuals {
            out.append("")
            out.append("residuals (row, x, y, fitted, log residual)")
            for p in res {
                out.append(String(format: "  %d  %@  %.6g  %.6g  %+.5f", p.row,
                                  p.x.map { String(format: "%.6g", $0) }.joined(separator: ","), p.y, p.fitted, p.logResidual))
            }
        }
        if !warnings.isEmpty {
            out.append("")
            for w in warnings { out.append("warning: \(w)") }
        }
        return out.joined(separator: "\n")
    }

    private static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }

    private static func row(_ p: NamedValue, _ s: IntervalSummary?) -> String {
        var line = pad(p.name, 22) + pad(String(format: "%.7g", p.value), 14)
        if let s {
            line += pad(String(format: "%.4g", s.standardError), 14) + String(format: "%.6g – %.6g", s.lower, s.upper)
        }
        return line
    }
}
