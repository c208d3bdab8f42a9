import ArgumentParser
import Foundation
import Tensor

/// The `ablate` command: parse, call the library, print.
@main
struct Ablate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ablate",
        abstract: "Benchmarking and evaluation harness for ML-efficiency research.",
        subcommands: [Bench.self, Machine.self, Fit.self, List.self, Describe.self,
                      Run.self, Status.self, Export.self, Report.self, Compare.self, Check.self, Schema.self,
                      TrialCommand.self]
    )

    static func main() {
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
