import ArgumentParser
import Foundation
import Tensor

/// The `ablate` command and its subcommands. A binary that registers out-of-tree variants
/// with `Registry.register(_:)` and then calls `Ablate.main()` runs every command, trial
/// child processes included, with those variants available.
public struct Ablate: ParsableCommand {
    /// The command's name, summary and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "ablate",
        abstract: "Benchmarking and evaluation harness for ML-efficiency research.",
        subcommands: [Bench.self, Machine.self, Fit.self, List.self, Describe.self,
                      Run.self, Status.self, Export.self, Report.self, Compare.self, Check.self, Claims.self, CoordCheck.self, Schema.self,
                      TrialCommand.self]
    )

    /// The root command with no options (ArgumentParser fills in the subcommand).
    public init() {}

    /// Checks the CPU for the instructions the kernels are compiled for, then parses the
    /// process arguments and runs the chosen command; exits on error.
    public static func main() {
        let missing = CPU.missingRequiredFeatures
        if !missing.isEmpty {
            FileHandle.standardError.write(Data("""
                ablate: this CPU (\(CPU.modelName)) lacks \(missing.joined(separator: ", ")).
                Ablate's kernels are compiled for x86-64 with AVX2 and FMA (Intel Haswell, AMD Zen or newer).
                Rebuild without `-target-cpu haswell` in Package.swift to run on this machine, more slowly.

                """.utf8))
            Foundation.exit(64)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
