import ArgumentParser
import Foundation
import Store
import Tensor
import Variants

/// `ablate bench …`: performance benchmarks (timings live here, never in tests).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a benchmark.",
        subcommands: [Engine.self, Compress.self, Norms.self])

    /// `ablate bench engine`: training and inference throughput of the fixed benchmark transformer.
    struct Engine: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Training and inference tokens/s of the fixed benchmark transformer, and MFU.",
            discussion: """
                Model: byte vocabulary 256, context 128, width d, 4 layers, heads max(1, d/32), FFN 4d GELU, \
                pre-LN, learned positions, untied head, AdamW 1e-3, batch 16 random sequences. \
                5 warm-up steps, then 20 timed training steps and 20 timed forward passes; figures \
                are from the medians. MFU is against the sgemm peak measured as `ablate machine` does.
                """)

        @Option(help: "Comma-separated model widths.")
        var dims: String = "64,128,256,512"

        @Option(help: "BLAS threads (default: all cores).")
        var threads: Int?

        @Option(help: "Training parallelism: data (one replica per thread, single-threaded BLAS) or blas (one model, multi-threaded BLAS).")
        var parallelism: Parallelism = .data

        @Flag(help: "Print a JSON array of {d, threads, parallelism, params, train_tokens_per_s, infer_tokens_per_s, mfu}.")
        var json = false

        enum Parallelism: String, ExpressibleByArgument, CaseIterable { case data, blas }

        func parsedDims() throws -> [Int] {
            let parts = dims.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return try parts.map { part in
                guard let d = Int(part), d >= 32, d % 32 == 0 || d < 32 else {
                    throw ValidationError("--dims: '\(part)' is not a width; use multiples of 32 such as 64,128,256,512")
                }
                return d
            }
        }

        func validate() throws {
            _ = try parsedDims()
            if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1, got \(t)") }
        }

        func run() throws {
            let t = threads ?? CPU.cores
            BLAS.threads = t
            let peak = GEMMPeak.measure()
            if !json {
                print(String(format: "GEMM peak %.1f GFLOP/s, %d thread(s), %@ parallel training, %@", peak, t,
                             parallelism.rawValue, CPU.modelName))
                print("    d     params   train tok/s   infer tok/s    MFU")
            }
            var results: [EngineBenchmark.Result] = []
            for d in try parsedDims() {
                let r = EngineBenchmark.run(d: d, threads: t, dataParallel: parallelism == .data, gemmPeakGFLOPs: peak)
                results.append(r)
                if !json {
                    print(String(format: "%5d %10d %13.0f %13.0f %5.1f%%", r.d, r.params, r.train_tokens_per_s,
                                 r.infer_tokens_per_s, 100 * r.mfu))
                }
            }
            if json {
                print(try JSONCoding.text(results, .pretty))
            }
        }
    }
}
