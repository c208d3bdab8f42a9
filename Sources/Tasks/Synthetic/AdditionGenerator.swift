import Configuration
import Foundation
import Metrics
import Tensor

/// `task.addition`: `a + b =` then the sum, for random n-digit operands, with a tokenization knob:
/// `digits` (one token per digit), `chunk3-l2r` (3-digit tokens grouped from the left) or
/// `chunk3-r2l` (grouped from the right, like comma grouping). A chunk of 1, 2 or 3 digits is its
/// own token (so "7", "07" and "007" differ). `reverse_output` writes the answer's tokens in
/// reverse order (least significant digit first with `digits`). The answer ends with an
/// end-of-sequence token, which is scored too.
public struct AdditionGenerator: SequenceGenerator {
    public static let id = "task.addition"
    public enum Format: String, Sendable, CaseIterable {
        case digits, chunk3L2R = "chunk3-l2r", chunk3R2L = "chunk3-r2l"
    }
    public let digits: Int
    public let testDigits: Int
    public let format: Format
    public let reverseOutput: Bool
    /// Number tokens come first; then the specials.
    public var numberTokens: Int { format == .digits ? 10 : 1110 }
    public var plusToken: Int32 { Int32(numberTokens) }
    public var equalsToken: Int32 { Int32(numberTokens + 1) }
    public var endToken: Int32 { Int32(numberTokens + 2) }
    public var padToken: Int32 { Int32(numberTokens + 3) }
    public var vocabSize: Int { numberTokens + 4 }
    public var trainMaxSize: Int { digits }
    public var testsLongerThanTraining: Bool { testDigits > digits }

    public static let descriptor = TaskDescriptor(
        id: id,
        summary: "multi-digit addition with a digit-chunking knob (Tokenization counts; reversed output)",
        family: .sequenceModel,
        parameters: [
            .int("digits", default: 4, in: 2...60, unit: "digits", "n, digits of each operand (leading digit nonzero)"),
            .choice("format", default: "digits", Format.allCases.map(\.rawValue),
                    "tokenization: one token per digit, or 3-digit chunks from the left or from the right"),
            .bool("reverse_output", default: false, "write the answer tokens least significant first"),
            .int("test_digits", default: 0, in: 0...61, unit: "digits",
                 "operand digits in the test split (0 = digits; digits+1 measures length generalization)"),
        ] + GeneratedSequenceTask<AdditionGenerator>.commonParameters,
        metrics: [.exactMatch, .tokenAccuracy, .loss, .exactMatchBeyondTrain, .tokenAccuracyBeyondTrain],
        dataSource: "generated from the seed",
        make: { p, seed in try GeneratedSequenceTask<AdditionGenerator>(parameters: p, seed: seed) })

    public init(parameters p: ParameterValues) throws {
        digits = p.int("digits")
        testDigits = testSize(p, "test_digits", default: digits)
        format = Format(rawValue: p.string("format"))!
        reverseOutput = p.bool("reverse_output")
        guard testDigits >= digits else {
            throw TaskError.invalidConfiguration(
                owner: Self.id, reason: "test_digits (\(testDigits)) is below digits (\(digits)); use 0 for the same")
        }
    }

    /// Tokens for a number of `n` digits.
    public func tokenCount(digits n: Int) -> Int { format == .digits ? n : (n + 2) / 3 }

    public func sequenceLength(_ split: DataSplit) -> Int {
        let n = split == .test ? testDigits : digits
        return 2 * tokenCount(digits: n) + 2 + tokenCount(digits: n + 1) + 1
    }

    public var log2ProblemCount: Double { 2 * Foundation.log2(9 * Foundation.pow(10, Double(digits - 1))) }

    /// The tokens of a number given as its decimal digits, most significant first.
    public func tokens(_ number: [Int]) -> [Int32] {
        switch format {
        case .digits:
            return number.map { Int32($0) }
        case .chunk3L2R, .chunk3R2L:
            // Group sizes: from the left, 3,3,…,rest; from the right, rest,3,3,….
            let r = number.count % 3
            var sizes = [Int](repeating: 3, count: number.count / 3)
            if r > 0 { if format == .chunk3L2R { sizes.append(r) } else { sizes.insert(r, at: 0) } }
            var out = [Int32]()
            var i = 0
            for s in sizes {
                let v = number[i..<(i + s)].reduce(0) { $0 * 10 + $1 }
                out.append(Int32([0, 0, 10, 110][s] + v))
                i += s
            }
            return out
        }
    }

    /// The sum of two digit arrays (most significant first), schoolbook.
    static func add(_ a: [Int], _ b: [Int]) -> [Int] {
        var out = [Int]()
        var carry = 0
        var i = a.count - 1, j = b.count - 1
        while i >= 0 || j >= 0 || carry > 0 {
            let s = (i >= 0 ? a[i] : 0) + (j >= 0 ? b[j] : 0) + carry
            out.append(s % 10)
            carry = s / 10
            i -= 1
            j -= 1
        }
        return out.reversed()
    }

    public func generate(_ split: DataSplit, rng: inout RNG) -> (key: [Int32], example: SequenceExample) {
        let n = split == .test ? testDigits : digits
        func operand() -> [Int] { [1 + rng.int(below: 9)] + (1..<n).map { _ in rng.int(below: 10) } }
        let a = operand(), b = operand()
        let sum = Self.add(a, b)
        var answer = tokens(sum)
        if reverseOutput { answer.reverse() }
        let prompt = tokens(a) + [plusToken] + tokens(b) + [equalsToken]
        return (prompt, lmExample(prompt: prompt, answer: answer + [endToken], size: n))
    }
}
