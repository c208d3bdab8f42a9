import ArgumentParser
import Foundation
import Reports
import Store

/// `ablate check SUITE`: the newest sweep of a suite against its history, for nightly jobs.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the newest sweep of a suite against the earlier sweeps of the same suite.",
        discussion: """
            Sweeps of the suite are read from --store and from every *.sqlite file in --stores (one store per \
            night keeps each night's measurements apart), ordered by the time they were recorded. Each \
            (configuration, metric) series is judged: a step (the newest night off the history's robust trend by more \
            than the night-to-night scatter and its own replicate noise), a drift (a significant trend over the window), \
            or stable. Exit status: 0 no step, 2 a step regression (or a worse drift with --fail-on-drift), 4 improvements only.
            """)

    @Argument(help: "The suite name.") var suite: String
    @Option(help: "Earlier sweeps to compare against.") var history: Int = 14
    @Option(help: "The SQLite store.") var store: String = "results/ablate.sqlite"
    @Option(help: "A folder of stores, one per night (every *.sqlite file in it is read).") var stores: String?
    @Option(help: "False-discovery rate.") var alpha: Double = 0.05
    @Option(help: "Metrics to check, comma-separated names or stage.name.") var metrics: String?
    @Option(help: "Minimum relevant changes, comma-separated name=fraction.") var threshold: String?
    @Flag(help: "Fail (exit 2) on a drift in the worse direction too.") var failOnDrift = false
    @Flag(help: "Print a Markdown table.") var markdown = false
    @Flag(help: "Machine-readable output.") var json = false

    func validate() throws {
        if history < 1 { throw ValidationError("--history must be at least 1") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must be between 0 and 1") }
        _ = try CompareOptions.thresholds(threshold)
    }

    func run() throws {
        let options = try CompareOptions.comparison(alpha: alpha, metrics: metrics, threshold: threshold)
        let sweeps: [SweepData]
        do {
            let paths = try NightlyCheck.storePaths(store: store, folder: stores)
            let opened = try paths.map { (path: $0, store: try StoreAccess.open($0)) }
            sweeps = try NightlyCheck.sweeps(suite: suite, stores: opened, history: history, load: StoreAccess.sweep)
        } catch let e as NightlyCheck.HistoryError {
            FileHandle.standardError.write(Data("error: \(e)\n".utf8))
            throw ExitCode(65)
        }
        let check = NightlyCheck.run(suite: suite, sweeps: sweeps, options: options, failOnDrift: failOnDrift)
        print(json ? check.json : markdown ? check.markdown : check.text)
        if check.outcome != .noChange { throw ExitCode(check.outcome.rawValue) }
    }
}
