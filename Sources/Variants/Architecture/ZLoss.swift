import Foundation
import Tensor

/// The z-loss `c·mean_t (log Z_t)²`, `Z_t = Σ_v exp(y_{t,v})`, which keeps the output
/// softmax normalizer near 1. Its logit gradient `2c·log Z_t·softmax(y_t)/n` is added to
/// an existing gradient.
public enum ZLoss {
    /// Adds the gradient for rows whose target is not `ignoreIndex` into `gradient` (same
    /// shape as `logits` [rows, V]); returns the weighted loss and the mean log Z.
    public static func apply(coefficient c: Float, logits: Tensor, targets: [Int32], ignoreIndex: Int32 = -1,
                             into gradient: Tensor) -> (loss: Float, meanLogZ: Float) {
        let v = logits.shape.last ?? 1, rows = logits.count / v
        let counted = targets.filter { $0 != ignoreIndex }.count
        guard counted > 0 else { return (0, 0) }
        var total = 0.0, sumLogZ = 0.0
        for r in 0..<rows where targets[r] != ignoreIndex {
            let x = logits.data + r &* v, g = gradient.data + r &* v
            let logZ = Self.logZ(v, x)
            total += logZ * logZ
            sumLogZ += logZ
            let scale = 2 * Double(c) * logZ / Double(counted)
            for i in 0..<v { g[i] += Float(scale * Foundation.exp(Double(x[i]) - logZ)) }
        }
        return (Float(Double(c) * total / Double(counted)), Float(sumLogZ / Double(counted)))
    }

    /// log Σ exp(x[0..<n]), computed from the largest entry so it does not overflow.
    public static func logZ(_ n: Int, _ x: UnsafePointer<Float>) -> Double {
        let m = Kernels.max(n, x)
        var s = 0.0
        for i in 0..<n { s += Foundation.exp(Double(x[i] - m)) }
        return Double(m) + Foundation.log(s)
    }

    /// The mean log Z of the rows of `logits` [rows, V] whose target is not `ignoreIndex`
    /// (what `apply` returns), nil when no row counts.
    public static func meanLogZ(logits: Tensor, targets: [Int32], ignoreIndex: Int32 = -1) -> Double? {
        let v = logits.shape.last ?? 1, rows = logits.count / v
        var sum = 0.0, counted = 0
        for r in 0..<rows where targets[r] != ignoreIndex {
            sum += logZ(v, logits.data + r &* v)
            counted += 1
        }
        return counted > 0 ? sum / Double(counted) : nil
    }
}
