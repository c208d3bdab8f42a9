import ArgumentParser
import Foundation
import Store
import Tensor
import Variants

extension Bench {
    /// `ablate bench norms`: forward and backward time of every normalization.
    struct Norms: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forward and backward time of every norm.* variant at several widths, interleaved.",
            discussion: """
                Each norm with its registry defaults on a [rows, width] Float32 input of standard \
                normals, single-threaded. One warm-up round, then --rounds rounds that each time \
                every norm in turn (forward, then backward), each sample repeating the call until it \
                lasts about 1 ms. Times are medians over the rounds; ratios are medians of the \
                per-round ratio to LayerNorm. With --in-model, each norm sits in a pre-norm decoder \
                LM (softmax attention, GELU MLP, heads of width 16, byte vocabulary) and what is \
                timed, interleaved in the same way, is one inference forward pass and one training \
                step (forward, loss, backward) of the whole model.
                """)

        @Option(help: "Comma-separated widths.") var widths: String = "64,128,256,512,1024"
        @Option(help: "Rows (tokens) per call.") var rows: Int = 1024
        @Option(help: "Timed rounds.") var rounds: Int = 21
        @Option(help: "Comma-separated norm ids (default: every norm.* variant).") var ids: String?
        @Flag(help: "Time each norm inside a decoder LM (inference pass and training step) instead of alone.")
        var inModel = false
        @Option(help: "With --in-model: blocks.") var depth: Int = 2
        @Option(help: "With --in-model: sequence length.") var context: Int = 32
        @Flag(help: "Print a JSON array of {id, width, rows, forward_s, backward_s, forward_ratio_to_layernorm, backward_ratio_to_layernorm}.")
        var json = false

        func parsedWidths() throws -> [Int] { try WidthsOption.parse(widths, example: "64,256,1024") }

        func validate() throws {
            _ = try parsedWidths()
            if rows < 1 { throw ValidationError("--rows must be at least 1") }
            if rounds < 3 { throw ValidationError("--rounds must be at least 3") }
            if depth < 1 { throw ValidationError("--depth must be at least 1") }
            if context < 1 { throw ValidationError("--context must be at least 1") }
            if inModel, let bad = try parsedWidths().first(where: { $0 % 16 != 0 }) {
                throw ValidationError("--widths with --in-model must be multiples of 16 (heads of width 16); got \(bad)")
            }
        }

        func run() throws {
            BLAS.threads = 1
            let chosen = ids.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            if inModel { return try runInModel(chosen) }
            let results = try NormBenchmark.run(widths: try parsedWidths(), rows: rows, rounds: rounds, ids: chosen)
            if json {
                print(try JSONCoding.text(results, .pretty))
                return
            }
            print("\(CPU.modelName); 1 thread; \(rows) rows; medians of \(rounds) interleaved rounds")
            print("norm                      width   forward µs  ×LN   backward µs  ×LN")
            for r in results {
                print(r.id.padding(toLength: 24, withPad: " ", startingAt: 0)
                      + String(format: " %6d %12.1f %5.2f %13.1f %5.2f", r.width, r.forward_s * 1e6,
                               r.forward_ratio_to_layernorm, r.backward_s * 1e6, r.backward_ratio_to_layernorm))
            }
        }

        private func runInModel(_ chosen: [String]?) throws {
            let results = try NormBenchmark.runInModel(widths: try parsedWidths(), depth: depth, context: context,
                                                       rounds: rounds, ids: chosen)
            if json {
                print(try JSONCoding.text(results, .pretty))
                return
            }
            print("\(CPU.modelName); 1 thread; decoder LM depth \(depth), context \(context); "
                  + "medians of \(rounds) interleaved rounds")
            print("norm                      width   inference µs  ×LN   training step µs  ×LN")
            for r in results {
                print(r.id.padding(toLength: 24, withPad: " ", startingAt: 0)
                      + String(format: " %6d %14.1f %5.2f %18.1f %5.2f", r.width, r.inference_s * 1e6,
                               r.inference_ratio_to_layernorm, r.training_step_s * 1e6, r.training_ratio_to_layernorm))
            }
        }
    }
}
