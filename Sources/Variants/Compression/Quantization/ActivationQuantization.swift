import Tensor

/// How a quantized layer treats its inputs at run time.
public enum ActivationQuantization: String, CaseIterable, Sendable {
    /// Inputs stay Float32 (weight-only quantization).
    case none
    /// Each input row is rounded to symmetric int8 with its own scale `max|x_row|/127`,
    /// computed at run time (the activation half of W·A8).
    case dynamicToken = "dynamic-token"

    /// Writes the int8-rounded rows of `x` [rows, features] into `out` (same shape):
    /// `s = max|x_row|/127` (1 for an all-zero row), `x̂ = s·clamp(round(x/s), −127, 127)`,
    /// rounding half to even.
    public static func roundRowsToInt8(_ x: Tensor, features: Int, into out: Tensor) {
        let rows = x.count / features
        let src = x.data, dst = out.data
        for r in 0..<rows {
            let row = src + r &* features, o = dst + r &* features
            var amax: Float = 0
            for j in 0..<features { amax = max(amax, abs(row[j])) }
            var s = amax / 127
            if !(s > 0 && s.isFinite) { s = 1 }
            for j in 0..<features {
                let q = min(max((row[j] / s).rounded(.toNearestOrEven), -127), 127)
                o[j] = s * q
            }
        }
    }
}
