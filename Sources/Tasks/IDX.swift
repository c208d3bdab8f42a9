import Foundation

/// An array in the IDX format of the MNIST files: a 4-byte magic (two zero bytes, the element
/// type, the number of dimensions), one big-endian UInt32 per dimension, then the elements,
/// big-endian, row-major.
public struct IDXArray: Sendable, Equatable {
    /// The IDX element types.
    public enum ElementType: UInt8, Sendable {
        case uint8 = 0x08, int8 = 0x09, int16 = 0x0B, int32 = 0x0C, float32 = 0x0D, float64 = 0x0E

        public var byteCount: Int {
            switch self {
            case .uint8, .int8: return 1
            case .int16: return 2
            case .int32, .float32: return 4
            case .float64: return 8
            }
        }
    }

    public let type: ElementType
    public let shape: [Int]
    /// The element bytes exactly as stored (big-endian for multi-byte types).
    public let payload: [UInt8]

    public init(type: ElementType, shape: [Int], payload: [UInt8]) {
        precondition(payload.count == shape.reduce(1, *) * type.byteCount, "IDX payload size does not match shape")
        self.type = type
        self.shape = shape
        self.payload = payload
    }

    /// A uint8 array (the only type MNIST files use).
    public init(uint8 values: [UInt8], shape: [Int]) {
        self.init(type: .uint8, shape: shape, payload: values)
    }

    public var count: Int { shape.reduce(1, *) }

    /// Parses IDX bytes, validating the whole header and the exact payload size.
    /// `path` names the file in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws -> IDXArray {
        func corrupt(_ reason: String) -> TaskError { .corruptFile(path: path, reason: reason) }
        guard bytes.count >= 4 else {
            throw corrupt("only \(bytes.count) bytes; an IDX file starts with a 4-byte magic number")
        }
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw corrupt(String(format: "bad IDX magic %02x %02x %02x %02x (the first two bytes must be zero)",
                                 bytes[0], bytes[1], bytes[2], bytes[3]))
        }
        guard let type = ElementType(rawValue: bytes[2]) else {
            throw corrupt(String(format: "unknown IDX element type 0x%02x", bytes[2]))
        }
        let rank = Int(bytes[3])
        guard rank >= 1 else { throw corrupt("IDX header has zero dimensions") }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw corrupt("header declares \(rank) dimensions but the file ends after \(bytes.count) bytes")
        }
        var shape = [Int]()
        var elements = 1
        for d in 0..<rank {
            let o = 4 + 4 * d
            let v = Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3])
            guard v > 0 else { throw corrupt("dimension \(d) is zero") }
            let (product, overflow) = elements.multipliedReportingOverflow(by: v)
            guard !overflow, product <= (1 << 40) else { throw corrupt("dimensions \(shape + [v]) are implausibly large") }
            elements = product
            shape.append(v)
        }
        let expected = elements * type.byteCount
        let actual = bytes.count - headerSize
        guard actual == expected else {
            if actual < expected {
                throw corrupt("truncated: shape \(shape) needs \(expected) data bytes, the file has \(actual)")
            }
            throw corrupt("\(actual - expected) unexpected bytes after the \(expected) data bytes of shape \(shape)")
        }
        return IDXArray(type: type, shape: shape, payload: Array(bytes[headerSize...]))
    }

    /// Reads an IDX file, gunzipping it first when it is gzip-compressed (by content, not name).
    public static func read(path: String) throws -> IDXArray {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TaskError.corruptFile(path: path, reason: "cannot be read")
        }
        var bytes = [UInt8](data)
        if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes, path: path) }
        return try parse(bytes, path: path)
    }

    /// The file bytes of this array (uncompressed).
    public func encoded() -> [UInt8] {
        var out: [UInt8] = [0, 0, type.rawValue, UInt8(shape.count)]
        for d in shape {
            out += [UInt8(truncatingIfNeeded: d >> 24), UInt8(truncatingIfNeeded: d >> 16),
                    UInt8(truncatingIfNeeded: d >> 8), UInt8(truncatingIfNeeded: d)]
        }
        return out + payload
    }
}
