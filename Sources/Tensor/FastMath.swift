/// Vectorized exponential and friends for the activation, softmax and loss kernels.
///
/// glibc's scalar `expf` is a function call per element; these compute `exp` eight lanes
/// at a time (AVX2) with Cody-Waite range reduction and a degree-6 polynomial, within
/// about 2 ulp of the correctly rounded result on the range where exp(x) is a normal Float.
/// Below it (x < -87.3) they return 0; NaN stays NaN.
public enum FastMath {
    @usableFromInline static let log2e: Float = 1.442_695_040_888_963_4
    @usableFromInline static let ln2Hi: Float = 0.693_359_375
    @usableFromInline static let ln2Lo: Float = -2.121_944_400_546_905_8e-4

    /// exp of eight lanes.
    @inlinable @inline(__always)
    public static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let xc = x.clamped(lowerBound: SIMD8(repeating: -87.3), upperBound: SIMD8(repeating: 88.7))
        let n = (xc * log2e).rounded(.toNearestOrEven)
        let r = xc.addingProduct(n, SIMD8(repeating: -ln2Hi)).addingProduct(n, SIMD8(repeating: -ln2Lo))
        var p = SIMD8<Float>(repeating: 1.398_199_950_7e-3).addingProduct(r, SIMD8(repeating: 1.987_569_150_0e-4))
        p = SIMD8(repeating: 8.333_451_907_3e-3).addingProduct(p, r)
        p = SIMD8(repeating: 4.166_579_589_4e-2).addingProduct(p, r)
        p = SIMD8(repeating: 1.666_666_545_9e-1).addingProduct(p, r)
        p = SIMD8(repeating: 5.000_000_120_1e-1).addingProduct(p, r)
        p = (r + 1).addingProduct(p, r * r)
        let bits = (SIMD8<Int32>(n) &+ 127) &<< 23
        var y = p * unsafeBitCast(bits, to: SIMD8<Float>.self)
        y.replace(with: 0, where: x .< -87.3)
        y.replace(with: .infinity, where: x .> 88.7)
        y.replace(with: x, where: x .!= x)
        return y
    }

    /// exp of one value, the same arithmetic as the eight-lane form.
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        exp(SIMD8(repeating: x))[0]
    }

    /// `y[i] = exp(x[i])` for `n` elements (`x` and `y` may be the same buffer).
    @inlinable
    public static func exp(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        var i = 0
        while i &+ 8 <= n {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: exp(v), as: SIMD8<Float>.self)
            i &+= 8
        }
        while i < n { y[i] = exp(x[i]); i &+= 1 }
    }
}
