import Foundation
import Tensor

/// What `MultiHeadAttention` gathers while it records: per pass, the largest scaled, masked
/// score (pre-softmax logit) and the mean entropy of the probability rows.
struct AttentionInternals {
    /// Per (sequence, head) of the current pass: largest score, summed row entropies.
    var slots = Buffer()
    private var averages = InternalsAverage()

    /// Adds one pass from its slots, each (sequence, head) holding `rows` query rows.
    mutating func add(_ gathered: Tensor, rows: Int) {
        let items = gathered.count / 2
        var largest = -Float.infinity, entropy = 0.0
        for i in 0..<items {
            largest = max(largest, gathered.data[2 * i])
            entropy += Double(gathered.data[2 * i + 1])
        }
        averages.add("attention.max_logit", Double(largest))
        averages.add("attention.entropy", entropy / Double(items * rows))
    }

    /// The averages over the passes gathered, then empty.
    mutating func take() -> [String: Double] { averages.take() }
}

extension MultiHeadAttention: InternalsReporting {
    /// `attention.max_logit`: the largest score QKᵀ/√hd a causal row sees (the mask's
    /// excluded keys never count), over every sequence and head of a pass;
    /// `attention.entropy`: the mean over rows, heads and sequences of −Σ p ln p in nats
    /// (0 for a one-hot row, ln n for a uniform row over n keys). Both averaged over passes.
    public func takeInternals() -> [String: Double] { internals.take() }

    /// −Σ p ln p of the probabilities `p[0..<n]` in nats (zero entries contribute nothing).
    public static func entropy(_ n: Int, _ p: UnsafePointer<Float>) -> Double {
        var h = 0.0
        for j in 0..<n where p[j] > 0 {
            let v = Double(p[j])
            h -= v * Foundation.log(v)
        }
        return h
    }
}
