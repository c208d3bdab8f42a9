import Foundation
import Tensor

/// Softmax cross-entropy over logits [rows, classes] with integer targets, averaged over
/// the rows whose target is not `ignoreIndex`. The forward pass also forms ∂loss/∂logits
/// (`(softmax − onehot) / counted`), available as `gradient`.
public final class SoftmaxCrossEntropy {
    /// Targets equal to this are skipped (no loss, zero gradient).
    public let ignoreIndex: Int32
    private var gradBuffer = Buffer()
    private var rowScratch = Buffer()
    /// Rows that counted in the last call.
    public private(set) var counted = 0
    /// ∂(mean loss)/∂logits of the last `forward` that computed it.
    public private(set) var gradient: Tensor?

    public init(ignoreIndex: Int32 = -1) { self.ignoreIndex = ignoreIndex }

    /// The mean loss in nats. Large logits and −∞ entries stay finite (a −∞ logit at the
    /// target itself gives +∞, which is the true loss). Targets are range-checked.
    public func forward(_ logits: Tensor, targets: [Int32], computeGradient: Bool = true) -> Float {
        let classes = logits.shape.last ?? 1
        let rows = logits.count / classes
        precondition(targets.count == rows, "cross-entropy: \(targets.count) targets for \(rows) rows")
        let g = computeGradient ? gradBuffer.get(logits.shape) : rowScratch.get([classes])
        var total: Double = 0
        var n = 0
        for r in 0..<rows {
            let t = targets[r]
            let x = logits.data + r &* classes
            let out = computeGradient ? g.data + r &* classes : g.data
            if t == ignoreIndex {
                if computeGradient { out.update(repeating: 0, count: classes) }
                continue
            }
            precondition(t >= 0 && Int(t) < classes, "cross-entropy: target \(t) outside 0..<\(classes)")
            let m = Kernels.max(classes, x)
            for i in 0..<classes { out[i] = x[i] - m }
            FastMath.exp(classes, out, out)
            let s = Kernels.sum(classes, out)
            total += Double(m) + Foundation.log(Double(s)) - Double(x[Int(t)])
            if computeGradient {
                Kernels.scale(classes, 1 / s, out)
                out[Int(t)] -= 1
            }
            n += 1
        }
        counted = n
        if computeGradient {
            if n > 0 { g.scale(by: 1 / Float(n)) }
            gradient = g
        }
        return n > 0 ? Float(total / Double(n)) : 0
    }
}

/// The index of the largest value in each row of [rows, classes].
public func argmaxRows(_ logits: Tensor) -> [Int32] {
    let classes = logits.shape.last ?? 1
    return (0..<(logits.count / classes)).map { r in
        let x = logits.data + r * classes
        var best = 0
        for i in 1..<classes where x[i] > x[best] { best = i }
        return Int32(best)
    }
}
