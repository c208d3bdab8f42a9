import Configuration
import Foundation
import Metrics
import Tensor

/// Byte-level language modelling on a text file or a folder of text files (`task.text-bytes`).
///
/// The corpus is the files' bytes concatenated in path order. A seeded position cuts two
/// contiguous held-out blocks out of it, validation then test; the rest (before and after them)
/// trains. Every split is cut into windows of `seq_len + 1` bytes stepping by `seq_len`, so each
/// byte of a split is predicted once per pass.
public final class TextBytesTask: SequenceTask, @unchecked Sendable {
    public let id = "task.text-bytes"
    public let parameters: ParameterValues
    public let seed: UInt64
    public let kind: TaskKind
    public let metrics: [MetricSpec]
    public let budget: DataBudget
    public let dataSource: String
    public let vocabSize = 256
    public let padToken: Int32 = 0
    public let trainMaxSize: Int
    /// The corpus bytes.
    public let corpus: [UInt8]
    /// The files read, in order.
    public let files: [String]
    /// Byte ranges of the held-out blocks and the training pieces.
    public let validationRange: Range<Int>
    public let testRange: Range<Int>
    public let trainRanges: [Range<Int>]
    private let length: Int
    private let trainStarts: [Int]
    private let validationStarts: [Int]
    private let testStarts: [Int]

    public static let defaultCorpus = "/usr/share/games/fortunes"

    static let lossMetric = MetricSpec.loss.with(unit: "nats/byte", summary: "mean next-byte cross-entropy")
    static let bitsPerByte = MetricSpec.bitsPerByte.with(summary: "mean next-byte cross-entropy in bits (loss / ln 2)")
    static let byteAccuracy = MetricSpec.tokenAccuracy.with(summary: "fraction of next bytes predicted right (arg-max)")

    public static let descriptor = TaskDescriptor(
        id: "task.text-bytes",
        summary: "byte-level language modelling on any text file or folder (default: the English fortunes)",
        family: .sequenceModel,
        parameters: [
            .path("path", default: defaultCorpus,
                  "a text file, or a folder whose regular files are read in name order (fortune .dat indexes and symlinks skipped)"),
            .int("seq_len", default: 128, in: 4...8192, unit: "bytes", "context length T"),
            .double("validation_fraction", default: 0.05, in: 0.001...0.3, "share of the corpus held out for validation"),
            .double("test_fraction", default: 0.05, in: 0.001...0.3, "share of the corpus held out for test"),
            .int("train_tokens", default: 0, in: 0...Int(Int32.max), unit: "bytes",
                 "data budget: training bytes, rounded down to whole windows of seq_len (0 = all)"),
        ],
        metrics: [lossMetric, bitsPerByte, byteAccuracy],
        dataSource: "Debian package fortunes (\(defaultCorpus), the English plain-text files) or any text",
        make: { p, seed in try TextBytesTask(parameters: p, seed: seed) })

    public init(parameters: ParameterValues, seed: UInt64) throws {
        self.parameters = parameters
        self.seed = seed
        let path = parameters.string("path")
        let (files, corpus) = try Self.readCorpus(path, owner: id)
        self.files = files
        self.corpus = corpus
        let t = parameters.int("seq_len")
        length = t
        trainMaxSize = t
        kind = .sequence(vocabSize: 256, length: t)
        metrics = [Self.lossMetric, Self.bitsPerByte, Self.byteAccuracy]

        let n = corpus.count
        let nVal = Int((Double(n) * parameters.double("validation_fraction")).rounded())
        let nTest = Int((Double(n) * parameters.double("test_fraction")).rounded())
        guard nVal >= t + 1, nTest >= t + 1, n - nVal - nTest >= t + 1 else {
            throw TaskError.badCorpus(
                path: path, reason: "\(n) bytes is too small to hold train, validation and test windows of "
                    + "\(t + 1) bytes; use a larger corpus, larger fractions or a smaller seq_len")
        }
        var rng = RNG(seed: seed).derived("text-bytes split")
        let start = rng.int(below: n - nVal - nTest + 1)
        validationRange = start..<(start + nVal)
        testRange = (start + nVal)..<(start + nVal + nTest)
        trainRanges = [0..<start, (start + nVal + nTest)..<n].filter { !$0.isEmpty }

        func windows(_ r: Range<Int>) -> [Int] {
            r.count < t + 1 ? [] : stride(from: r.lowerBound, through: r.upperBound - t - 1, by: t).map { $0 }
        }
        validationStarts = windows(validationRange)
        testStarts = windows(testRange)
        let allTrain = trainRanges.flatMap(windows)
        let want = parameters.int("train_tokens")
        let k = want == 0 ? allTrain.count : want / t
        guard k >= 1 else {
            throw TaskError.invalidConfiguration(owner: id, reason: "train_tokens (\(want)) is less than one window of seq_len (\(t))")
        }
        guard k <= allTrain.count else {
            throw TaskError.invalidConfiguration(
                owner: id, reason: "train_tokens (\(want)) exceeds the \(allTrain.count * t) training bytes of this corpus")
        }
        // A seeded random subset of the training windows when the budget is smaller.
        var pick = RNG(seed: seed).derived("text-bytes budget")
        let order = pick.permutation(allTrain.count)
        trainStarts = want == 0 ? allTrain : order[0..<k].map { allTrain[$0] }
        budget = DataBudget(unit: .tokens, amount: k * t, available: allTrain.count * t)
        dataSource = "\(path) (\(files.count) file\(files.count == 1 ? "" : "s"), \(n) bytes)"
    }

    /// Reads a file or a folder's regular files (name order, not recursive) as one byte string,
    /// refusing missing, empty and non-text input.
    public static func readCorpus(_ path: String, owner: String) throws -> ([String], [UInt8]) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            throw TaskError.missingDataset(owner: owner, path: path,
                                           package: path == defaultCorpus ? "fortunes" : nil, parameter: "path")
        }
        var files: [String] = []
        if isDir.boolValue {
            let names = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                let full = (path as NSString).appendingPathComponent(name)
                guard let attrs = try? fm.attributesOfItem(atPath: full),
                      attrs[.type] as? FileAttributeType == .typeRegular else { continue }  // no symlinks, folders
                // strfile's index of a fortune file `x` is `x.dat`: binary, not part of the text.
                if name.hasSuffix(".dat"), names.contains(String(name.dropLast(4))) { continue }
                files.append(full)
            }
        } else {
            files = [path]
        }
        var corpus = [UInt8]()
        for file in files {
            guard let data = fm.contents(atPath: file) else {
                throw TaskError.badCorpus(path: file, reason: "cannot be read")
            }
            let bytes = [UInt8](data)
            if let nul = bytes.firstIndex(of: 0) {
                throw TaskError.badCorpus(path: file, reason: "not text: a NUL byte at offset \(nul)")
            }
            if let bad = firstInvalidUTF8(bytes) {
                throw TaskError.badCorpus(path: file, reason: "not text: invalid UTF-8 at byte offset \(bad)")
            }
            corpus += bytes
        }
        if corpus.isEmpty {
            throw TaskError.badCorpus(path: path, reason: files.isEmpty ? "no regular files in the folder" : "it is empty")
        }
        return (files, corpus)
    }

    public func count(_ split: DataSplit) -> Int {
        switch split {
        case .train: return trainStarts.count
        case .validation: return validationStarts.count
        case .test: return testStarts.count
        }
    }

    public func sequenceLength(_ split: DataSplit) -> Int { length }

    /// The corpus offset where window `index` of `split` starts.
    public func windowStart(_ split: DataSplit, _ index: Int) -> Int {
        switch split {
        case .train: return trainStarts[index]
        case .validation: return validationStarts[index]
        case .test: return testStarts[index]
        }
    }

    public func example(_ split: DataSplit, _ index: Int) -> SequenceExample {
        let s = windowStart(split, index)
        return SequenceExample(tokens: corpus[s..<(s + length)].map { Int32($0) },
                               targets: corpus[(s + 1)...(s + length)].map { Int32($0) }, size: length)
    }

    /// The offset of the first byte that is not part of valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let len: Int
            if b < 0x80 { i += 1; continue }
            else if b & 0xE0 == 0xC0 { len = 2; if b < 0xC2 { return i } }
            else if b & 0xF0 == 0xE0 { len = 3 }
            else if b & 0xF8 == 0xF0 { len = 4; if b > 0xF4 { return i } }
            else { return i }
            guard i + len <= n else { return i }
            for j in 1..<len where bytes[i + j] & 0xC0 != 0x80 { return i }
            if len == 3 {
                let c = bytes[i + 1]
                if (b == 0xE0 && c < 0xA0) || (b == 0xED && c >= 0xA0) { return i }  // overlong, surrogate
            }
            if len == 4 {
                let c = bytes[i + 1]
                if (b == 0xF0 && c < 0x90) || (b == 0xF4 && c >= 0x90) { return i }
            }
            i += len
        }
        return nil
    }
}
