import Foundation
import Store
import Tensor
import Variants

/// `ablate bench compress`: every compression method on one trained benchmark LM, run as a
/// one-trial suite so the benchmark measures exactly what a suite would.
public enum CompressionBenchmark {
    /// What to benchmark.
    public struct Request: Sendable {
        /// Model width d (heads d/32).
        public var width: Int
        /// Training steps of the benchmark model.
        public var steps: Int
        /// The pipelines: each a chain of compress.* ids.
        public var pipelines: [[String]]
        /// Threads (data-parallel replicas and BLAS threads).
        public var threads: Int
        /// Minimum timed seconds per method.
        public var minSeconds: Double

        public init(width: Int, steps: Int, pipelines: [[String]], threads: Int, minSeconds: Double) {
            self.width = width; self.steps = steps; self.pipelines = pipelines; self.threads = threads; self.minSeconds = minSeconds
        }
    }

    /// Why the benchmark produced no table.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Every registered method (recovery steps only in chains), plus prune.nm>quant.int4>recover.norms-biases.
    public static var defaultPipelines: [[String]] {
        let all = Registry.all.filter { $0.family == .compress && !$0.id.hasPrefix("compress.recover.") }.map { [$0.id] }
        let chain = ["compress.prune.nm", "compress.quant.int4", "compress.recover.norms-biases"]
        return all + (chain.allSatisfy { Registry.descriptor($0) != nil } ? [chain] : [])
    }

    /// The compress.* id a method is named by (with or without the prefix), or nil when no
    /// compression method has it.
    public static func methodId(_ name: String) -> String? {
        let id = name.hasPrefix("compress.") ? name : "compress." + name
        return Registry.descriptor(id)?.family == .compress ? id : nil
    }

    /// Every compression method's id.
    public static var methodIds: [String] { Registry.all.filter { $0.family == .compress }.map(\.id) }

    /// The benchmark as a one-trial suite: text-bytes from the fortunes corpus, context 64,
    /// 4 layers, AdamW 3e-3 with cosine decay, batch 16, latency of one 64-token forward pass.
    public static func suite(_ request: Request) throws -> Suite {
        let at = SourceLocation(file: "bench-compress", line: 0, column: 0)
        func node(_ value: SuiteValue) -> SuiteNode { SuiteNode(value, at: at) }
        func map(_ entries: KeyValuePairs<String, SuiteNode>) -> SuiteNode {
            node(.map(entries.map { SuiteEntry(key: $0.key, keyLocation: at, value: $0.value) }))
        }
        let document = map([
            "name": node(.string("bench-compress")),
            "task": map(["id": node(.string("task.text-bytes")), "params": map(["seq_len": node(.int(64))])]),
            "model": map(["depth": node(.int(4)), "width": node(.int(request.width)), "heads": node(.int(request.width / 32))]),
            "training": map(["steps": node(.int(request.steps)), "batch": node(.int(16)), "lr": node(.double(3.0e-3)),
                             "schedule": node(.string("cosine")), "warmup": node(.int(20)), "log_every": node(.int(50))]),
            "measurement": map(["latency": node(.bool(true)), "latency_batch": node(.int(1)),
                                "min_seconds": node(.double(request.minSeconds))]),
            "compression": node(.list(request.pipelines.map { node(.list($0.map { node(.string($0)) })) })),
        ])
        return try Suite(document: document, file: "bench-compress")
    }

    /// Trains the benchmark model and runs every pipeline; `log` receives the trial's progress lines.
    public static func run(_ request: Request, log: @escaping (String) -> Void) throws -> Result {
        let plan = try SweepPlanner.plan(try suite(request))
        let peak = Runner.measurePeak(threads: request.threads)
        let outcome = TrialExecution.run(plan.trials[0].spec, threads: request.threads, gemmPeak: peak, log: log)
        guard outcome.status == .done else {
            throw Failure(description: "the benchmark trial ended \(outcome.status): \(outcome.error ?? "")")
        }
        return Result(rows: rows(outcome.metrics), failedStages: outcome.error)
    }
}
