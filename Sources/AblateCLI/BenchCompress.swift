import ArgumentParser
import Foundation
import Harness
import Tensor

extension Bench {
    /// `ablate bench compress`: every compression method on one trained benchmark LM.
    struct Compress: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bytes, quality and inference latency of every compression method on one trained LM.",
            discussion: """
                Trains the benchmark LM once (text-bytes from the fortunes corpus, context 64, \
                width --width, 4 layers, GELU MLP, AdamW 3e-3 with cosine decay, batch 16, --steps \
                steps), then runs each method with its registry defaults on its own copy through \
                the harness's compression stages: exact stored bytes, test loss and accuracy, and \
                latency of one 64-token forward pass, timed interleaved with the dense model \
                (medians of ≥30 samples). Latency of methods whose kernel decodes to Float32 or \
                cannot beat dense BLAS is labelled simulated.
                """)

        @Option(help: "Model width d (heads d/32).") var width: Int = 256
        @Option(help: "Training steps of the benchmark model.") var steps: Int = 300
        @Option(help: "Comma-separated compress.* ids or pipelines joined by '>' (default: every method, plus prune.nm>quant.int4>recover.norms-biases).")
        var methods: String?
        @Option(help: "Threads (default: all cores).") var threads: Int?
        @Option(help: "Minimum timed seconds per method (the protocol's min_seconds).") var minSeconds: Double = 1
        @Flag(help: "Print a JSON array of {stage, model_bytes, compression_ratio, test_loss, latency_median_s, latency_ratio_to_dense, speed}.")
        var json = false

        /// The pipelines to run: ids as given (each `a>b>c` a chain), or every registered method.
        func pipelines() throws -> [[String]] {
            guard let methods else { return CompressionBenchmark.defaultPipelines }
            return try methods.split(separator: ",").map { pipeline in
                try pipeline.split(separator: ">").map { part in
                    let raw = part.trimmingCharacters(in: .whitespaces)
                    guard let id = CompressionBenchmark.methodId(raw) else {
                        let known = CompressionBenchmark.methodIds
                        throw ValidationError("--methods: '\(raw)' is not a compression method; known: \(known.joined(separator: ", "))")
                    }
                    return id
                }
            }
        }

        func validate() throws {
            _ = try pipelines()
            guard width >= 32, width % 32 == 0 else { throw ValidationError("--width must be a multiple of 32, got \(width)") }
            guard steps >= 1 else { throw ValidationError("--steps must be at least 1") }
        }

        /// The typed benchmark request the options spell.
        func request() throws -> CompressionBenchmark.Request {
            CompressionBenchmark.Request(width: width, steps: steps, pipelines: try pipelines(), threads: threads ?? CPU.cores,
                                         minSeconds: minSeconds)
        }

        func run() throws {
            let request = try request()
            let log: (String) -> Void = json ? { _ in } : { FileHandle.standardError.write(Data(("  " + $0 + "\n").utf8)) }
            let result: CompressionBenchmark.Result
            do { result = try CompressionBenchmark.run(request, log: log) } catch let e as CompressionBenchmark.Failure {
                throw ValidationError(e.description)
            }
            if json {
                let data = try JSONSerialization.data(withJSONObject: result.rows.map(\.json), options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print(String(format: "d=%d, %d steps, %d thread(s), %@; latency of one 64-token forward pass", width, steps,
                         request.threads, CPU.modelName))
            print(CompressionBenchmark.Row.heading)
            for r in result.rows { print(r.text) }
            if let e = result.failedStages { print("failed stages: \(e)") }
        }
    }
}
