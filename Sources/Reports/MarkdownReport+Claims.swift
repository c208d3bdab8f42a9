import Foundation

extension MarkdownReport {
    /// The claims' verdicts as last checked, with the effects that decided them.
    var claimsSection: String? {
        guard !data.claims.isEmpty else { return nil }
        let report = ClaimReport(sweep: data.sweep.id, verdicts: data.claims, method: EffectSettings().method)
        var s = "## Claims\n\nEach claim of the suite, checked by code (\(Markdown.code("ablate claims " + data.sweep.id))).\n\n" + report.markdown
        let effects = data.claims.flatMap(\.effects)
        if !effects.isEmpty {
            let rows = effects.map { e -> [String] in
                let interval = e.interval.map { NumberFormat.interval(e.difference, $0.low, $0.high) }
                    ?? "\(NumberFormat.short(e.difference)) (range \(NumberFormat.short(e.range.low))…\(NumberFormat.short(e.range.high)))"
                let ratio = e.ratio.map { r in e.ratioInterval.map { NumberFormat.interval(r, $0.low, $0.high) } ?? NumberFormat.short(r) } ?? "–"
                return [e.subject, e.reference, e.metric, interval, ratio, String(e.n)]
            }
            s += "\nPaired effects behind the claims (subject − reference, per seed):\n\n"
            s += Markdown.table(["subject", "reference", "metric", "difference [95% interval]", "ratio", "n"], rows, alignRight: [3, 4, 5])
        }
        return s
    }

    /// Each configuration's tuned values, and whether any stayed at an edge.
    var tuningSection: String? {
        guard let first = data.tunings.first else { return nil }
        let rows = data.tunings.map { t -> [String] in
            let selected = t.keys.map { k in t.selected?[k].map(NumberFormat.short) ?? "–" }
            let tried = t.keys.map { k in
                let values = Set(t.curve.compactMap { $0.values[k] }).sorted()
                return values.map(NumberFormat.short).joined(separator: ", ")
            }
            let extended = t.keys.compactMap { k -> String? in
                let (b, a) = (t.extendedBelow[k] ?? 0, t.extendedAbove[k] ?? 0)
                return b + a == 0 ? nil : "\(Escaping.markdown(k)): \(b) below, \(a) above"
            }
            return [Escaping.markdown(t.configuration)] + selected + tried + [extended.isEmpty ? "–" : extended.joined(separator: "; "),
                                                          t.atEdge.isEmpty ? "no" : "**at edge** (" + t.atEdge.joined(separator: ", ") + ")"]
        }
        let header = ["configuration"] + first.keys.map { Escaping.markdown("\($0) selected") } + first.keys.map { Escaping.markdown("\($0) tried") }
            + ["extended", "edge"]
        return "## Tuning\n\nSelection rule: \(Escaping.markdown(first.rule)). Final runs use the selected values; test metrics never enter the selection.\n\n"
            + Markdown.table(header, rows)
    }
}
