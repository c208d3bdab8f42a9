import Foundation
import Tensor

#if _endian(big)
#error("SafeTensors stores little-endian data; big-endian hosts need byte swapping")
#endif

/// A problem with a safetensors file, saying what is wrong and where.
public struct SafeTensorsError: Error, CustomStringConvertible, Equatable {
    public let description: String
    /// An error with `description` as its message.
    public init(_ description: String) { self.description = description }
}

/// The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON
/// header mapping each name to its dtype, shape and byte range, then the raw little-endian
/// data. PyTorch users read it with `safetensors.torch.load_file`.
public struct SafeTensors: Equatable {
    /// Element types of the format.
    public enum DType: String, CaseIterable, Sendable {
        case F64, F32, F16, BF16, I64, I32, I16, I8, U64, U32, U16, U8, BOOL

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .F64, .I64, .U64: return 8
            case .F32, .I32, .U32: return 4
            case .F16, .BF16, .I16, .U16: return 2
            case .I8, .U8, .BOOL: return 1
            }
        }
    }

    /// One stored tensor.
    public struct Entry: Equatable {
        public var name: String
        public var dtype: DType
        public var shape: [Int]
        /// The raw little-endian bytes.
        public var bytes: Data
    }

    /// Free-form string metadata (`__metadata__`).
    public var metadata: [String: String] = [:]
    /// The tensors, in storage order.
    public private(set) var entries: [Entry] = []

    /// An empty file.
    public init(metadata: [String: String] = [:]) { self.metadata = metadata }

    /// Adds raw bytes of `dtype` and `shape`; the byte count must match.
    public mutating func add(_ name: String, dtype: DType, shape: [Int], bytes: Data) {
        precondition(bytes.count == SafeTensors.byteCount(shape: shape, dtype: dtype), "safetensors: \(name) byte count does not match its shape")
        precondition(!entries.contains { $0.name == name }, "safetensors: duplicate tensor \(name)")
        entries.append(Entry(name: name, dtype: dtype, shape: shape, bytes: bytes))
    }

    /// Adds a Float32 tensor.
    public mutating func add(_ name: String, _ tensor: Tensor) {
        add(name, dtype: .F32, shape: tensor.shape, bytes: Data(buffer: UnsafeBufferPointer(tensor.buffer)))
    }

    /// The entry called `name`, if present.
    public func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// The values of a floating-point entry as Float32 (F16, BF16 and F64 are converted).
    public func floats(_ name: String) throws -> [Float] {
        guard let e = entry(name) else { throw SafeTensorsError("no tensor named \(name)") }
        let n = e.bytes.count / e.dtype.size
        return try e.bytes.withUnsafeBytes { raw -> [Float] in
            switch e.dtype {
            case .F32: return (0..<n).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
            case .F64: return (0..<n).map { Float(raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self)) }
            case .F16: return (0..<n).map { Float(Float16(bitPattern: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))) }
            case .BF16: return (0..<n).map { Float(bitPattern: UInt32(raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self)) << 16) }
            default: throw SafeTensorsError("tensor \(name) has dtype \(e.dtype.rawValue), not a floating-point type")
            }
        }
    }

    /// The file's bytes: header padded with spaces to a multiple of 8, then the data.
    public func serialized() -> Data {
        var header: [String: Any] = [:]
        var offset = 0
        for e in entries {
            header[e.name] = ["dtype": e.dtype.rawValue, "shape": e.shape, "data_offsets": [offset, offset + e.bytes.count]]
            offset += e.bytes.count
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var json = (try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        var out = Data()
        var length = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
        out.append(json)
        for e in entries { out.append(e.bytes) }
        return out
    }

    /// Writes the file atomically.
    public func write(to url: URL) throws {
        try serialized().write(to: url, options: .atomic)
    }

    /// Reads and validates a file.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SafeTensorsError("cannot read \(url.path): \(error.localizedDescription)")
        }
        do { try self.init(data: data) } catch let e as SafeTensorsError {
            throw SafeTensorsError("\(url.path): \(e.description)")
        }
    }

    /// The largest JSON header read unless a caller allows more: 100 MiB, far above any real one.
    public static let defaultMaximumHeaderBytes = 100 << 20

    /// The byte count of `shape` elements of `dtype`, or nil when it does not fit in an Int.
    static func byteCount(shape: [Int], dtype: DType) -> Int? {
        if shape.contains(0) { return 0 }
        var bytes = dtype.size
        for d in shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            bytes = product
        }
        return bytes
    }

    /// Parses and validates bytes: header length within the file and at most
    /// `maximumHeaderBytes`, well-formed JSON, known dtypes, shapes whose byte counts fit
    /// (checked multiplication) and match byte ranges inside the data, ranges contiguous from 0
    /// to the end of the data.
    public init(data: Data, maximumHeaderBytes: Int = defaultMaximumHeaderBytes) throws {
        guard data.count >= 8 else { throw SafeTensorsError("truncated: \(data.count) bytes, the 8-byte header length is missing") }
        let n = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard n <= UInt64(data.count - 8) else {
            throw SafeTensorsError("truncated or corrupt: header length \(n) exceeds the \(data.count - 8) bytes that follow")
        }
        guard n <= UInt64(maximumHeaderBytes) else {
            throw SafeTensorsError("header length \(n) exceeds the limit of \(maximumHeaderBytes) bytes")
        }
        let headerEnd = 8 + Int(n)
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<headerEnd)) } catch {
            throw SafeTensorsError("corrupt header: not valid JSON")
        }
        guard let header = parsed as? [String: Any] else { throw SafeTensorsError("corrupt header: not a JSON object") }
        let dataLength = data.count - headerEnd
        var ranged: [(Int, Int, Entry)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let m = value as? [String: String] else { throw SafeTensorsError("__metadata__ must map strings to strings") }
                metadata = m
                continue
            }
            guard let info = value as? [String: Any] else { throw SafeTensorsError("tensor \(name): entry is not an object") }
            guard let dt = info["dtype"] as? String, let dtype = DType(rawValue: dt) else {
                throw SafeTensorsError("tensor \(name): unknown dtype \(info["dtype"] ?? "missing"); allowed: \(DType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let shape = info["shape"] as? [Int], shape.allSatisfy({ $0 >= 0 }) else {
                throw SafeTensorsError("tensor \(name): shape must be a list of non-negative integers")
            }
            guard let offsets = info["data_offsets"] as? [Int], offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
                throw SafeTensorsError("tensor \(name): data_offsets must be [begin, end] with 0 ≤ begin ≤ end")
            }
            guard offsets[1] <= dataLength else {
                throw SafeTensorsError("truncated: tensor \(name) ends at byte \(offsets[1]) but the data holds \(dataLength)")
            }
            guard let expected = SafeTensors.byteCount(shape: shape, dtype: dtype) else {
                throw SafeTensorsError("tensor \(name): shape \(shape) of \(dt) holds more bytes than can be counted (the element count overflows)")
            }
            guard offsets[1] - offsets[0] == expected else {
                throw SafeTensorsError("tensor \(name): \(offsets[1] - offsets[0]) bytes for shape \(shape) of \(dt) (expected \(expected))")
            }
            let bytes = data.subdata(in: (headerEnd + offsets[0])..<(headerEnd + offsets[1]))
            ranged.append((offsets[0], offsets[1], Entry(name: name, dtype: dtype, shape: shape, bytes: bytes)))
        }
        ranged.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var cursor = 0
        for (begin, end, e) in ranged {
            guard begin == cursor else {
                throw SafeTensorsError("corrupt: tensor \(e.name) starts at byte \(begin), expected \(cursor) (overlap or gap)")
            }
            cursor = end
        }
        guard cursor == dataLength else {
            throw SafeTensorsError("corrupt: tensors cover \(cursor) bytes but the data holds \(dataLength)")
        }
        entries = ranged.map(\.2)
    }
}
