import Foundation
import Tensor

/// The knowledge-distillation loss over student logits z_s [rows, classes] against teacher
/// logits z_t and integer targets y, averaged over the rows whose target is not `ignoreIndex`:
///
///     L = (1−α)·CE(y, z_s) + α·T²·KL(softmax(z_t/T) ‖ softmax(z_s/T))
///
/// Its gradient with respect to z_s, formed by `forward`, is
/// `(1−α)·(softmax(z_s) − onehot(y)) + α·T·(softmax(z_s/T) − softmax(z_t/T))` per row, divided
/// by the counted rows (the T² keeps the soft term's gradient scale independent of T).
public final class DistillationLoss {
    /// The temperature T (> 0).
    public let temperature: Float
    /// The weight α ∈ [0, 1] of the KL term.
    public let alpha: Float
    /// Targets equal to this are skipped (no loss, zero gradient).
    public let ignoreIndex: Int32
    private let crossEntropy: SoftmaxCrossEntropy
    private var gradBuffer = Buffer()
    private var student = Buffer()
    private var teacher = Buffer()
    /// The mean cross-entropy of the last `forward`.
    public private(set) var lastCrossEntropy: Float = 0
    /// The mean KL(softmax(z_t/T) ‖ softmax(z_s/T)) of the last `forward` (without the T² factor).
    public private(set) var lastKL: Float = 0
    /// ∂(mean loss)/∂z_s of the last `forward` that computed it.
    public private(set) var gradient: Tensor?

    public init(temperature: Float, alpha: Float, ignoreIndex: Int32 = -1) {
        precondition(temperature > 0 && (0...1).contains(alpha), "distillation: T = \(temperature), α = \(alpha)")
        self.temperature = temperature
        self.alpha = alpha
        self.ignoreIndex = ignoreIndex
        crossEntropy = SoftmaxCrossEntropy(ignoreIndex: ignoreIndex)
    }

    /// The mean loss in nats for `studentLogits` against `teacherLogits` (same shape) and
    /// `targets`; also forms `gradient` unless `computeGradient` is false.
    public func forward(student studentLogits: Tensor, teacher teacherLogits: Tensor, targets: [Int32],
                        computeGradient: Bool = true) -> Float {
        precondition(studentLogits.shape == teacherLogits.shape,
                     "distillation: student \(studentLogits.shape) and teacher \(teacherLogits.shape) logits differ")
        let classes = studentLogits.shape.last ?? 1
        let rows = studentLogits.count / classes
        let ce = crossEntropy.forward(studentLogits, targets: targets, computeGradient: computeGradient)
        let counted = crossEntropy.counted
        let logS = student.get([classes]).data, logT = teacher.get([classes]).data
        let g = computeGradient ? gradBuffer.get(studentLogits.shape) : nil
        if let g, let ceGrad = crossEntropy.gradient {
            g.assign(ceGrad)
            g.scale(by: 1 - alpha)
        }
        let t = temperature, inverse = 1 / temperature
        let softScale = counted > 0 ? alpha * t / Float(counted) : 0
        var kl = 0.0
        for r in 0..<rows where targets[r] != ignoreIndex {
            let zs = studentLogits.data + r &* classes, zt = teacherLogits.data + r &* classes
            for i in 0..<classes { logS[i] = zs[i] * inverse }
            for i in 0..<classes { logT[i] = zt[i] * inverse }
            Kernels.logSoftmax(classes, logS, into: logS)
            Kernels.logSoftmax(classes, logT, into: logT)
            var rowKL = 0.0
            for i in 0..<classes {
                let lt = Double(logT[i])
                guard lt > -.infinity else { continue }
                rowKL += Foundation.exp(lt) * (lt - Double(logS[i]))
            }
            kl += rowKL
            if let g {
                let out = g.data + r &* classes
                for i in 0..<classes { out[i] += softScale * (FastMath.exp(logS[i]) - FastMath.exp(logT[i])) }
            }
        }
        if let g { gradient = g }
        lastCrossEntropy = ce
        lastKL = counted > 0 ? Float(kl / Double(counted)) : 0
        return (1 - alpha) * ce + alpha * t * t * lastKL
    }
}
