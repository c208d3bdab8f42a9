import Foundation
import Store

extension NightlyCheck {
    /// One line of counts.
    public var headline: String {
        let counts = Dictionary(grouping: series, by: \.verdict).mapValues(\.count)
        let order: [SeriesVerdict] = [.stepRegression, .stepImprovement, .driftWorse, .driftBetter, .stable, .insufficientHistory]
        return "check \(suite): newest sweep \(sweeps.last ?? "none") against \(max(0, sweeps.count - 1)) earlier; \(series.count) series: "
            + order.compactMap { v in counts[v].map { "\($0) \(v.rawValue)" } }.joined(separator: ", ")
    }

    private var notable: [SeriesCheck] {
        series.filter { $0.verdict != .stable && $0.verdict != .insufficientHistory }
    }

    /// Plain text: the headline and one line per step or drift.
    public var text: String {
        var lines = [headline]
        for s in notable {
            lines.append("  \(s.verdict.rawValue.uppercased()) \(s.configuration) \(s.metric): expected \(NumberFormat.short(s.expected)), "
                         + "got \(NumberFormat.short(s.values.last ?? .nan)) \(s.unit) (\(NumberFormat.percent(s.change)), q \(NumberFormat.pValue(s.q)); "
                         + "trend \(NumberFormat.percent(s.trendChange)) over the window, p \(NumberFormat.pValue(s.trendP)))")
        }
        if sweeps.count < 4 {
            lines.append("  (fewer than three earlier sweeps: no series can be judged yet)")
        }
        return lines.joined(separator: "\n")
    }

    /// A Markdown table of steps and drifts.
    public var markdown: String {
        var s = "**\(Markdown.cell(headline))**\n\n"
        guard !notable.isEmpty else { return s + "No step or drift beyond the thresholds.\n" }
        s += Markdown.table(["verdict", "configuration", "metric", "expected", "newest", "change", "q", "trend over window", "trend p"],
                            notable.map { c in
            [c.verdict.rawValue, c.configuration, c.metric, NumberFormat.short(c.expected), NumberFormat.short(c.values.last ?? .nan),
             NumberFormat.percent(c.change), NumberFormat.pValue(c.q), NumberFormat.percent(c.trendChange), NumberFormat.pValue(c.trendP)]
        }, alignRight: [3, 4, 5, 6, 7, 8])
        return s
    }

    /// Every series as JSON.
    public var json: String {
        struct Document: Encodable {
            let suite: String, sweeps: [String], outcome: Int32, series: [SeriesCheck]
        }
        return try! JSONCoding.text(Document(suite: suite, sweeps: sweeps, outcome: outcome.rawValue, series: series), .pretty)
    }
}
