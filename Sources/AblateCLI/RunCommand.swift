import ArgumentParser
import Foundation
import Harness
import ScalingLaws
import Store

/// `ablate run SUITE [key=value …]`: plan the sweep, record it, run its trials.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a suite's sweep into the store (running it again resumes).",
        discussion: """
            Overrides are dotted keys (training.lr=3e-3); a comma list becomes a grid axis \
            (model.norm=norm.rmsnorm,norm.layernorm). Finished trials are kept; interrupted ones run \
            again; failed ones only with --retry-failed. A suite with tune: runs its tuning trials first; \
            one with claims: ends by printing their verdicts (also `ablate claims SWEEP`).
            """)

    @Argument(help: "The suite YAML file.") var suite: String
    @Argument(help: "key=value overrides.") var overrides: [String] = []
    @Option(help: "Trials at once (BLAS threads per trial = cores / jobs).") var jobs: Int = 1
    @Option(help: "The SQLite store.") var store: String = "results/ablate.sqlite"
    @Flag(help: "Print the planned trials and write nothing.") var dryRun = false
    @Option(help: "Seconds before a trial is killed and recorded as timeout.") var timeout: Double?
    @Flag(help: "Run failed, timed-out and diverged trials again.") var retryFailed = false
    @Option(help: ArgumentHelp("Record a new sweep SUITE@TAG whose trials run again instead of resuming (e.g. --tag $(date +%F) for nightly runs into one store).",
                               valueName: "tag")) var tag: String?

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let timeout, !(timeout.isFinite && timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if let tag, tag.isEmpty || !tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._:+-".contains($0)) }) {
            throw ValidationError("--tag '\(tag)' may hold only letters, digits and . _ : + -")
        }
    }

    func run() throws {
        let options = Runner.Options(jobs: jobs, timeout: timeout, retryFailed: retryFailed, executable: TrialChild.executablePath)
        let request = SuiteRun.Request(suite: suite, overrides: overrides, store: store, dryRun: dryRun, tag: tag, options: options)
        let outcome: SuiteRun.Outcome
        do {
            outcome = try SuiteRun.run(request) { event in
                switch event {
                case .progress(let line):
                    print(line)
                    fflush(stdout)
                case .trialsEnded(let sweep): print(sweep.statusLine)
                case .fit(.started(let label)): print("\n== \(label) ==")
                case .fit(.warning(_, let message)): FileHandle.standardError.write(Data("ablate fit: \(message)\n".utf8))
                case .fit(.finished(_, let output)): print(output.text)
                case .fit(.failed(let label, let message)): FileHandle.standardError.write(Data("ablate run: \(label): \(message)\n".utf8))
                case .claims(let report): print("\n== claims ==\n" + report.text)
                }
            }
        } catch let e as SuiteRun.StartError {
            FileHandle.standardError.write(Data("error: \(e)\n".utf8))
            throw ExitCode(65)
        }
        switch outcome {
        case .planned(let plan): print(plan.dryRunText)
        case .finished: break
        case .interrupted: throw ExitCode(130)
        }
    }
}
