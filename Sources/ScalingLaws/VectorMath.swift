/// exp and log on four Doubles at once, accurate to about one unit in the last place, for the
/// objective's hot loop (the scalar libm calls dominate its cost otherwise).
enum VectorMath {
    typealias V = SIMD4<Double>

    private static let log2e = 1.4426950408889634
    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10
    /// 1.5·2^52: adding it rounds a Double to an integer held in the low mantissa bits.
    private static let shifter = 6755399441055744.0

    /// `c + a·b` lane by lane with one rounding.
    @inline(__always)
    static func fma(_ a: V, _ b: V, _ c: Double) -> V { V(repeating: c).addingProduct(a, b) }

    /// Lane-wise maximum (inlined; the standard library's `pointwiseMax` is an out-of-line call).
    @inline(__always)
    static func max(_ a: V, _ b: V) -> V { a.replacing(with: b, where: a .< b) }

    /// Lane-wise minimum (inlined).
    @inline(__always)
    static func min(_ a: V, _ b: V) -> V { a.replacing(with: b, where: b .< a) }

    /// e^x, lane by lane (arguments are clamped to [−708, 709]; below −708 the result is ~1e-308, not 0).
    @inline(__always)
    static func exp(_ x: V) -> V {
        let xc = min(max(x, V(repeating: -708)), V(repeating: 709))
        let kShifted = fma(xc, V(repeating: log2e), shifter)
        let k = kShifted - shifter
        // r = x − k·ln2 in two pieces (Cody–Waite), |r| ≤ ln2/2.
        let r = (xc - k * ln2Hi) - k * ln2Lo
        // Taylor series of e^r to degree 13 (truncation error < 1e-17 relative on |r| ≤ 0.347).
        var p = V(repeating: 1.0 / 6227020800.0)
        p = fma(p, r, 1.0 / 479001600.0)
        p = fma(p, r, 1.0 / 39916800.0)
        p = fma(p, r, 1.0 / 3628800.0)
        p = fma(p, r, 1.0 / 362880.0)
        p = fma(p, r, 1.0 / 40320.0)
        p = fma(p, r, 1.0 / 5040.0)
        p = fma(p, r, 1.0 / 720.0)
        p = fma(p, r, 1.0 / 120.0)
        p = fma(p, r, 1.0 / 24.0)
        p = fma(p, r, 1.0 / 6.0)
        p = fma(p, r, 0.5)
        p = fma(p, r, 1.0)
        p = fma(p, r, 1.0)
        // 2^k from the integer in kShifted's low bits.
        let bits = unsafeBitCast(kShifted, to: SIMD4<UInt64>.self)
        let scale = unsafeBitCast((bits &+ 1023) &<< 52, to: V.self)
        return p * scale
    }

    /// The natural log of positive normal numbers, lane by lane.
    @inline(__always)
    static func log(_ x: V) -> V {
        let bits = unsafeBitCast(x, to: SIMD4<UInt64>.self)
        // x = 2^e · m with m ∈ [1, 2).
        let exponentBits = (bits &>> 52) & 0x7FF
        let mantissa = unsafeBitCast((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000, to: V.self)
        var e = V(unsafeBitCast(exponentBits, to: SIMD4<Int64>.self) &- 1023)
        // Move m into [√½, √2).
        let big = mantissa .> 1.4142135623730951
        let m = mantissa.replacing(with: mantissa * 0.5, where: big)
        e = e.replacing(with: e + 1, where: big)
        // log m = 2·atanh(z), z = (m − 1)/(m + 1), |z| ≤ 0.1716: odd series to z^21.
        let z = (m - 1) / (m + 1)
        let z2 = z * z
        var s = V(repeating: 1.0 / 21)
        s = fma(s, z2, 1.0 / 19)
        s = fma(s, z2, 1.0 / 17)
        s = fma(s, z2, 1.0 / 15)
        s = fma(s, z2, 1.0 / 13)
        s = fma(s, z2, 1.0 / 11)
        s = fma(s, z2, 1.0 / 9)
        s = fma(s, z2, 1.0 / 7)
        s = fma(s, z2, 1.0 / 5)
        s = fma(s, z2, 1.0 / 3)
        s = fma(s, z2, 1.0)
        return e * ln2Hi + (e * ln2Lo + 2 * z * s)
    }
}
