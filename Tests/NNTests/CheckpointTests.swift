import XCTest
import Foundation
import NN
import Tensor
import Variants

final class CheckpointTests: XCTestCase {
    func tinyLM(seed: UInt64, width: Int = 8, depth: Int = 2) -> DecoderLM {
        try! DecoderLM(ModelSpec(vocabulary: 11, context: 8, width: width, depth: depth, heads: 2), seed: seed)
    }

    func testRoundTripIsExact() throws {
        let a = tinyLM(seed: 1), b = tinyLM(seed: 2)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-ckpt-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try a.save(to: url, metadata: ["format": "ablate"])
        try b.load(from: url)
        for ((na, pa), (nb, pb)) in zip(a.namedParameters(), b.namedParameters()) {
            XCTAssertEqual(na, nb)
            XCTAssertEqual(pa.value.array, pb.value.array, na)
        }
        let file = try SafeTensors(contentsOf: url)
        XCTAssertEqual(file.metadata["format"], "ablate")
        XCTAssertEqual(file.entry("blocks.0.mixer.qkv.weight")?.shape, [24, 8])
        XCTAssertEqual(try SafeTensors(data: file.serialized()), file)
    }

    /// A file laid out by hand as the format's specification describes.
    func testReadsHandWrittenFileWithHalfPrecision() throws {
        let header = #"{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"BF16","shape":[1],"data_offsets":[4,6]}}"#
        var data = Data()
        var n = UInt64(header.utf8.count).littleEndian
        withUnsafeBytes(of: &n) { data.append(contentsOf: $0) }
        data.append(Data(header.utf8))
        data.append(contentsOf: [0x00, 0x3C, 0x00, 0xC0])  // F16 1.0, −2.0
        data.append(contentsOf: [0x40, 0x40])              // BF16 3.0
        let file = try SafeTensors(data: data)
        XCTAssertEqual(try file.floats("a"), [1, -2])
        XCTAssertEqual(try file.floats("b"), [3])
    }

    func testRejectsCorruptAndTruncatedFiles() {
        let good = tinyLM(seed: 1).checkpoint().serialized()
        func rejects(_ data: Data, _ fragment: String, line: UInt = #line) {
            XCTAssertThrowsError(try SafeTensors(data: data), line: line) { error in
                XCTAssert("\(error)".contains(fragment), "\(error)", line: line)
            }
        }
        rejects(good.prefix(5), "truncated")
        rejects(good.prefix(good.count - 3), "truncated")
        var badLength = good
        badLength[0] = 0xFF; badLength[6] = 0x7F
        rejects(badLength, "header length")
        var badJSON = good
        badJSON[9] = UInt8(ascii: "#")
        rejects(badJSON, "JSON")
        rejects(good + Data([1, 2, 3, 4]), "cover")
    }

    func testRejectsShapesWhoseSizeOverflowsAndOversizedHeaders() throws {
        func file(_ header: String, data: [UInt8] = []) -> Data {
            var out = Data()
            var n = UInt64(header.utf8.count).littleEndian
            withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
            return out + Data(header.utf8) + Data(data)
        }
        let overflow = file(#"{"w":{"dtype":"F32","shape":[4294967296,4294967296,2],"data_offsets":[0,0]}}"#)
        XCTAssertThrowsError(try SafeTensors(data: overflow)) { error in
            XCTAssertEqual("\(error)", "tensor w: shape [4294967296, 4294967296, 2] of F32 holds more bytes than can be counted (the element count overflows)")
        }
        let empty = try SafeTensors(data: file(#"{"w":{"dtype":"F32","shape":[4294967296,4294967296,0],"data_offsets":[0,0]}}"#))
        XCTAssertEqual(try empty.floats("w"), [], "a shape with a zero holds no bytes")
        let beyond = file(#"{"w":{"dtype":"U8","shape":[4],"data_offsets":[2,6]}}"#, data: [1, 2, 3, 4])
        XCTAssertThrowsError(try SafeTensors(data: beyond)) { XCTAssertTrue("\($0)".contains("ends at byte 6 but the data holds 4"), "\($0)") }
        let good = tinyLM(seed: 1).checkpoint().serialized()
        XCTAssertThrowsError(try SafeTensors(data: good, maximumHeaderBytes: 64)) {
            XCTAssertTrue("\($0)".contains("exceeds the limit of 64 bytes"), "\($0)")
        }
    }

    func testLoadRejectsMismatchedModel() throws {
        let other = tinyLM(seed: 3, width: 16)
        XCTAssertThrowsError(try other.load(tinyLM(seed: 1).checkpoint())) { error in
            XCTAssert("\(error)".contains("shape"), "\(error)")
        }
        let shallow = tinyLM(seed: 3, depth: 1)
        XCTAssertThrowsError(try shallow.load(tinyLM(seed: 1).checkpoint())) { error in
            XCTAssert("\(error)".contains("unexpected"), "\(error)")
        }
    }
}
