/// The storage formats of `compress.quant.float`.
public enum FloatQuantizationFormat: String, CaseIterable, Sendable {
    /// FP8 E4M3 codes, one byte each, with a Float32 scale `amax/448` per tensor or channel.
    case fp8E4M3 = "fp8-e4m3"
    /// FP8 E5M2 codes, one byte each, with a Float32 scale `amax/57344` per tensor or channel.
    case fp8E5M2 = "fp8-e5m2"
    /// MX FP4 (E2M1) codes packed two per byte; blocks of 32 share a power-of-two scale
    /// `2^{⌊log₂ amax⌋ − 2}` stored as an 8-bit exponent (E8M0).
    case fp4E2M1 = "fp4-e2m1"
    /// NF4: 4-bit indices into 16 normal-quantile levels, packed two per byte; blocks of 64
    /// share their absmax (Float32, or 8-bit with double quantization).
    case nf4
    /// IEEE half-precision codes, two bytes each, scaled like FP8: the near-lossless
    /// identity setting.
    case fp16

    /// Bits per stored code.
    public var codeBits: Int {
        switch self {
        case .fp8E4M3, .fp8E5M2: return 8
        case .fp4E2M1, .nf4: return 4
        case .fp16: return 16
        }
    }

    /// The minifloat behind the format (nil for NF4).
    public var minifloat: Minifloat? {
        switch self {
        case .fp8E4M3: return .e4m3
        case .fp8E5M2: return .e5m2
        case .fp4E2M1: return .e2m1
        case .fp16: return .e5m10
        case .nf4: return nil
        }
    }

    /// NF4's 16 levels in [−1, 1] (the normal-distribution quantiles of QLoRA), ascending.
    public static let nf4Levels: [Float] = [
        -1, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
        -0.18477343022823334, -0.09105003625154495, 0, 0.07958029955625534, 0.16093020141124725,
        0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
        0.7229568362236023, 1,
    ]

    /// The value of every code, indexed by code (2^codeBits entries), before scaling.
    public var levels: [Float] {
        if self == .nf4 { return Self.nf4Levels }
        let f = minifloat!
        return (0..<(1 << codeBits)).map { f.decode(UInt16($0)) }
    }

    /// The code of `y` (already divided by its block scale).
    public func code(_ y: Float) -> UInt16 {
        if let f = minifloat { return f.encode(y) }
        var best = 0, distance = Float.infinity
        for (k, c) in Self.nf4Levels.enumerated() where abs(y - c) < distance {
            best = k
            distance = abs(y - c)
        }
        return UInt16(best)
    }
}
