/// A uniform integer grid of b bits (VARIANTS.md E, `compress.quant.int`), with rounding
/// half to even.
///
/// - Symmetric: `q_max = 2^{b−1} − 1`, `s = max|w|/q_max`, `q = clamp(round(w/s), −q_max, q_max)`;
///   the stored unsigned code is `q + 2^{b−1}` (the zero point `2^{b−1}` is implied, not stored).
///   At b = 2 this is ternary.
/// - Asymmetric: the range widened to include 0, `s = (max − min)/(2^b − 1)`,
///   `z = round(−min/s)`, code `clamp(round(w/s) + z, 0, 2^b − 1)`.
///
/// Either way `ŵ = s·(code − z)`. A group whose scale would be 0 (all zeros) uses `s = 1`.
public struct IntegerGrid: Equatable, Sendable {
    /// Bits per code b.
    public let bits: Int
    /// Symmetric (zero point implied) or asymmetric (zero point stored per group).
    public let symmetric: Bool

    /// A grid of `bits` bits (1...16).
    public init(bits: Int, symmetric: Bool) {
        precondition((1...16).contains(bits), "IntegerGrid: \(bits) bits")
        self.bits = bits
        self.symmetric = symmetric
    }

    /// The largest stored code, `2^b − 1`.
    public var maxCode: Int { (1 << bits) &- 1 }
    /// `q_max = 2^{b−1} − 1` of the symmetric grid.
    public var symmetricMax: Int { (1 << (bits &- 1)) &- 1 }
    /// The implied zero point of the symmetric grid, `2^{b−1}`.
    public var symmetricZero: Int { 1 << (bits &- 1) }

    /// The scale and zero point of a group whose values span `[minimum, maximum]`.
    public func parameters(minimum: Float, maximum: Float) -> (scale: Float, zero: Int) {
        if symmetric {
            let amax = max(abs(minimum), abs(maximum))
            let s = amax / Float(symmetricMax)
            return (s > 0 && s.isFinite ? s : 1, symmetricZero)
        }
        let lo = min(minimum, 0), hi = max(maximum, 0)
        var s = (hi - lo) / Float(maxCode)
        if !(s > 0 && s.isFinite) { s = 1 }
        let z = min(max(Int((-lo / s).rounded(.toNearestOrEven)), 0), maxCode)
        return (s, z)
    }

    /// The stored code of `w` under `scale` and `zero`.
    @inline(__always)
    public func code(_ w: Float, scale: Float, zero: Int) -> UInt16 {
        let r = (w / scale).rounded(.toNearestOrEven)
        if symmetric {
            let q = min(max(r, -Float(symmetricMax)), Float(symmetricMax))
            return UInt16(Int(q) &+ zero)
        }
        let q = min(max(r + Float(zero), 0), Float(maxCode))
        return UInt16(Int(q))
    }

    /// `ŵ = s·(code − z)`.
    @inline(__always)
    public func value(_ code: UInt16, scale: Float, zero: Int) -> Float {
        scale * Float(Int(code) &- zero)
    }

    /// `Q(w) = value(code(w))`.
    @inline(__always)
    public func quantize(_ w: Float, scale: Float, zero: Int) -> Float {
        value(code(w, scale: scale, zero: zero), scale: scale, zero: zero)
    }
}
