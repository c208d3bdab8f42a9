/// How the per-block scales of a `FloatQuantizedLinear` are stored.
public enum BlockScales: Equatable, Sendable {
    /// One Float32 per block.
    case float32([Float])
    /// One E8M0 byte per block: scale `2^{e − 127}` (MX block scaling).
    case powerOfTwo([UInt8])
    /// Double quantization (NF4): block k's scale is `offset + s_{⌊k/256⌋}·(code_k − 128)`,
    /// with symmetric int8 codes (one byte per block), one Float32 `s` per 256 blocks and one
    /// Float32 offset (the mean scale).
    case doubleQuantized(codes: [UInt8], scales: [Float], offset: Float)

    /// Blocks whose scales share one second-level scale under double quantization.
    public static let doubleQuantizationBlock = 256

    /// Number of blocks.
    public var count: Int {
        switch self {
        case .float32(let s): return s.count
        case .powerOfTwo(let e): return e.count
        case .doubleQuantized(let c, _, _): return c.count
        }
    }

    /// Exact stored bytes.
    public var bytes: Int {
        switch self {
        case .float32(let s): return 4 * s.count
        case .powerOfTwo(let e): return e.count
        case .doubleQuantized(let c, let s, _): return c.count + 4 * s.count + 4
        }
    }

    /// The scale of every block, decoded.
    public var values: [Float] {
        switch self {
        case .float32(let s): return s
        case .powerOfTwo(let e): return e.map { Self.powerOfTwo(exponentByte: $0) }
        case .doubleQuantized(let c, let s, let offset):
            return c.indices.map { k in offset + s[k / Self.doubleQuantizationBlock] * Float(Int(c[k]) - 128) }
        }
    }

    /// `2^{e − 127}`.
    public static func powerOfTwo(exponentByte e: UInt8) -> Float { Float(sign: .plus, exponent: Int(e) - 127, significand: 1) }

    /// The E8M0 byte of `2^k`, clamped to the representable 2^-127 … 2^127.
    public static func exponentByte(_ k: Int) -> UInt8 { UInt8(min(max(k + 127, 0), 254)) }

    /// Double-quantizes `scales`: offset = their mean, then symmetric int8 per 256 blocks
    /// (`s = max|a − offset|/127`, 1 when 0), rounding half to even.
    public static func doubleQuantizing(_ scales: [Float]) -> BlockScales {
        let offset = scales.isEmpty ? 0 : Float(scales.reduce(0.0) { $0 + Double($1) } / Double(scales.count))
        var codes = [UInt8](repeating: 128, count: scales.count), second: [Float] = []
        for start in stride(from: 0, to: scales.count, by: doubleQuantizationBlock) {
            let range = start..<min(scales.count, start + doubleQuantizationBlock)
            var s = range.map { abs(scales[$0] - offset) }.max()! / 127
            if !(s > 0 && s.isFinite) { s = 1 }
            second.append(s)
            for k in range {
                let q = min(max(((scales[k] - offset) / s).rounded(.toNearestOrEven), -127), 127)
                codes[k] = UInt8(Int(q) + 128)
            }
        }
        return .doubleQuantized(codes: codes, scales: second, offset: offset)
    }
}
