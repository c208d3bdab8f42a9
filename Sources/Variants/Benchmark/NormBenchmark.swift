import Foundation
import NN
import Statistics
import Tensor

/// Forward and backward time of every registered normalization at several widths, measured
/// interleaved (each round times every norm once, in turn) so that machine noise falls on all
/// of them alike. Single-threaded: the norms use no BLAS.
public enum NormBenchmark {
    /// One norm at one width.
    public struct Result: Codable, Equatable, Sendable {
        public let id: String
        public let width: Int
        public let rows: Int
        /// Median seconds of one forward (one backward) over `rows` × `width`, over the rounds.
        public let forward_s: Double
        public let backward_s: Double
        /// The medians of this norm's per-round time over LayerNorm's in the same round.
        public let forward_ratio_to_layernorm: Double
        public let backward_ratio_to_layernorm: Double
    }

    /// Times every `norm.*` variant (or `ids`) at each width on a [rows, width] input: `rounds`
    /// rounds after one warm-up round; each timed sample repeats the call until it lasts ~1 ms.
    public static func run(widths: [Int], rows: Int = 1024, rounds: Int = 21, ids: [String]? = nil, seed: UInt64 = 0) throws -> [Result] {
        let chosen = ids ?? Registry.ids(in: .norm)
        var results: [Result] = []
        for width in widths {
            var rng = RNG(seed: seed).derived("norm-bench-\(width)")
            let x = Tensor(shape: [rows, width], values: (0..<(rows * width)).map { _ in rng.normal() })
            let dy = Tensor(shape: [rows, width], values: (0..<(rows * width)).map { _ in rng.normal() })
            let context = LayerContext(width: width, heads: 1, ffnHidden: 4 * width, context: rows, depth: 1)
            let layers: [Layer] = try chosen.map { id in
                let resolved = try Registry.validate(key: "norm", id: id, family: .norm)
                guard let layer = try Registry.descriptor(id)!.buildLayer(resolved.values, context, rng: &rng) else {
                    preconditionFailure("\(id) builds no layer")
                }
                return layer
            }
            let times = interleaved(layers.map { layer in [{ _ = layer.forward(x) }, { _ = layer.backward(dy) }] },
                                    rounds: rounds)
            let forward = times.map { $0[0] }, backward = times.map { $0[1] }
            let reference = chosen.firstIndex(of: "norm.layernorm")
            for (i, id) in chosen.enumerated() {
                results.append(Result(id: id, width: width, rows: rows, forward_s: Descriptive.median(forward[i]),
                                      backward_s: Descriptive.median(backward[i]),
                                      forward_ratio_to_layernorm: ratio(forward, i, to: reference),
                                      backward_ratio_to_layernorm: ratio(backward, i, to: reference)))
            }
        }
        return results
    }

    /// One norm inside a whole decoder LM at one width.
    public struct ModelResult: Codable, Equatable, Sendable {
        public let id: String
        public let width: Int
        public let depth: Int
        public let context: Int
        /// Median seconds of one forward pass over `inference_batch` full-context sequences.
        public let inference_s: Double
        public let inference_batch: Int
        /// Median seconds of forward, loss and backward over `training_batch` sequences.
        public let training_step_s: Double
        public let training_batch: Int
        public let inference_ratio_to_layernorm: Double
        public let training_ratio_to_layernorm: Double
    }

    /// Times each norm (`ids`, default every `norm.*` variant) inside a pre-norm decoder LM
    /// (softmax attention, GELU MLP, heads of width 16) at each width, interleaved as `run`
    /// does: the difference a norm makes to a model's inference latency and training step.
    public static func runInModel(widths: [Int], depth: Int = 2, context: Int = 32, vocabulary: Int = 256,
                                  inferenceBatch: Int = 1, trainingBatch: Int = 16, rounds: Int = 21,
                                  ids: [String]? = nil, seed: UInt64 = 0) throws -> [ModelResult] {
        let chosen = ids ?? Registry.ids(in: .norm)
        var results: [ModelResult] = []
        for width in widths {
            var rng = RNG(seed: seed).derived("norm-model-bench-\(width)")
            func tokens(_ batch: Int) -> [Int32] { (0..<(batch * context)).map { _ in Int32(rng.int(below: vocabulary)) } }
            let inferenceTokens = tokens(inferenceBatch), trainingTokens = tokens(trainingBatch)
            let targets = tokens(trainingBatch)
            let models = try chosen.map { id in
                try DecoderLM(ModelSpec(vocabulary: vocabulary, context: context, width: width, depth: depth,
                                        heads: max(1, width / 16), norm: VariantChoice(id)), seed: seed)
            }
            let times = interleaved(models.map { model in [
                {
                    model.setTraining(false)
                    _ = model.forward(tokens: inferenceTokens, batch: inferenceBatch, time: context)
                },
                {
                    model.setTraining(true)
                    model.lossAndBackward(tokens: trainingTokens, targets: targets, batch: trainingBatch, time: context)
                },
            ] }, rounds: rounds)
            let inference = times.map { $0[0] }, training = times.map { $0[1] }
            let reference = chosen.firstIndex(of: "norm.layernorm")
            for (i, id) in chosen.enumerated() {
                results.append(ModelResult(
                    id: id, width: width, depth: depth, context: context,
                    inference_s: Descriptive.median(inference[i]), inference_batch: inferenceBatch,
                    training_step_s: Descriptive.median(training[i]), training_batch: trainingBatch,
                    inference_ratio_to_layernorm: ratio(inference, i, to: reference),
                    training_ratio_to_layernorm: ratio(training, i, to: reference)))
            }
        }
        return results
    }

    /// Per item and action, the seconds of one call in each round: every round runs each item's
    /// actions in turn (so machine noise falls on all alike), each sample repeating the call
    /// until it lasts about 1 ms (the same count for all); round 0 only warms up.
    static func interleaved(_ items: [[() -> Void]], rounds: Int) -> [[[Double]]] {
        let t0 = Clock.now()
        for actions in items { for action in actions { action() } }
        let once = max(1e-7, (Clock.now() - t0) / Double(items.reduce(0) { $0 + $1.count }))
        let calls = max(1, Int(1e-3 / once))
        var times = items.map { $0.map { _ in [Double]() } }
        for round in 0...rounds {
            for (i, actions) in items.enumerated() {
                for (j, action) in actions.enumerated() {
                    let start = Clock.now()
                    for _ in 0..<calls { action() }
                    if round > 0 { times[i][j].append((Clock.now() - start) / Double(calls)) }
                }
            }
        }
        return times
    }

    /// The median over rounds of item `i`'s time over the reference item's (nan without one).
    static func ratio(_ times: [[Double]], _ i: Int, to reference: Int?) -> Double {
        guard let reference else { return .nan }
        return Descriptive.median(zip(times[i], times[reference]).map { $0 / $1 })
    }
}
