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
        let result = try ReportWriter(out: URL(fileURLWithPath: out), format: figureFormat).write(data, baseline: baselineText, command: command)
        print("wrote \(result.markdown.path) and \(result.charts.count) figure(s) in \(result.folder.appendingPathComponent("figures").path)")
        if let problem = result.problem {
            FileHandle.standardError.write(Data("warning: figures not rendered: \(problem)\n".utf8))
        }
    }
}

/// Opening stores and sweeps with the CLI's error conventions (exit 65 on bad input).
enum StoreAccess {
    /// The store at `path`, or exit 65 when there is none.
    static func open(_ path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("error: no store at \(path) (run a suite first, or pass --store)\n".utf8))
            throw ExitCode(65)
        }
        do { return try Store(path: path) } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(65)
        }
    }

    /// Sweep `id` of `store`, or exit 65 naming the known sweeps.
    static func sweep(_ store: Store, _ id: String) throws -> SweepData {
        do { return try SweepData.load(store: store, sweep: id) } catch let e as StoreError {
            FileHandle.standardError.write(Data("error: \(e)\n".utf8))
            throw ExitCode(65)
        }
    }

    /// `s` quoted for a POSIX shell when it needs it.
    static func shellQuoted(_ s: String) -> String {
        let plain = s.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./=:,@".unicodeScalars.contains($0) }
        return plain && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
