import Foundation
import NN
import Tensor

/// `decay.mean` and `decay.min` of the per-step decay factors α (every token and key channel
/// with the learned gate; γₕ of every head, equal for all tokens, with retention) and
/// `decay.half_life` = ln ½ / ln(decay.mean) in tokens (absent when the mean is 1), averaged
/// over the recorded forwards.
extension GatedLinearAttention: InternalsReporting {
    public func takeInternals() -> [String: Double] { internals.take() }

    /// Adds one forward's statistics, from its log-decays [B, T, dk] (nil with retention).
    func gatherDecayStatistics(logDecay: Tensor?) {
        let factors: [Double]
        if let logDecay {
            factors = (0..<logDecay.count).map { Foundation.exp(Double(logDecay.data[$0])) }
        } else {
            // every head has the same number of key channels, so heads weigh equally
            factors = (0..<heads).map { Foundation.exp(Double(Self.retentionLogDecay(head: $0))) }
        }
        let mean = factors.reduce(0, +) / Double(factors.count)
        internals.add("decay.mean", mean)
        internals.add("decay.min", factors.min())
        internals.add("decay.half_life", mean < 1 ? Foundation.log(0.5) / Foundation.log(mean) : nil)
    }
}
