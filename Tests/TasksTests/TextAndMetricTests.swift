import Configuration
import Foundation
import XCTest
@testable import Tasks
import Tensor

final class TextBytesTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "ablate-text-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func write(_ name: String, _ bytes: [UInt8]) {
        FileManager.default.createFile(atPath: (folder as NSString).appendingPathComponent(name), contents: Data(bytes))
    }

    private func text(_ n: Int, salt: Int) -> [UInt8] {
        (0..<n).map { i in UInt8(97 + (i * 7 + salt + i / 13) % 26) }
    }

    func testSplitsWindowsAndBudget() throws {
        write("a.txt", text(6000, salt: 1))
        write("b.txt", text(4000, salt: 5))
        write("b.txt.dat", [0, 1, 2, 0])  // a strfile index next to its text: skipped
        let params: [String: ParameterValue] = ["path": .string(folder), "seq_len": .int(16),
                                                "validation_fraction": .double(0.1), "test_fraction": .double(0.1)]
        let task = try XCTUnwrap(try TaskCatalog.make("task.text-bytes", parameters: params, seed: 5) as? TextBytesTask)
        XCTAssertEqual(task.files.count, 2)
        XCTAssertEqual(task.corpus, text(6000, salt: 1) + text(4000, salt: 5))
        XCTAssertEqual(task.validationRange.count, 1000)
        XCTAssertEqual(task.testRange.count, 1000)
        XCTAssertEqual(task.validationRange.upperBound, task.testRange.lowerBound)
        XCTAssertEqual(task.trainRanges.map(\.count).reduce(0, +), 8000)
        // Windows stay inside their split's range; targets are the next bytes.
        for split in DataSplit.allCases {
            let ranges = split == .train ? task.trainRanges : [split == .test ? task.testRange : task.validationRange]
            for i in 0..<task.count(split) {
                let s = task.windowStart(split, i)
                XCTAssertTrue(ranges.contains { $0.contains(s) && $0.contains(s + 16) }, "\(split) window \(i)")
                let e = task.example(split, i)
                XCTAssertEqual(e.tokens.map { UInt8($0) }, Array(task.corpus[s..<(s + 16)]))
                XCTAssertEqual(Array(e.targets.dropLast()), Array(e.tokens.dropFirst()))
            }
        }
        XCTAssertEqual(task.count(.validation), (1000 - 1) / 16)
        // Another seed moves the held-out blocks.
        let other = try XCTUnwrap(try TaskCatalog.make("task.text-bytes", parameters: params, seed: 6) as? TextBytesTask)
        XCTAssertNotEqual(other.validationRange, task.validationRange)

        var budgeted = params
        budgeted["train_tokens"] = .int(1000)
        let b = try TaskCatalog.make("task.text-bytes", parameters: budgeted, seed: 5)
        XCTAssertEqual(b.count(.train), 62)
        XCTAssertEqual(b.budget, DataBudget(unit: .tokens, amount: 992, available: task.count(.train) * 16))
        budgeted["train_tokens"] = .int(100_000)
        XCTAssertThrowsError(try TaskCatalog.make("task.text-bytes", parameters: budgeted, seed: 5)) {
            XCTAssertTrue("\($0)".contains("exceeds"), "\($0)")
        }
    }

    func testRefusesMissingEmptyAndBinaryCorpora() {
        func error(_ path: String, seq: Int = 16) -> String {
            do {
                _ = try TaskCatalog.make("task.text-bytes", parameters: ["path": .string(path), "seq_len": .int(seq)], seed: 0)
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertTrue(error(folder).contains("no regular files"), error(folder))
        let missing = folder + "/nope.txt"
        XCTAssertTrue(error(missing).contains("dataset not found at \(missing)"), error(missing))
        write("empty.txt", [])
        XCTAssertTrue(error(folder + "/empty.txt").contains("it is empty"))
        write("small.txt", text(100, salt: 0))
        XCTAssertTrue(error(folder + "/small.txt").contains("too small"), error(folder + "/small.txt"))
        write("nul.bin", text(50, salt: 0) + [0] + text(5000, salt: 0))
        XCTAssertTrue(error(folder + "/nul.bin").contains("nul.bin: unusable text corpus: not text: a NUL byte at offset 50"))
        write("latin1.txt", text(30, salt: 0) + [0xE9] + text(5000, salt: 0))
        XCTAssertTrue(error(folder + "/latin1.txt").contains("invalid UTF-8 at byte offset 30"))
        XCTAssertTrue(error(folder).contains("not text"), "a folder is refused when one of its files is not text")
    }

    func testUTF8Validation() {
        XCTAssertNil(TextBytesTask.firstInvalidUTF8(Array("héllo wörld €𝄞".utf8)))
        XCTAssertEqual(TextBytesTask.firstInvalidUTF8([0x61, 0xC0, 0x80]), 1)  // overlong
        XCTAssertEqual(TextBytesTask.firstInvalidUTF8([0xED, 0xA0, 0x80]), 0)  // surrogate
        XCTAssertEqual(TextBytesTask.firstInvalidUTF8([0x61, 0x62, 0xE2, 0x82]), 2)  // truncated
    }

    func testDefaultFortunesCorpus() throws {
        guard FileManager.default.fileExists(atPath: TextBytesTask.defaultCorpus + "/fortunes") else {
            throw XCTSkip("the fortunes package is not installed (apt-get install fortunes, or make deps)")
        }
        let task = try XCTUnwrap(try TaskCatalog.make("task.text-bytes", seed: 1) as? TextBytesTask)
        XCTAssertFalse(task.files.contains { $0.hasSuffix(".dat") || $0.hasSuffix(".u8") })
        XCTAssertGreaterThan(task.corpus.count, 1_000_000)
        XCTAssertEqual(task.kind, .sequence(vocabSize: 256, length: 128))
        XCTAssertGreaterThan(task.count(.test), 100)
    }
}

final class MetricAndOrderTests: XCTestCase {
    func testBatchOrderWithoutShuffleIsOnePass() {
        let order = BatchOrder(count: 5, batchSize: 2, shuffleWith: nil)
        XCTAssertEqual(Array(IteratorSequence(order)), [[0, 1], [2, 3], [4]])
        var empty = BatchOrder(count: 0, batchSize: 4, shuffleWith: RNG(seed: 1))
        XCTAssertNil(empty.next())
    }

    func testShuffledOrderDependsOnTheSeed() {
        var a = BatchOrder(count: 100, batchSize: 100, shuffleWith: RNG(seed: 1))
        var b = BatchOrder(count: 100, batchSize: 100, shuffleWith: RNG(seed: 2))
        XCTAssertNotEqual(a.next(), b.next())
    }

    /// Logits [rows, V] that put `big` on the chosen id of each row.
    private func logits(_ ids: [Int32], vocab: Int, big: Float = 20) -> [Float] {
        var out = [Float](repeating: 0, count: ids.count * vocab)
        for (r, id) in ids.enumerated() where id >= 0 { out[r * vocab + Int(id)] = big }
        return out
    }

    func testSequenceMetrics() throws {
        let task = try sequenceTask("task.copy", ["max_length": .int(6), "test_max_length": .int(9)])
        let batch = task.batch(.test, indices: Array(0..<50))
        let v = task.vocabSize
        var acc = MetricAccumulator(task: task)
        // Perfect except one wrong answer token in row 0.
        var predicted = batch.targets.map { $0 < 0 ? Int32(0) : $0 }
        let firstScored = batch.targets.firstIndex { $0 >= 0 }!
        predicted[firstScored] = (predicted[firstScored] + 1) % Int32(v)
        let l = logits(predicted, vocab: v)
        l.withUnsafeBufferPointer { acc.add(batch, logits: $0, vocabSize: v) }
        let values = Dictionary(uniqueKeysWithValues: acc.values().map { ($0.name, $0.value) })
        let scored = batch.targets.filter { $0 >= 0 }.count
        XCTAssertEqual(values["exact_match"]!, 49.0 / 50, accuracy: 1e-12)
        XCTAssertEqual(values["token_accuracy"]!, Double(scored - 1) / Double(scored), accuracy: 1e-12)
        // Loss: ≈0 on right tokens, ≈20 nats on the wrong one.
        let expected = (Double(scored - 1) * Foundation.log(1 + Double(v - 1) * Foundation.exp(-20.0))
            + (20 + Foundation.log(1 + Double(v - 1) * Foundation.exp(-20.0)))) / Double(scored)
        XCTAssertEqual(values["loss"]!, expected, accuracy: 1e-6)
        XCTAssertEqual(acc.errorsByAnswerPosition.first, 1)
        XCTAssertEqual(acc.all.examples, 50)
        let beyond = batch.sizes.filter { $0 > 6 }.count
        XCTAssertEqual(acc.beyondTrain.examples, beyond)
        XCTAssertGreaterThan(beyond, 0)

        // Predicted ids give the same accuracies and no loss.
        var byIds = MetricAccumulator(task: task)
        byIds.add(batch, predictions: predicted)
        XCTAssertEqual(byIds.values().map(\.name), ["exact_match", "token_accuracy", "exact_match_beyond_train",
                                                    "token_accuracy_beyond_train"])
        XCTAssertNil(byIds.meanLoss)

        // Uniform logits: loss ln V.
        var uniform = MetricAccumulator(task: task)
        let zeros = [Float](repeating: 0, count: batch.tokens.count * v)
        zeros.withUnsafeBufferPointer { uniform.add(batch, logits: $0, vocabSize: v) }
        XCTAssertEqual(uniform.meanLoss!, Foundation.log(Double(v)), accuracy: 1e-9)
    }

    func testClassifierAndMultiLabelMetrics() throws {
        let perm = try XCTUnwrap(try TaskCatalog.make("task.permutation", parameters: ["k": .int(6)], seed: 2) as? PermutationTask)
        let batch = perm.batch(.test, indices: Array(0..<20))
        var acc = MetricAccumulator(task: perm)
        var z = batch.targets.map { $0 == 1 ? Float(3) : Float(-3) }
        z[0] = -z[0]  // one wrong bit in row 0
        z.withUnsafeBufferPointer { acc.add(batch, logits: $0) }
        let values = Dictionary(uniqueKeysWithValues: acc.values().map { ($0.name, $0.value) })
        XCTAssertEqual(values["exact_match"]!, 19.0 / 20, accuracy: 1e-12)
        XCTAssertEqual(values["bit_accuracy"]!, 119.0 / 120, accuracy: 1e-12)
        let sp = { (x: Double) in Foundation.log1p(Foundation.exp(x)) }
        XCTAssertEqual(values["cross_entropy"]!, (119 * sp(-3) + sp(3)) / 120, accuracy: 1e-9)
    }

    func testSoftmaxClassificationMetrics() throws {
        let folder = NSTemporaryDirectory() + "ablate-cls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (prefix, n) in [("train", 40), ("t10k", 10)] {
            FileManager.default.createFile(atPath: folder + "/\(prefix)-images-idx3-ubyte",
                                           contents: Data(IDXArray(uint8: [UInt8](repeating: 1, count: n * 4), shape: [n, 2, 2]).encoded()))
            FileManager.default.createFile(atPath: folder + "/\(prefix)-labels-idx1-ubyte",
                                           contents: Data(IDXArray(uint8: (0..<n).map { UInt8($0 % 4) }, shape: [n]).encoded()))
        }
        let task = try XCTUnwrap(try TaskCatalog.make("task.mnist-idx", parameters: ["path": .string(folder),
                                                                                    "validation_examples": .int(8)], seed: 0)
            as? any ClassifierTask)
        let batch = task.batch(.test, indices: Array(0..<10))
        var acc = MetricAccumulator(task: task)
        var l = [Float](repeating: 0, count: 40)
        for r in 0..<10 { l[r * 4 + (r < 7 ? Int(batch.targets[r]) : (Int(batch.targets[r]) + 1) % 4)] = 2 }
        l.withUnsafeBufferPointer { acc.add(batch, logits: $0) }
        let values = Dictionary(uniqueKeysWithValues: acc.values().map { ($0.name, $0.value) })
        XCTAssertEqual(values["accuracy"]!, 0.7, accuracy: 1e-12)
        let lse = Foundation.log(Foundation.exp(2.0) + 3)
        XCTAssertEqual(values["cross_entropy"]!, (7 * (lse - 2) + 3 * lse) / 10, accuracy: 1e-9)
        // The training stream draws from exactly the budgeted examples.
        var stream = task.trainingBatches(batchSize: 8)
        let seen = (0..<4).flatMap { _ in stream.next()!.indices }
        XCTAssertEqual(seen.sorted(), Array(0..<32))
    }
}
