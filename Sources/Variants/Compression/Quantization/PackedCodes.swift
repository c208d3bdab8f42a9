/// Unsigned b-bit codes packed into bytes, least significant bit first: code i occupies bits
/// `[i·b, (i+1)·b)` of the little-endian byte stream. So int8 is one code per byte, int4 two
/// per byte (low nibble first), int2 four per byte, int3 eight codes in every three bytes
/// and 16-bit codes two little-endian bytes each; n codes take exactly `⌈n·b/8⌉` bytes.
public enum PackedCodes {
    /// `⌈count·bits/8⌉`.
    public static func byteCount(count: Int, bits: Int) -> Int { (count &* bits &+ 7) / 8 }

    /// Packs `codes` (each below 2^bits, bits in 1...16).
    public static func pack(_ codes: [UInt16], bits: Int) -> [UInt8] {
        precondition((1...16).contains(bits), "PackedCodes: \(bits) bits")
        var out = [UInt8](repeating: 0, count: byteCount(count: codes.count, bits: bits))
        let mask = UInt32((1 << bits) - 1)
        out.withUnsafeMutableBufferPointer { o in
            codes.withUnsafeBufferPointer { c in
                for i in 0..<c.count {
                    precondition(UInt32(c[i]) <= mask, "PackedCodes: code \(c[i]) needs more than \(bits) bits")
                    let bit = i &* bits
                    var word = UInt32(c[i]) << UInt32(bit & 7)
                    var byte = bit >> 3
                    while word != 0 {
                        o[byte] |= UInt8(truncatingIfNeeded: word)
                        word >>= 8
                        byte &+= 1
                    }
                }
            }
        }
        return out
    }

    /// The code at `index` of a packed stream of `bytes` (count bytes).
    @inline(__always)
    public static func code(_ bytes: UnsafePointer<UInt8>, byteCount: Int, bits: Int, at index: Int) -> UInt16 {
        let bit = index &* bits
        let first = bit >> 3
        var word = UInt32(bytes[first])
        if first &+ 1 < byteCount { word |= UInt32(bytes[first &+ 1]) << 8 }
        if first &+ 2 < byteCount { word |= UInt32(bytes[first &+ 2]) << 16 }
        return UInt16(truncatingIfNeeded: (word >> UInt32(bit & 7)) & UInt32((1 << bits) - 1))
    }

    /// Unpacks `count` codes of `bits` bits from `bytes`.
    public static func unpack(_ bytes: [UInt8], bits: Int, count: Int) -> [UInt16] {
        precondition(bytes.count == byteCount(count: count, bits: bits), "PackedCodes: \(bytes.count) bytes for \(count) codes of \(bits) bits")
        var out = [UInt16](repeating: 0, count: count)
        bytes.withUnsafeBufferPointer { b in
            out.withUnsafeMutableBufferPointer { o in
                unpack(b.baseAddress!, byteCount: b.count, bits: bits, count: count, into: o.baseAddress!)
            }
        }
        return out
    }

    /// Unpacks `count` codes into `out`; whole bytes at 8 and 4 bits, the bit stream otherwise.
    public static func unpack(_ bytes: UnsafePointer<UInt8>, byteCount: Int, bits: Int, count: Int,
                              into out: UnsafeMutablePointer<UInt16>) {
        switch bits {
        case 8:
            for i in 0..<count { out[i] = UInt16(bytes[i]) }
        case 4:
            for i in 0..<count / 2 {
                let b = bytes[i]
                out[2 &* i] = UInt16(b & 0x0F)
                out[2 &* i &+ 1] = UInt16(b >> 4)
            }
            if count % 2 == 1 { out[count &- 1] = UInt16(bytes[count / 2] & 0x0F) }
        default:
            for i in 0..<count { out[i] = code(bytes, byteCount: byteCount, bits: bits, at: i) }
        }
    }
}
