import Foundation
import Store

extension Comparison {
    /// The changes worth a reader's attention first: regressions, improvements, changes, then the rest.
    var ordered: [Change] {
        let rank: [Verdict: Int] = [.regression: 0, .improvement: 1, .changed: 2, .untested: 3, .unchanged: 4]
        return changes.enumerated().sorted { (rank[$0.element.verdict]!, $0.offset) < (rank[$1.element.verdict]!, $1.offset) }.map(\.element)
    }

    /// One line of the verdict counts.
    public var headline: String {
        let counts = Dictionary(grouping: changes, by: \.verdict).mapValues(\.count)
        return "\(candidate) vs \(baseline): \(changes.count) comparison(s); "
            + [Verdict.regression, .improvement, .changed, .unchanged, .untested].compactMap { v in counts[v].map { "\($0) \(v.rawValue)" } }
                .joined(separator: ", ")
            + " (FDR \(NumberFormat.short(options.alpha)))"
            + (baselineOnly + candidateOnly > 0 ? "; unpaired configurations: \(baselineOnly) baseline-only, \(candidateOnly) candidate-only" : "")
    }

    /// A Markdown table for a pull-request comment: every change that is not `unchanged`, or a line saying none is.
    public var markdown: String {
        var s = "**\(Markdown.cell(headline))**\n\n"
        let shown = ordered.filter { $0.verdict != .unchanged }
        guard !shown.isEmpty else { return s + "No significant change beyond the thresholds.\n" }
        let rows = shown.map { c in
            [c.verdict.rawValue, Escaping.markdown(c.configuration), Escaping.markdown(c.metric), NumberFormat.short(c.baseline), NumberFormat.short(c.candidate),
             NumberFormat.percent(c.test.change), "[\(NumberFormat.percent(c.test.low)), \(NumberFormat.percent(c.test.high))]",
             NumberFormat.pValue(c.q), NumberFormat.percent(c.threshold).replacingOccurrences(of: "+", with: "±")]
        }
        s += Markdown.table(["verdict", "configuration", "metric", "baseline", "candidate", "change", "\(Int(options.level * 100))% interval", "q", "threshold"],
                            rows, alignRight: [3, 4, 5, 7])
        s += "\nLatency: ratio of medians over all samples (bootstrap interval, Mann–Whitney U); other metrics: means over seeds "
            + "(Welch t). q: Benjamini–Hochberg adjusted p-value.\n"
        return s
    }

    /// Plain text for a terminal: the headline and one line per change that is not `unchanged`.
    public var text: String {
        var lines = [headline]
        for c in ordered where c.verdict != .unchanged {
            lines.append("  \(c.verdict.rawValue.uppercased()) \(c.configuration) \(c.metric): \(NumberFormat.short(c.baseline)) → "
                         + "\(NumberFormat.short(c.candidate)) \(c.unit) (\(NumberFormat.percent(c.test.change)), "
                         + "interval [\(NumberFormat.percent(c.test.low)), \(NumberFormat.percent(c.test.high))], q \(NumberFormat.pValue(c.q)))")
        }
        return lines.joined(separator: "\n")
    }

    /// The whole comparison as JSON (every change, sorted keys).
    public var json: String {
        struct Document: Encodable {
            let baseline: String, candidate: String, alpha: Double, outcome: Int32
            let baselineOnly: Int, candidateOnly: Int, changes: [Change]
        }
        let doc = Document(baseline: baseline, candidate: candidate, alpha: options.alpha, outcome: outcome.rawValue,
                           baselineOnly: baselineOnly, candidateOnly: candidateOnly, changes: changes)
        return try! JSONCoding.text(doc, .pretty)
    }
}
