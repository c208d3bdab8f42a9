import ArgumentParser
import Foundation
import Harness
import Reports
import Store

/// `ablate claims SWEEP`: the verdicts of a sweep's claims.
struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the claims of a sweep's suite against its results and print the verdicts.",
        discussion: """
            Reads the suite stored with the sweep, checks each claim (paired effects by seed, fit intervals, \
            gates), saves the verdicts and prints them. Exit status: 0 all supported, 2 any contradicted, \
            4 none contradicted but some inconclusive, 65 the sweep states no claims or cannot be read.
            """)

    @Argument(help: "The sweep id.") var sweep: String
    @Option(help: "The SQLite store.") var store: String = "results/ablate.sqlite"
    @Flag(help: "Print a Markdown table.") var markdown = false
    @Flag(help: "Machine-readable output.") var json = false

    func run() throws {
        let db = try StoreAccess.open(store)
        let report: ClaimReport
        do { report = try ClaimCheck.recheck(sweep: sweep, store: db) } catch let e as StoreError {
            FileHandle.standardError.write(Data("error: \(e)\n".utf8))
            throw ExitCode(65)
        } catch let e as SuiteError {
            FileHandle.standardError.write(Data("error: \(e)\n".utf8))
            throw ExitCode(65)
        }
        if report.verdicts.isEmpty {
            FileHandle.standardError.write(Data("error: the suite of sweep \(sweep) states no claims (add a claims: section)\n".utf8))
            throw ExitCode(65)
        }
        print(json ? report.json : markdown ? report.markdown : report.text)
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
