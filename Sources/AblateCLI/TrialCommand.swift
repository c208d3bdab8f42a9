import ArgumentParser
import Foundation
import Harness
import Store
#if canImport(Glibc)
import Glibc
#endif

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
        if let parent { Self.watch(parent: parent) }
        let record = try Store(path: store).trial(key)
        let spec: TrialSpec
        do { spec = try TrialSpec.decode(record.spec) } catch {
            throw HarnessError.unreadableSpec(key: key, reason: "\(error)")
        }
        let outcome = TrialExecution.run(spec, threads: threads, gemmPeak: gemmPeak) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let data = try outcome.encoded()
        if let result {
            try data.write(to: URL(fileURLWithPath: result), options: .atomic)
        } else {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }

    /// Ends this process when the runner dies (SIGKILL gives it no chance to stop us), so
    /// that no orphan keeps computing a trial that will be reclaimed.
    static func watch(parent: Int32) {
        let thread = Thread {
            while true {
                if getppid() != parent { _exit(137) }
                usleep(200_000)
            }
        }
        thread.start()
    }
}
