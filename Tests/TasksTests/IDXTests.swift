import Foundation
import XCTest
@testable import Tasks

final class IDXTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "ablate-idx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func write(_ bytes: [UInt8], _ name: String) -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    private func assertCorrupt(_ bytes: [UInt8], contains fragment: String, file: StaticString = #filePath,
                               line: UInt = #line) {
        XCTAssertThrowsError(try IDXArray.parse(bytes, path: "/x/f.idx"), file: file, line: line) { error in
            guard case TaskError.corruptFile(let path, let reason) = error else {
                return XCTFail("expected corruptFile, got \(error)", file: file, line: line)
            }
            XCTAssertEqual(path, "/x/f.idx", file: file, line: line)
            XCTAssertTrue(reason.contains(fragment), "'\(reason)' lacks '\(fragment)'", file: file, line: line)
            XCTAssertTrue("\(error)".contains("/x/f.idx"), file: file, line: line)
        }
    }

    func testHeaderIsBigEndianAndRoundTrips() throws {
        let values = (0..<(3 * 2 * 5)).map { UInt8($0 * 7 % 256) }
        let a = IDXArray(uint8: values, shape: [3, 2, 5])
        let bytes = a.encoded()
        XCTAssertEqual(Array(bytes[0..<8]), [0, 0, 0x08, 3, 0, 0, 0, 3])
        XCTAssertEqual(bytes.count, 4 + 12 + 30)
        XCTAssertEqual(try IDXArray.parse(bytes, path: "t"), a)
        // A dimension above 255 exercises every header byte.
        let big = IDXArray(uint8: [UInt8](repeating: 9, count: 70_000), shape: [70_000])
        XCTAssertEqual(Array(big.encoded()[4..<8]), [0, 0x01, 0x11, 0x70])
        XCTAssertEqual(try IDXArray.parse(big.encoded(), path: "t").shape, [70_000])
        // Other element types: int32 payload size is 4 bytes an element.
        let i32 = IDXArray(type: .int32, shape: [2], payload: [0, 0, 0, 1, 255, 255, 255, 255])
        XCTAssertEqual(try IDXArray.parse(i32.encoded(), path: "t"), i32)
    }

    func testReadsPlainAndGzippedFiles() throws {
        let a = IDXArray(uint8: (0..<200).map { UInt8($0) }, shape: [2, 10, 10])
        let plain = write(a.encoded(), "a.idx")
        let gz = write(Gzip.compress(a.encoded()), "a.idx.gz")
        XCTAssertEqual(try IDXArray.read(path: plain), a)
        XCTAssertEqual(try IDXArray.read(path: gz), a)
        // Two concatenated gzip members decode as one stream.
        let half = a.encoded().count / 2
        let twoMembers = Gzip.compress(Array(a.encoded()[..<half])) + Gzip.compress(Array(a.encoded()[half...]))
        XCTAssertEqual(try IDXArray.read(path: write(twoMembers, "b.gz")), a)
    }

    func testRejectsCorruptHeaders() {
        let good = IDXArray(uint8: [1, 2, 3, 4, 5, 6], shape: [2, 3]).encoded()
        assertCorrupt([0, 0], contains: "4-byte magic")
        assertCorrupt([1] + good.dropFirst(), contains: "bad IDX magic")
        var badType = good; badType[2] = 0x07
        assertCorrupt(badType, contains: "unknown IDX element type 0x07")
        var zeroRank = good; zeroRank[3] = 0
        assertCorrupt(Array(zeroRank[0..<4]), contains: "zero dimensions")
        assertCorrupt(Array(good[0..<9]), contains: "declares 2 dimensions")
        var zeroDim = good; zeroDim[7] = 0
        assertCorrupt(zeroDim, contains: "dimension 0 is zero")
        assertCorrupt(Array(good.dropLast()), contains: "truncated: shape [2, 3] needs 6 data bytes, the file has 5")
        assertCorrupt(good + [0], contains: "1 unexpected bytes")
        let huge: [UInt8] = [0, 0, 8, 3, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF]
        assertCorrupt(huge, contains: "declares more than the limit of \(IDXArray.defaultMaximumBytes) data bytes")
    }

    func testRejectsCorruptAndTruncatedGzip() throws {
        let a = IDXArray(uint8: (0..<5000).map { UInt8($0 % 251) }, shape: [5000])
        let gz = Gzip.compress(a.encoded())
        let truncated = write(Array(gz[0..<(gz.count / 2)]), "t.gz")
        XCTAssertThrowsError(try IDXArray.read(path: truncated)) { error in
            XCTAssertTrue("\(error)".contains("t.gz") && "\(error)".contains("truncated"), "\(error)")
        }
        var flipped = gz
        for i in 20..<40 { flipped[i] ^= 0xA5 }
        let corrupt = write(flipped, "c.gz")
        XCTAssertThrowsError(try IDXArray.read(path: corrupt)) { error in
            XCTAssertTrue("\(error)".contains("c.gz"), "\(error)")
        }
        let trailing = write(gz + [1, 2, 3], "trail.gz")
        XCTAssertThrowsError(try IDXArray.read(path: trailing)) { error in
            XCTAssertTrue("\(error)".contains("after the gzip stream"), "\(error)")
        }
        // A truncated IDX inside a valid gzip stream is reported by the IDX check.
        let inner = write(Gzip.compress(Array(a.encoded().dropLast(10))), "inner.gz")
        XCTAssertThrowsError(try IDXArray.read(path: inner)) { error in
            XCTAssertTrue("\(error)".contains("inner.gz") && "\(error)".contains("truncated"), "\(error)")
        }
    }

    /// A gzip bomb: a small IDX header and 1 GiB of zeros in 1,024 members of 1 MiB each
    /// (about 1 MB compressed).
    private func bomb(header: [UInt8]) -> [UInt8] {
        let member = Gzip.compress([UInt8](repeating: 0, count: 1 << 20), level: 9)
        return Gzip.compress(header) + (0..<1024).flatMap { _ in member }
    }

    func testGzipBombIsRefusedAtTheSizeItsHeaderDeclares() throws {
        let header = Array(IDXArray(uint8: [UInt8](repeating: 0, count: 1000), shape: [10, 100]).encoded()[..<12])
        let data = bomb(header: header)
        XCTAssertLessThan(data.count, 2 << 20)
        let start = Date()
        XCTAssertThrowsError(try IDXArray.read(path: write(data, "bomb.gz"))) { error in
            XCTAssertTrue("\(error)".contains("bomb.gz: corrupt or truncated file: inflates to more than the 1000 data bytes "
                                               + "its IDX header declares for shape [10, 100]"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1, "stops inflating, does not unpack the gigabyte")
        // The check sees every chunk, so the output never grows past the limit by more than one.
        var largest = 0
        XCTAssertThrowsError(try Gzip.decompress(data, path: "bomb.gz") { output in
            largest = max(largest, output.count)
            if output.count > 1012 { throw TaskError.corruptFile(path: "bomb.gz", reason: "too big") }
        })
        XCTAssertLessThanOrEqual(largest, 1012 + Gzip.chunkSize)
        // A header declaring more than the limit is refused after the first chunk; all zeros have no IDX magic.
        let big = IDXArray(uint8: [1], shape: [1]).encoded().prefix(4) + [0x7F, 0xFF, 0xFF, 0xFF]
        XCTAssertThrowsError(try IDXArray.read(path: write(bomb(header: Array(big)), "big.gz"), maximumBytes: 1 << 20)) { error in
            XCTAssertTrue("\(error)".contains("declares more than the limit of 1048576 data bytes"), "\(error)")
        }
        XCTAssertThrowsError(try IDXArray.read(path: write(bomb(header: []), "zeros.gz"))) { error in
            XCTAssertTrue("\(error)".contains("unknown IDX element type 0x00"), "\(error)")
        }
    }

    /// Writes a tiny MNIST-format dataset: image i's pixels all equal i % 256, label i % classes.
    private func writeTinyDataset(train: Int, test: Int, classes: Int, gzip: Bool) {
        for (prefix, n) in [("train", train), ("t10k", test)] {
            let images = IDXArray(uint8: (0..<(n * 4 * 3)).map { UInt8(($0 / 12) % 256) }, shape: [n, 4, 3])
            let labels = IDXArray(uint8: (0..<n).map { UInt8($0 % classes) }, shape: [n])
            let suffix = gzip ? ".gz" : ""
            _ = write(gzip ? Gzip.compress(images.encoded()) : images.encoded(), "\(prefix)-images-idx3-ubyte\(suffix)")
            _ = write(gzip ? Gzip.compress(labels.encoded()) : labels.encoded(), "\(prefix)-labels-idx1-ubyte\(suffix)")
        }
    }

    func testMNISTIDXTaskSplitsAndBudget() throws {
        for gzip in [false, true] {
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            writeTinyDataset(train: 100, test: 30, classes: 7, gzip: gzip)
            let task = try XCTUnwrap(try TaskCatalog.make(
                "task.mnist-idx", parameters: ["path": .string(folder), "validation_examples": .int(20),
                                               "train_examples": .int(50)], seed: 3) as? IDXClassificationTask)
            XCTAssertEqual(task.kind, .classification(inputDim: 12, classes: 7))
            XCTAssertEqual(task.count(.train), 50)
            XCTAssertEqual(task.count(.validation), 20)
            XCTAssertEqual(task.count(.test), 30)
            XCTAssertEqual(task.budget, DataBudget(unit: .examples, amount: 50, available: 80))
            let trainRows = Set((0..<50).map { task.sourceRow(.train, $0) })
            let valRows = Set((0..<20).map { task.sourceRow(.validation, $0) })
            XCTAssertEqual(trainRows.count, 50)
            XCTAssertEqual(valRows.count, 20)
            XCTAssertTrue(trainRows.isDisjoint(with: valRows))
            // Features are pixels / 255 of the right row; the label matches that row.
            let b = task.batch(.train, indices: [0, 7])
            XCTAssertEqual(b.features.shape, [2, 12])
            for (r, i) in [0, 7].enumerated() {
                let row = task.sourceRow(.train, i)
                XCTAssertEqual(b.features[r * 12 + 5], Float(row % 256) / 255, accuracy: 1e-7)
                XCTAssertEqual(Int(b.targets[r]), row % 7)
            }
            let t = task.batch(.test, indices: [29])
            XCTAssertEqual(t.features[0], Float(29) / 255, accuracy: 1e-7)
            XCTAssertEqual(t.targets, [Int32(29 % 7)])
        }
    }

    func testMNISTIDXErrors() throws {
        writeTinyDataset(train: 10, test: 5, classes: 3, gzip: false)
        XCTAssertThrowsError(try TaskCatalog.make("task.mnist-idx", parameters: ["path": .string(folder),
                                                                                 "validation_examples": .int(10)], seed: 0)) {
            XCTAssertTrue("\($0)".contains("validation_examples (10) must be fewer than the 10"), "\($0)")
        }
        XCTAssertThrowsError(try TaskCatalog.make("task.mnist-idx", parameters: ["path": .string(folder),
                                                                                 "classes": .int(2)], seed: 0)) {
            XCTAssertTrue("\($0)".contains("a label is 2 but there are only 2 classes"), "\($0)")
        }
        XCTAssertThrowsError(try TaskCatalog.make("task.mnist-idx", parameters: [:], seed: 0)) {
            XCTAssertTrue("\($0)".contains("set path="), "\($0)")
        }
        try FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent("t10k-labels-idx1-ubyte"))
        XCTAssertThrowsError(try TaskCatalog.make("task.mnist-idx", parameters: ["path": .string(folder),
                                                                                 "validation_examples": .int(2)], seed: 0)) {
            XCTAssertTrue("\($0)".contains("t10k-labels-idx1-ubyte[.gz]") && "\($0)".contains("path="), "\($0)")
        }
        // Labels that do not match the images in count.
        let labels = IDXArray(uint8: [0, 1], shape: [2])
        _ = write(labels.encoded(), "t10k-labels-idx1-ubyte")
        XCTAssertThrowsError(try TaskCatalog.make("task.mnist-idx", parameters: ["path": .string(folder),
                                                                                 "validation_examples": .int(2)], seed: 0)) {
            XCTAssertTrue("\($0)".contains("2 labels for 5 images"), "\($0)")
        }
    }

    func testMissingFashionMNISTNamesThePackage() {
        XCTAssertThrowsError(try TaskCatalog.make("task.fashion-mnist", parameters: ["path": .string("/nonexistent/fm")],
                                                  seed: 0)) { error in
            let s = "\(error)"
            XCTAssertTrue(s.contains("/nonexistent/fm"), s)
            XCTAssertTrue(s.contains("dataset-fashion-mnist"), s)
            XCTAssertTrue(s.contains("path=/path/to/data"), s)
        }
    }

    func testFashionMNISTFromTheDebianPackage() throws {
        let path = IDXClassificationTask.fashionMNISTDefaultPath
        guard FileManager.default.fileExists(atPath: path + "/train-images-idx3-ubyte.gz") else {
            throw XCTSkip("Fashion-MNIST not installed at \(path) (apt-get install dataset-fashion-mnist, or make deps)")
        }
        let task = try XCTUnwrap(try TaskCatalog.make("task.fashion-mnist", seed: 1) as? IDXClassificationTask)
        XCTAssertEqual(task.kind, .classification(inputDim: 784, classes: 10))
        XCTAssertEqual(task.count(.train), 55_000)
        XCTAssertEqual(task.count(.validation), 5000)
        XCTAssertEqual(task.count(.test), 10_000)
        // Fashion-MNIST is balanced: 6000 training and 1000 test images per class.
        var trainCounts = [Int](repeating: 0, count: 10), testCounts = [Int](repeating: 0, count: 10)
        for split in [DataSplit.train, .validation] {
            for i in 0..<task.count(split) { trainCounts[task.label(split, i)] += 1 }
        }
        for i in 0..<10_000 { testCounts[task.label(.test, i)] += 1 }
        XCTAssertEqual(trainCounts, [Int](repeating: 6000, count: 10))
        XCTAssertEqual(testCounts, [Int](repeating: 1000, count: 10))
        let b = task.batch(.test, indices: Array(0..<64))
        XCTAssertTrue(b.features.array.allSatisfy { $0 >= 0 && $0 <= 1 })
        XCTAssertGreaterThan(b.features.array.max()!, 0.99)
    }
}
