import ArgumentParser
import Foundation
import Harness
import Store
import Tensor
import Variants

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
            guard let methods else {
                let all = Registry.all.filter { $0.family == .compress && !$0.id.hasPrefix("compress.recover.") }.map { [$0.id] }
                let chain = ["compress.prune.nm", "compress.quant.int4", "compress.recover.norms-biases"]
                return all + (chain.allSatisfy { Registry.descriptor($0) != nil } ? [chain] : [])
            }
            return try methods.split(separator: ",").map { pipeline in
                try pipeline.split(separator: ">").map { part in
                    let raw = part.trimmingCharacters(in: .whitespaces)
                    let id = raw.hasPrefix("compress.") ? raw : "compress." + raw
                    guard Registry.descriptor(id)?.family == .compress else {
                        let known = Registry.all.filter { $0.family == .compress }.map(\.id)
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

        /// The benchmark as a one-trial suite, so the bench runs exactly what a suite would.
        func suiteText() throws -> String {
            let list = try pipelines().map { "  - [" + $0.joined(separator: ", ") + "]" }.joined(separator: "\n")
            return """
                name: bench-compress
                task: {id: task.text-bytes, params: {seq_len: 64}}
                model: {depth: 4, width: \(width), heads: \(width / 32)}
                training: {steps: \(steps), batch: 16, lr: 3.0e-3, schedule: cosine, warmup: 20, log_every: 50}
                measurement: {latency: true, latency_batch: 1, min_seconds: \(minSeconds)}
                compression:
                \(list)
                """
        }

        func run() throws {
            let t = threads ?? CPU.cores
            let plan = try SweepPlanner.plan(try Suite.parse(text: try suiteText(), file: "bench-compress"))
            let peak = Runner.measurePeak(threads: t)
            let log: (String) -> Void = json ? { _ in } : { FileHandle.standardError.write(Data(("  " + $0 + "\n").utf8)) }
            let outcome = TrialExecution.run(plan.trials[0].spec, threads: t, gemmPeak: peak, log: log)
            guard outcome.status == .done else { throw ValidationError("the benchmark trial ended \(outcome.status): \(outcome.error ?? "")") }
            let rows = Self.rows(outcome.metrics)
            if json {
                let data = try JSONSerialization.data(withJSONObject: rows.map(\.json), options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print(String(format: "d=%d, %d steps, %d thread(s), %@; latency of one 64-token forward pass", width, steps, t, CPU.modelName))
            print("stage".padding(toLength: 58, withPad: " ", startingAt: 0) + "     bytes   ratio  test loss   median ms  vs dense  speed")
            for r in rows {
                print(r.stage.padding(toLength: 58, withPad: " ", startingAt: 0)
                      + String(format: " %9d %7.2f %10.4f %11.3f %9.2f  %@", r.bytes, r.ratio, r.loss, r.latency * 1e3, r.latencyRatio,
                               r.speed))
            }
            if let e = outcome.error { print("failed stages: \(e)") }
        }

        /// One line of the table.
        struct Row {
            var stage: String
            var bytes: Int
            var ratio: Double
            var loss: Double
            var latency: Double
            var latencyRatio: Double
            var speed: String
            var json: [String: Any] {
                ["stage": stage, "model_bytes": bytes, "compression_ratio": ratio, "test_loss": loss,
                 "latency_median_s": latency, "latency_ratio_to_dense": latencyRatio, "speed": speed]
            }
        }

        /// The dense row (stage `eval`) and one row per compression stage, in run order.
        static func rows(_ metrics: [Metric]) -> [Row] {
            var stages: [String] = []
            for m in metrics where m.stage == "eval" || Stage.compressionLabel(m.stage) != nil {
                if !stages.contains(m.stage) { stages.append(m.stage) }
            }
            return stages.map { stage in
                func value(_ name: String) -> Double { metrics.first(stage: stage, name: name)?.value ?? .nan }
                let speed = metrics.first(stage: stage, name: "latency_median_s")?.label ?? "measured"
                return Row(stage: Stage.compressionLabel(stage) ?? "dense (Float32)",
                           bytes: Int(value("model_bytes")), ratio: stage == "eval" ? 1 : value("compression_ratio"),
                           loss: value("loss"), latency: value("latency_median_s"),
                           latencyRatio: stage == "eval" ? 1 : value("latency_ratio_to_dense"), speed: speed)
            }
        }
    }
}
