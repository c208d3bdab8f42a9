/// A sign–exponent–mantissa floating-point format of a few bits (VARIANTS.md E,
/// `compress.quant.float`): M mantissa bits, exponent bias, largest finite magnitude, no
/// infinities. Rounding: `e = max(⌊log₂|y|⌋, 1 − bias)`, `Δ = 2^{e−M}`,
/// `ŷ = sign(y)·min(Δ·round_half_even(|y|/Δ), max)`: tiny values round to 0 through the
/// subnormals and overflow saturates.
public struct Minifloat: Equatable, Sendable {
    /// Exponent bits E.
    public let exponentBits: Int
    /// Mantissa bits M.
    public let mantissaBits: Int
    /// The exponent bias.
    public let bias: Int
    /// The largest finite magnitude (saturation point).
    public let maxValue: Float

    /// OCP FP8 E4M3: bias 7, max 448, smallest normal 2^-6, smallest subnormal 2^-9.
    public static let e4m3 = Minifloat(exponentBits: 4, mantissaBits: 3, bias: 7, maxValue: 448)
    /// OCP FP8 E5M2: bias 15, max 57344, smallest normal 2^-14, smallest subnormal 2^-16.
    public static let e5m2 = Minifloat(exponentBits: 5, mantissaBits: 2, bias: 15, maxValue: 57344)
    /// FP4 E2M1: bias 1, magnitudes {0, 0.5, 1, 1.5, 2, 3, 4, 6}.
    public static let e2m1 = Minifloat(exponentBits: 2, mantissaBits: 1, bias: 1, maxValue: 6)
    /// IEEE half precision (E5M10, max 65504), the near-lossless identity setting.
    public static let e5m10 = Minifloat(exponentBits: 5, mantissaBits: 10, bias: 15, maxValue: 65504)

    /// Bits per code: 1 + E + M.
    public var bits: Int { 1 + exponentBits + mantissaBits }

    /// The format's rounding of `y` (see the type's summary).
    public func round(_ y: Float) -> Float {
        let a = abs(y)
        guard a > 0 else { return 0 }
        guard a.isFinite else { return y < 0 ? -maxValue : maxValue }
        let e = max(Int(a.exponent), 1 - bias)
        let delta = Float(sign: .plus, exponent: e - mantissaBits, significand: 1)
        let r = min(delta * (a / delta).rounded(.toNearestOrEven), maxValue)
        return y < 0 ? -r : r
    }

    /// The bit pattern (sign, exponent field, mantissa field) of `round(y)`; zero is code 0.
    public func encode(_ y: Float) -> UInt16 {
        let r = round(y), a = abs(r)
        guard a > 0 else { return 0 }
        let sign: UInt16 = r < 0 ? 1 << UInt16(exponentBits + mantissaBits) : 0
        let e = Int(a.exponent)
        let field: Int, mantissa: Int
        if e < 1 - bias {
            field = 0
            mantissa = Int(a / Float(sign: .plus, exponent: 1 - bias - mantissaBits, significand: 1))
        } else {
            field = e + bias
            mantissa = Int((a / Float(sign: .plus, exponent: e, significand: 1) - 1) * Float(1 << mantissaBits))
        }
        return sign | UInt16(field << mantissaBits) | UInt16(mantissa)
    }

    /// The value of a bit pattern: subnormal `m·2^{1−bias−M}` for exponent field 0, else
    /// `(1 + m/2^M)·2^{field−bias}` (patterns above the maximum are never produced).
    public func decode(_ code: UInt16) -> Float {
        let m = Int(code) & ((1 << mantissaBits) - 1)
        let field = (Int(code) >> mantissaBits) & ((1 << exponentBits) - 1)
        let negative = (Int(code) >> (exponentBits + mantissaBits)) & 1 == 1
        let a = field == 0
            ? Float(m) * Float(sign: .plus, exponent: 1 - bias - mantissaBits, significand: 1)
            : (1 + Float(m) / Float(1 << mantissaBits)) * Float(sign: .plus, exponent: field - bias, significand: 1)
        return negative ? -a : a
    }
}
