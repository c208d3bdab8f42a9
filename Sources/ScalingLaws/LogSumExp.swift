import Foundation

/// Numerically stable log-sum-exp of a few terms with their softmax weights.
enum LogSumExp {
    /// `log(e^t0 + e^t1)`, writing the weights `e^{t_k − u}` into `w0`, `w1`.
    @inline(__always)
    static func of(_ t0: Double, _ t1: Double, _ w0: inout Double, _ w1: inout Double) -> Double {
        let m = Swift.max(t0, t1)
        let e0 = exp(t0 - m), e1 = exp(t1 - m)
        let s = e0 + e1
        let inv = 1 / s
        w0 = e0 * inv
        w1 = e1 * inv
        return m + log(s)
    }

    /// `log(e^t0 + e^t1 + e^t2)`, writing the weights `e^{t_k − u}` into `w0`, `w1`, `w2`.
    @inline(__always)
    static func of(_ t0: Double, _ t1: Double, _ t2: Double,
                   _ w0: inout Double, _ w1: inout Double, _ w2: inout Double) -> Double {
        let m = Swift.max(t0, t1, t2)
        let e0 = exp(t0 - m), e1 = exp(t1 - m), e2 = exp(t2 - m)
        let s = e0 + e1 + e2
        let inv = 1 / s
        w0 = e0 * inv
        w1 = e1 * inv
        w2 = e2 * inv
        return m + log(s)
    }

    /// `log(1 + e^z)` without overflow.
    @inline(__always)
    static func softplus(_ z: Double) -> Double {
        z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
    }

    /// `1 / (1 + e^−z)` without overflow.
    @inline(__always)
    static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }
}
