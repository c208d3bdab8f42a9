import ArgumentParser
import Foundation
import Reports
import Store

/// `ablate export SWEEP --format csv|jsonl [--out FILE]`.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export a sweep: one flat row per trial × stage, every metric a column.")

    @Argument(help: "The sweep id.") var sweep: String
    @Option(help: "csv or jsonl.") var format: String = "csv"
    @Option(help: "Write to this file (default: standard output).") var out: String?
    @Option(help: "The SQLite store.") var store: String = "results/ablate.sqlite"

    func run() throws {
        guard let f = ExportFormat(rawValue: format) else {
            throw ValidationError("--format must be csv or jsonl, not '\(format)'")
        }
        guard FileManager.default.fileExists(atPath: store) else {
            FileHandle.standardError.write(Data("error: no store at \(store)\n".utf8))
            throw ExitCode(65)
        }
        let text: String
        do { text = try Store(path: store).export(sweep: sweep, format: f) } catch let e as StoreError {
            FileHandle.standardError.write(Data("error: \(e)\n".utf8))
            throw ExitCode(65)
        }
        if let out {
            // A FIFO or device named here is written in place; a symbolic link is refused (exit 73).
            try OutputAccess.writing { try SafeFile.write(Data(text.utf8), to: URL(fileURLWithPath: out), origin: .named) }
        } else {
            print(text, terminator: "")
        }
    }
}
