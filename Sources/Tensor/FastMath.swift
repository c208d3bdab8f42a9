/// A branch-free exponential that the compiler vectorizes inside elementwise loops.
///
/// glibc's `expf` is a function call per element; this one is inlined: Cody-Waite range
/// reduction, a degree-6 polynomial and an exponent built from integer bits, with only
/// selects and fused multiply-adds, so a loop over it becomes AVX2 code. Relative error
/// stays below 3e-7 where exp(x) is a normal Float; below that range (x < −87.3) it
/// returns 0, above it (x > 88.7) +∞, and NaN stays NaN. Every lane computes exactly the
/// same arithmetic, so a value's result does not depend on its position in a buffer.
public enum FastMath {
    @usableFromInline static let log2e: Float = 1.442_695_040_888_963_4
    @usableFromInline static let ln2Hi: Float = 0.693_359_375
    @usableFromInline static let ln2Lo: Float = -2.121_944_400_546_905_8e-4
    /// 1.5·2²³: adding it rounds to an integer held in the low mantissa bits.
    @usableFromInline static let shifter: Float = 12_582_912
    @usableFromInline static let shifterBits: Int32 = 0x4B40_0000

    /// e^x.
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        let xc = Swift.min(Swift.max(x, -87.3), 88.7)
        let t = shifter.addingProduct(xc, log2e)
        let n = t - shifter
        let r = xc.addingProduct(n, -ln2Hi).addingProduct(n, -ln2Lo)
        var p: Float = 1.987_569_150_0e-4
        p = Float(1.398_199_950_7e-3).addingProduct(p, r)
        p = Float(8.333_451_907_3e-3).addingProduct(p, r)
        p = Float(4.166_579_589_4e-2).addingProduct(p, r)
        p = Float(1.666_666_545_9e-1).addingProduct(p, r)
        p = Float(5.000_000_120_1e-1).addingProduct(p, r)
        p = (r + 1).addingProduct(p, r * r)
        let e = (Int32(bitPattern: t.bitPattern) &- shifterBits &+ 127) &<< 23
        var y = p * Float(bitPattern: UInt32(bitPattern: e))
        y = x < -87.3 ? 0 : y
        y = x > 88.7 ? .infinity : y
        return x != x ? x : y
    }

    /// The logistic function 1 / (1 + e^−x).
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    /// `y[i] = exp(x[i])` for `n` elements (`x` and `y` may be the same buffer).
    @inlinable
    public static func exp(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        for i in 0..<n { y[i] = exp(x[i]) }
    }
}
