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

    /// The most data bytes an IDX file may declare unless a caller allows more: 4 GiB, several
    /// times the largest MNIST-format set.
    public static let defaultMaximumBytes = 4 << 30

    /// What an IDX header declares: the element type, the shape, where the data start and how
    /// many data bytes follow.
    struct Header {
        let type: ElementType
        let shape: [Int]
        let size: Int
        let dataBytes: Int
    }

    /// The header at the start of `bytes`, or nil while `bytes` is too short to hold all of it;
    /// an error for a bad magic or type, a zero dimension, or more than `maximumBytes` of data.
    static func header(_ bytes: ArraySlice<UInt8>, path: String, maximumBytes: Int) throws -> Header? {
        func corrupt(_ reason: String) -> TaskError { .corruptFile(path: path, reason: reason) }
        let b = Array(bytes.prefix(4 + 4 * 255))
        guard b.count >= 4 else { return nil }
        guard b[0] == 0, b[1] == 0 else {
            throw corrupt(String(format: "bad IDX magic %02x %02x %02x %02x (the first two bytes must be zero)",
                                 b[0], b[1], b[2], b[3]))
        }
        guard let type = ElementType(rawValue: b[2]) else {
            throw corrupt(String(format: "unknown IDX element type 0x%02x", b[2]))
        }
        let rank = Int(b[3])
        guard rank >= 1 else { throw corrupt("IDX header has zero dimensions") }
        let size = 4 + 4 * rank
        guard b.count >= size else { return nil }
        var shape = [Int]()
        var dataBytes = type.byteCount
        for d in 0..<rank {
            let o = 4 + 4 * d
            let v = Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3])
            guard v > 0 else { throw corrupt("dimension \(d) is zero") }
            shape.append(v)
            let (product, overflow) = dataBytes.multipliedReportingOverflow(by: v)
            guard !overflow, product <= maximumBytes else {
                throw corrupt("the header's shape \(shape)\(d + 1 < rank ? "…" : "") declares more than the limit of "
                              + "\(maximumBytes) data bytes")
            }
            dataBytes = product
        }
        return Header(type: type, shape: shape, size: size, dataBytes: dataBytes)
    }

    /// Parses IDX bytes, validating the whole header, the exact payload size and at most
    /// `maximumBytes` of data. `path` names the file in errors.
    public static func parse(_ bytes: [UInt8], path: String, maximumBytes: Int = defaultMaximumBytes) throws -> IDXArray {
        func corrupt(_ reason: String) -> TaskError { .corruptFile(path: path, reason: reason) }
        guard let h = try header(bytes[...], path: path, maximumBytes: maximumBytes) else {
            if bytes.count < 4 { throw corrupt("only \(bytes.count) bytes; an IDX file starts with a 4-byte magic number") }
            throw corrupt("header declares \(bytes[3]) dimensions but the file ends after \(bytes.count) bytes")
        }
        let actual = bytes.count - h.size
        guard actual == h.dataBytes else {
            if actual < h.dataBytes {
                throw corrupt("truncated: shape \(h.shape) needs \(h.dataBytes) data bytes, the file has \(actual)")
            }
            throw corrupt("\(actual - h.dataBytes) unexpected bytes after the \(h.dataBytes) data bytes of shape \(h.shape)")
        }
        return IDXArray(type: h.type, shape: h.shape, payload: Array(bytes[h.size...]))
    }

    /// Reads an IDX file, gunzipping it first when it is gzip-compressed (by content, not name).
    /// A gzip file is inflated only as far as its IDX header declares (at most `maximumBytes`
    /// of data): a stream that inflates to more is refused there, not unpacked in full.
    public static func read(path: String, maximumBytes: Int = defaultMaximumBytes) throws -> IDXArray {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TaskError.corruptFile(path: path, reason: "cannot be read")
        }
        var bytes = [UInt8](data)
        if Gzip.isGzip(bytes) {
            bytes = try Gzip.decompress(bytes, path: path) { output in
                guard let h = try header(output[...], path: path, maximumBytes: maximumBytes) else { return }
                if output.count > h.size + h.dataBytes {
                    throw TaskError.corruptFile(
                        path: path, reason: "inflates to more than the \(h.dataBytes) data bytes its IDX header declares for shape \(h.shape)")
                }
            }
        }
        return try parse(bytes, path: path, maximumBytes: maximumBytes)
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
