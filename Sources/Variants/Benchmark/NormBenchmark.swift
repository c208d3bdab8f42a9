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
            // Calls per sample: enough for ~1 ms of the slowest-looking norm, the same for all.
            let t0 = Clock.now()
            for layer in layers { _ = layer.forward(x); _ = layer.backward(dy) }
            let once = max(1e-7, (Clock.now() - t0) / Double(2 * layers.count))
            let calls = max(1, Int(1e-3 / once))
            var forward = [[Double]](repeating: [], count: layers.count), backward = forward
            for round in 0...rounds {
                for (i, layer) in layers.enumerated() {
                    let f0 = Clock.now()
                    for _ in 0..<calls { _ = layer.forward(x) }
                    let f1 = Clock.now()
                    for _ in 0..<calls { _ = layer.backward(dy) }
                    let f2 = Clock.now()
                    // Round 0 warms caches and buffers.
                    if round > 0 {
                        forward[i].append((f1 - f0) / Double(calls))
                        backward[i].append((f2 - f1) / Double(calls))
                    }
                }
            }
            let reference = chosen.firstIndex(of: "norm.layernorm")
            for (i, id) in chosen.enumerated() {
                func ratio(_ times: [[Double]]) -> Double {
                    guard let reference else { return .nan }
                    return Descriptive.median(zip(times[i], times[reference]).map { $0 / $1 })
                }
                results.append(Result(id: id, width: width, rows: rows, forward_s: Descriptive.median(forward[i]),
                                      backward_s: Descriptive.median(backward[i]), forward_ratio_to_layernorm: ratio(forward),
                                      backward_ratio_to_layernorm: ratio(backward)))
            }
        }
        return results
    }
}
