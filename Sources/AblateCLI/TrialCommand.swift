import ArgumentParser
import Foundation
import Harness

/// `ablate trial KEY --store PATH`: runs one stored trial (the runner's child process).
struct TrialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trial", abstract: "Run one stored trial (used by `ablate run`).", shouldDisplay: false)

    @Argument(help: "The trial's content key.") var key: String
    @Option(help: "The SQLite store.") var store: String = "results/ablate.sqlite"
    @Option(help: "Write the outcome JSON here (the runner stores it); without it, print it.") var result: String?
    @Option(help: "Threads (data-parallel replicas and BLAS threads).") var threads: Int = 1
    @Option(help: "Exit when this parent process is gone.") var parent: Int32?
    @Option(help: "This machine's sgemm GFLOP/s at --threads (measured by the runner), for MFU.") var gemmPeak: Double?

    func run() throws {
        if let parent { TrialChild.exitWhenParentDies(parent) }
        let data = try TrialChild.run(key: key, store: store, threads: threads, gemmPeak: gemmPeak) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        if let result {
            try data.write(to: URL(fileURLWithPath: result), options: .atomic)
        } else {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }
}
