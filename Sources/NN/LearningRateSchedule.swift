import Foundation

/// How the learning rate changes over training: a multiplier of the base rate per step.
public enum LearningRateSchedule: Equatable, Sendable {
    /// The base rate throughout.
    case constant
    /// Linear warmup from 0 over `warmup` steps, then cosine decay to `minRatio`·base at `total`.
    case warmupCosine(warmup: Int, total: Int, minRatio: Float = 0.1)
    /// Warmup-stable-decay: linear warmup, constant, then linear decay to `minRatio`·base
    /// over the last `decay` steps of `total`.
    case warmupStableDecay(warmup: Int, decay: Int, total: Int, minRatio: Float = 0)

    /// The multiplier of the base learning rate at `step` (0-based).
    public func multiplier(step: Int) -> Float {
        switch self {
        case .constant:
            return 1
        case let .warmupCosine(warmup, total, minRatio):
            if step < warmup { return Float(step + 1) / Float(warmup) }
            let span = max(1, total - warmup)
            let progress = min(1, Double(step - warmup) / Double(span))
            let cosine = 0.5 * (1 + cos(Double.pi * progress))
            return minRatio + (1 - minRatio) * Float(cosine)
        case let .warmupStableDecay(warmup, decay, total, minRatio):
            if step < warmup { return Float(step + 1) / Float(warmup) }
            let decayStart = total - decay
            if step < decayStart || decay <= 0 { return 1 }
            let progress = min(1, Float(step - decayStart + 1) / Float(decay))
            return 1 - (1 - minRatio) * progress
        }
    }
}
