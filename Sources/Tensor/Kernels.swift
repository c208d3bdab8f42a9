import Foundation
import RealModule

/// Vectorizable elementwise kernels and reductions over raw Float buffers.
/// Every loop is a plain counted loop over pointers so the compiler can vectorize it;
/// reductions use relaxed (reassociable) arithmetic for the same reason.
public enum Kernels {
    /// `y[i] += a · x[i]`.
    @inline(__always)
    public static func axpy(_ n: Int, _ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        for i in 0..<n { y[i] = Relaxed.multiplyAdd(a, x[i], y[i]) }
    }

    /// `y[i] += x[i]`.
    @inline(__always)
    public static func add(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        for i in 0..<n { y[i] += x[i] }
    }

    /// `z[i] = x[i] + y[i]`.
    @inline(__always)
    public static func add(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, into z: UnsafeMutablePointer<Float>) {
        for i in 0..<n { z[i] = x[i] + y[i] }
    }

    /// `x[i] *= a`.
    @inline(__always)
    public static func scale(_ n: Int, _ a: Float, _ x: UnsafeMutablePointer<Float>) {
        for i in 0..<n { x[i] *= a }
    }

    /// Σ x[i].
    @inline(__always)
    public static func sum(_ n: Int, _ x: UnsafePointer<Float>) -> Float {
        var s: Float = 0
        for i in 0..<n { s = Relaxed.sum(s, x[i]) }
        return s
    }

    /// Σ x[i]·y[i].
    @inline(__always)
    public static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        var s: Float = 0
        for i in 0..<n { s = Relaxed.multiplyAdd(x[i], y[i], s) }
        return s
    }

    /// Σ x[i]², accumulated in Double (gradient norms over millions of elements).
    public static func sumOfSquares(_ n: Int, _ x: UnsafePointer<Float>) -> Double {
        var s: Double = 0
        for i in 0..<n { let v = Double(x[i]); s = Relaxed.multiplyAdd(v, v, s) }
        return s
    }

    /// max x[i] (−∞ for an empty buffer).
    @inline(__always)
    public static func max(_ n: Int, _ x: UnsafePointer<Float>) -> Float {
        var m = -Float.infinity
        for i in 0..<n { m = Swift.max(m, x[i]) }
        return m
    }

    /// Column sums of a row-major [rows × cols] matrix added into `out[cols]`.
    public static func addColumnSums(rows: Int, cols: Int, _ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        for r in 0..<rows { add(cols, x + r &* cols, out) }
    }

    /// Adds `bias[cols]` to every row of a row-major [rows × cols] matrix.
    public static func addRowBroadcast(rows: Int, cols: Int, _ bias: UnsafePointer<Float>, _ x: UnsafeMutablePointer<Float>) {
        for r in 0..<rows { add(cols, bias, x + r &* cols) }
    }

    /// Numerically stable softmax of one row in place. Entries equal to −∞ (masks) get
    /// probability 0; a row that is entirely −∞ becomes all zeros instead of NaN.
    @inline(__always)
    public static func softmax(_ n: Int, _ x: UnsafeMutablePointer<Float>) {
        let m = max(n, x)
        guard m > -Float.infinity else { x.update(repeating: 0, count: n); return }
        for i in 0..<n { x[i] = FastMath.exp(x[i] - m) }
        scale(n, 1 / sum(n, x), x)
    }

    /// Numerically stable log-softmax of one row from `x` into `y`. A row that is entirely
    /// −∞ gives −∞ everywhere (there is no distribution to normalise).
    @inline(__always)
    public static func logSoftmax(_ n: Int, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let m = max(n, x)
        guard m > -Float.infinity else { y.update(repeating: -.infinity, count: n); return }
        var s: Float = 0
        for i in 0..<n { s = Relaxed.sum(s, FastMath.exp(x[i] - m)) }
        let logSum = Foundation.log(s)
        for i in 0..<n { y[i] = (x[i] - m) - logSum }
    }
}

extension Tensor {
    /// Softmax over the last dimension, in place.
    public func softmaxLastDim() {
        let n = shape.last ?? 1
        for r in 0..<(count / Swift.max(n, 1)) { Kernels.softmax(n, data + r * n) }
    }

    /// Log-softmax over the last dimension, as a new tensor.
    public func logSoftmaxLastDim() -> Tensor {
        let n = shape.last ?? 1
        let out = Tensor(shape: shape)
        for r in 0..<(count / Swift.max(n, 1)) { Kernels.logSoftmax(n, data + r * n, into: out.data + r * n) }
        return out
    }

    /// Σ of all elements.
    public func sum() -> Float { Kernels.sum(count, data) }

    /// Adds `other` elementwise (same count).
    public func add(_ other: Tensor) {
        precondition(other.count == count)
        Kernels.add(count, other.data, data)
    }

    /// Multiplies every element by `a`.
    public func scale(by a: Float) { Kernels.scale(count, a, data) }

    /// The largest absolute difference from `other` (same count).
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(other.count == count)
        var m: Float = 0
        for i in 0..<count { m = Swift.max(m, abs(data[i] - other.data[i])) }
        return m
    }
}
