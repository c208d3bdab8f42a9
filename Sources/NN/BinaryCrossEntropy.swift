import Foundation
import Tensor

/// Sigmoid binary cross-entropy with logits, for multi-label outputs: logits of any shape, one
/// target per entry (0 or 1, or `ignoreIndex` to skip it), averaged over the counted entries.
/// Per entry, `softplus(z) − y·z`, computed as `max(z, 0) − y·z + log1p(exp(−|z|))` so large
/// logits stay finite; ∂loss/∂z = `(σ(z) − y) / counted`, available as `gradient`.
public final class SigmoidBinaryCrossEntropy {
    /// Targets equal to this are skipped (no loss, zero gradient).
    public let ignoreIndex: Int32
    private var gradBuffer = Buffer()
    /// Entries that counted in the last call.
    public private(set) var counted = 0
    /// ∂(mean loss)/∂logits of the last `forward` that computed it.
    public private(set) var gradient: Tensor?

    public init(ignoreIndex: Int32 = -1) { self.ignoreIndex = ignoreIndex }

    /// The mean loss in nats per counted entry. Targets other than 0, 1 and `ignoreIndex` are refused.
    public func forward(_ logits: Tensor, targets: [Int32], computeGradient: Bool = true) -> Float {
        precondition(targets.count == logits.count,
                     "binary cross-entropy: \(targets.count) targets for \(logits.count) logits")
        let g = computeGradient ? gradBuffer.get(logits.shape) : nil
        var total: Double = 0
        var n = 0
        for i in 0..<logits.count {
            let t = targets[i]
            if t == ignoreIndex {
                g?.data[i] = 0
                continue
            }
            precondition(t == 0 || t == 1, "binary cross-entropy: target \(t) is not 0 or 1")
            let z = logits.data[i], y = Float(t)
            total += Double(max(z, 0) - y * z) + Foundation.log1p(Foundation.exp(-Double(abs(z))))
            g?.data[i] = FastMath.sigmoid(z) - y
            n += 1
        }
        counted = n
        if let g {
            if n > 0 { g.scale(by: 1 / Float(n)) }
            gradient = g
        }
        return n > 0 ? Float(total / Double(n)) : 0
    }
}
