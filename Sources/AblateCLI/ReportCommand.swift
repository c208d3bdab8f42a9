import ArgumentParser
import Foundation
import Reports
import Store

/// `ablate report SWEEP`: the Markdown report and gnuplot figures of a sweep.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a sweep's report: <out>/<suite>/<sweep>/report.md and figures/ (gnuplot).",
        discussion: """
            Each figure is also saved as the .gp script and .dat data that produced it. Without gnuplot the \
            report still has every table, and the scripts can be rendered later. The same store gives the same report.
            """)

    @Argument(help: "The sweep id.") var sweep: String
    @Option(help: "The base folder of reports.") var out: String = "reports"
    @Option(help: "Figure format: svg, png or pdf.") var format: String = "svg"
    @Option(help: "A baseline sweep to compare against (a table in the report).") var baseline: String?
    @Option(help: "The SQLite store.") var store: String = "results/ablate.sqlite"

    func run() throws {
        guard let figureFormat = FigureFormat(rawValue: format) else {
            throw ValidationError("--format must be svg, png or pdf, not '\(format)'")
        }
        let db = try StoreAccess.open(store)
        let data = try StoreAccess.sweep(db, sweep)
        var baselineText: String?
        if let baseline {
            let comparison = Comparison.run(baseline: try StoreAccess.sweep(db, baseline), candidate: data)
            baselineText = comparison.markdown
        }
        var command = "ablate report \(StoreAccess.shellQuoted(sweep)) --store \(StoreAccess.shellQuoted(store)) --out \(StoreAccess.shellQuoted(out)) --format \(format)"
        if let baseline { command += " --baseline \(StoreAccess.shellQuoted(baseline))" }
        let writer = ReportWriter(out: URL(fileURLWithPath: out), format: figureFormat)
        let result = try OutputAccess.writing { try writer.write(data, baseline: baselineText, command: command) }
        print("wrote \(result.markdown.path) and \(result.charts.count) figure(s) in \(result.folder.appendingPathComponent("figures").path)")
        if let problem = result.problem {
            FileHandle.standardError.write(Data("warning: figures not rendered: \(problem)\n".utf8))
        }
    }
}
