import CZlib
import Foundation

/// gzip (and zlib) streams through the system zlib.
public enum Gzip {
    /// Whether `data` starts with the gzip magic bytes 1f 8b.
    public static func isGzip(_ data: [UInt8]) -> Bool {
        data.count >= 2 && data[0] == 0x1F && data[1] == 0x8B
    }

    /// The most bytes inflated at a time, so `decompress`'s check sees the output that often.
    public static let chunkSize = 1 << 18

    /// Decompresses a whole gzip stream (several concatenated members are read in turn).
    /// `path` names the file in errors. `check` sees the output so far after every `chunkSize`
    /// bytes or fewer and throws to stop inflating (a size limit, a header declaring less).
    public static func decompress(_ input: [UInt8], path: String, check: ([UInt8]) throws -> Void = { _ in }) throws -> [UInt8] {
        guard isGzip(input) else { throw TaskError.corruptFile(path: path, reason: "not a gzip stream") }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 4)
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var consumed = 0
        try input.withUnsafeBufferPointer { inBuf in
            while consumed < input.count {
                var stream = z_stream()
                // 15 + 16: a gzip wrapper, 32 KiB window.
                guard ablate_inflateInit2(&stream, 15 + 16) == Z_OK else {
                    throw TaskError.corruptFile(path: path, reason: "zlib could not start inflating")
                }
                defer { inflateEnd(&stream) }
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress! + consumed)
                stream.avail_in = UInt32(input.count - consumed)
                var status: Int32 = Z_OK
                repeat {
                    status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(out.count)
                        let s = inflate(&stream, Z_NO_FLUSH)
                        let produced = out.count - Int(stream.avail_out)
                        output.append(contentsOf: out[0..<produced])
                        return s
                    }
                    try check(output)
                    if status == Z_BUF_ERROR && stream.avail_in == 0 {
                        throw TaskError.corruptFile(path: path, reason: "gzip stream ends early (truncated file)")
                    }
                    if status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR {
                        let msg = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                        throw TaskError.corruptFile(path: path, reason: "gzip data error: \(msg)")
                    }
                } while status != Z_STREAM_END
                consumed = input.count - Int(stream.avail_in)
                // Another member may follow; anything else after the stream is an error.
                if consumed < input.count && !isGzip(Array(input[consumed..<min(consumed + 2, input.count)])) {
                    throw TaskError.corruptFile(path: path, reason: "unexpected bytes after the gzip stream")
                }
            }
        }
        return output
    }

    /// Compresses `input` into one gzip member (used to write test fixtures and caches).
    public static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        precondition(ablate_deflateInit2(&stream, level, 15 + 16) == Z_OK, "zlib deflateInit2 failed")
        defer { deflateEnd(&stream) }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var copy = input
        copy.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = UInt32(inBuf.count)
            var status: Int32 = Z_OK
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    let s = deflate(&stream, Z_FINISH)
                    output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
                    return s
                }
                precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR,
                             "zlib deflate failed (\(status))")
            } while status != Z_STREAM_END
        }
        return output
    }
}
