import NN
import Statistics
import Tensor

/// The fixed engine benchmark: the decoder LM with byte vocabulary 256, context 128, width
/// d, 4 layers, max(1, d/32) heads and the default layers (FFN 4d with GELU, pre-LN
/// LayerNorm with biases, learned positions, untied head without bias), AdamW at 1e-3,
/// batch 16 of random tokens. Fixed so that its figures compare with other frameworks'.
public enum EngineBenchmark {
    /// One measured model size.
    public struct Result: Codable, Equatable, Sendable {
        public var d: Int
        public var threads: Int
        /// "data-parallel" (one replica per thread, BLAS single-threaded) or "blas-threads"
        /// (one model, BLAS using every thread).
        public var parallelism: String
        public var params: Int
        /// Tokens per second of full training steps (forward, backward, AdamW), from the median step.
        public var train_tokens_per_s: Double
        /// Tokens per second of forward passes on the same batch, from the median pass.
        public var infer_tokens_per_s: Double
        /// Model FLOPs utilisation of training: 3 × forward FLOPs per token × tokens/s ÷ GEMM peak.
        public var mfu: Double
    }

    public static let vocabulary = 256
    public static let context = 128
    public static let depth = 4
    public static let batch = 16

    /// The benchmark model's spec at width `d`.
    public static func spec(d: Int) -> ModelSpec {
        ModelSpec(vocabulary: vocabulary, context: context, width: d, depth: depth, heads: max(1, d / 32))
    }

    /// Measures width `d` with `threads` threads: `warmup` steps, then `timed` training steps
    /// and `timed` forward passes, each timed on its own. With `dataParallel`, each thread
    /// trains a replica on its share of the batch with single-threaded BLAS; otherwise one
    /// model runs with `threads` BLAS threads. Inference is parallel in the same way.
    public static func run(d: Int, threads: Int, dataParallel: Bool = true, gemmPeakGFLOPs: Double,
                           warmup: Int = 5, timed: Int = 20, seed: UInt64 = 0) -> Result {
        BLAS.threads = threads
        let spec = spec(d: d)
        let replicas = dataParallel ? threads : 1
        let parallel = DataParallel(replicas: replicas) { _ in try! DecoderLM(spec, seed: seed) }
        let model = parallel.replicas[0]
        let trainer = Trainer(parameters: parallel.parameters, optimizer: AdamW(), learningRate: 1e-3, clipNorm: nil)
        var data = RNG(seed: seed).derived("tokens")
        let n = batch * context
        let tokens = (0..<n).map { _ in Int32(data.int(below: vocabulary)) }
        let targets = (0..<n).map { _ in Int32(data.int(below: vocabulary)) }
        func trainStep() {
            trainer.step {
                parallel.step(batch: batch) { _, replica, rows in
                    let span = (rows.lowerBound * context)..<(rows.upperBound * context)
                    return replica.lossAndBackward(TokenBatch(tokens: Array(tokens[span]), batch: rows.count, time: context),
                                                   targets: Array(targets[span]))
                }
            }
        }
        for _ in 0..<warmup { trainStep() }
        var stepTimes: [Double] = []
        for _ in 0..<timed {
            let t0 = Clock.now()
            trainStep()
            stepTimes.append(Clock.now() - t0)
        }
        // Inference splits the batch the same way: each replica runs the forward of its shard.
        func inferStep() {
            Parallel.forEach(replicas, workers: replicas) { r, _ in
                let rows = parallel.shard(r, of: batch)
                let span = (rows.lowerBound * context)..<(rows.upperBound * context)
                _ = parallel.replicas[r].forward(tokens: Array(tokens[span]), batch: rows.count, time: context)
            }
        }
        for _ in 0..<2 { inferStep() }
        var forwardTimes: [Double] = []
        for _ in 0..<timed {
            let t0 = Clock.now()
            inferStep()
            forwardTimes.append(Clock.now() - t0)
        }
        let train = Double(n) / Descriptive.median(stepTimes)
        let infer = Double(n) / Descriptive.median(forwardTimes)
        let flops = 3 * Double(model.forwardFLOPsPerToken) * train
        return Result(d: d, threads: threads, parallelism: dataParallel ? "data-parallel" : "blas-threads",
                      params: model.parameterCount, train_tokens_per_s: train,
                      infer_tokens_per_s: infer, mfu: flops / (gemmPeakGFLOPs * 1e9))
    }
}
