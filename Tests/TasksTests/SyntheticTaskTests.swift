import Configuration
import Foundation
import Metrics
import XCTest
@testable import Tasks

func sequenceTask(_ id: String, _ parameters: [String: ParameterValue] = [:], seed: UInt64 = 1) throws
    -> any SequenceTask
{
    let task = try TaskCatalog.make(id, parameters: parameters, seed: seed)
    return try XCTUnwrap(task as? any SequenceTask, "\(id) is not a sequence task")
}

/// The answer tokens of an example (its non-ignored targets), in order.
func answer(_ e: SequenceExample) -> [Int32] { e.targets.filter { $0 >= 0 } }

final class SyntheticTaskTests: XCTestCase {
    /// Small settings of every sequence task.
    let settings: [(String, [String: ParameterValue])] = [
        ("task.modular-arithmetic", ["p": .int(23)]),
        ("task.associative-recall", ["pairs": .int(6), "train_examples": .int(500), "eval_examples": .int(100)]),
        ("task.copy", ["max_length": .int(10), "train_examples": .int(500), "eval_examples": .int(100)]),
        ("task.sort", ["train_examples": .int(500), "eval_examples": .int(100)]),
        ("task.parity", ["train_examples": .int(500), "eval_examples": .int(100)]),
        ("task.addition", ["digits": .int(5), "train_examples": .int(500), "eval_examples": .int(100)]),
    ]

    func testSameSeedSameBatchesOtherSeedOtherBatches() throws {
        for (id, params) in settings {
            for split in DataSplit.allCases {
                let a = try sequenceTask(id, params, seed: 7), b = try sequenceTask(id, params, seed: 7)
                let c = try sequenceTask(id, params, seed: 8)
                let n = min(64, a.count(split))
                let ba = a.batch(split, indices: Array(0..<n)), bb = b.batch(split, indices: Array(0..<n))
                let bc = c.batch(split, indices: Array(0..<n))
                XCTAssertEqual(ba.tokens, bb.tokens, "\(id) \(split)")
                XCTAssertEqual(ba.targets, bb.targets, "\(id) \(split)")
                XCTAssertNotEqual(ba.tokens, bc.tokens, "\(id) \(split): seeds 7 and 8 gave the same tokens")
                XCTAssertEqual(ba.tokens.count, n * a.sequenceLength(split))
                // Tokens are in the vocabulary; targets are −1 or in the vocabulary.
                XCTAssertTrue(ba.tokens.allSatisfy { $0 >= 0 && Int($0) < a.vocabSize }, id)
                XCTAssertTrue(ba.targets.allSatisfy { $0 == -1 || ($0 >= 0 && Int($0) < a.vocabSize) }, id)
                XCTAssertTrue(ba.targets.contains { $0 >= 0 }, id)
            }
            // Training streams in the same order for the same seed.
            let a = try sequenceTask(id, params, seed: 7)
            var s1 = a.trainingBatches(batchSize: 32), s2 = a.trainingBatches(batchSize: 32)
            for _ in 0..<3 { XCTAssertEqual(s1.next()!.tokens, s2.next()!.tokens, id) }
        }
    }

    /// The prompt of an example: its tokens before the first scored position, plus that one.
    private func prompt(_ e: SequenceExample) -> [Int32] {
        Array(e.tokens[0...e.targets.firstIndex { $0 >= 0 }!])
    }

    func testSplitsAreDisjoint() throws {
        // Small problem spaces, so that an undivided generator would certainly repeat problems across splits.
        let cases: [(String, [String: ParameterValue])] = [
            ("task.copy", ["alphabet": .int(2), "max_length": .int(10), "train_examples": .int(3000), "eval_examples": .int(400)]),
            ("task.sort", ["length": .int(3), "values": .int(8), "train_examples": .int(2000), "eval_examples": .int(300)]),
            ("task.addition", ["digits": .int(2), "train_examples": .int(5000), "eval_examples": .int(500)]),
            ("task.parity", ["max_length": .int(9), "train_examples": .int(3000), "eval_examples": .int(400)]),
            ("task.modular-arithmetic", ["p": .int(31)]),
        ]
        for (id, params) in cases {
            let task = try sequenceTask(id, params, seed: 11)
            var sets: [DataSplit: Set<[Int32]>] = [:]
            for split in DataSplit.allCases {
                let keys = (0..<task.count(split)).map { i -> [Int32] in
                    let e = task.example(split, i)
                    return id == "task.parity" ? e.tokens : prompt(e)
                }
                sets[split] = Set(keys)
                XCTAssertGreaterThan(sets[split]!.count, 10, "\(id) \(split)")
            }
            XCTAssertTrue(sets[.train]!.isDisjoint(with: sets[.test]!), id)
            XCTAssertTrue(sets[.train]!.isDisjoint(with: sets[.validation]!), id)
            XCTAssertTrue(sets[.validation]!.isDisjoint(with: sets[.test]!), id)
        }
    }

    func testBudgetIsHonouredExactly() throws {
        let task = try sequenceTask("task.copy", ["train_examples": .int(77)])
        XCTAssertEqual(task.count(.train), 77)
        XCTAssertEqual(task.budget.amount, 77)
        var stream = task.trainingBatches(batchSize: 10)
        var seen = [Int]()
        for _ in 0..<(77 * 3 / 10 + 1) { seen += stream.next()!.indices }
        // Each epoch is a permutation of exactly the 77 budgeted examples.
        for e in 0..<3 { XCTAssertEqual(seen[(e * 77)..<((e + 1) * 77)].sorted(), Array(0..<77)) }
        XCTAssertEqual(stream.order.epoch, 3)
        XCTAssertNotEqual(Array(seen[0..<77]), Array(seen[77..<154]), "each epoch has its own order")
        // A bigger budget holds the smaller one's examples (example i does not depend on the budget).
        let bigger = try sequenceTask("task.copy", ["train_examples": .int(500)])
        for i in [0, 10, 76] { XCTAssertEqual(bigger.example(.train, i), task.example(.train, i)) }

        let modular = try sequenceTask("task.modular-arithmetic", ["p": .int(23), "train_examples": .int(100)])
        XCTAssertEqual(modular.count(.train), 100)
        XCTAssertEqual(modular.budget, DataBudget(unit: .examples, amount: 100, available: 265))
        XCTAssertThrowsError(try sequenceTask("task.modular-arithmetic", ["p": .int(23), "train_examples": .int(266)]))
    }

    func testEvaluationBatchesCoverTheSplitOnce() throws {
        let task = try sequenceTask("task.sort", ["eval_examples": .int(45)])
        let indices = task.evaluationBatches(.test, batchSize: 16).flatMap(\.indices)
        XCTAssertEqual(indices, Array(0..<45))
        XCTAssertEqual(task.evaluationBatches(.test, batchSize: 16).map(\.batchSize), [16, 16, 13])
    }

    func testCopyAnswersAreTheString() throws {
        let task = try sequenceTask("task.copy", ["test_max_length": .int(40)])
        XCTAssertEqual(task.vocabSize, 18)
        XCTAssertEqual(task.sequenceLength(.train), 65)
        XCTAssertEqual(task.sequenceLength(.test), 81)
        var longest = 0
        for split in DataSplit.allCases {
            for i in 0..<200 {
                let e = task.example(split, i)
                let n = e.size
                longest = max(longest, n)
                XCTAssertLessThanOrEqual(n, split == .test ? 40 : 32)
                XCTAssertEqual(e.tokens.count, 2 * n + 1)
                XCTAssertEqual(e.tokens[n], 16)  // the separator
                XCTAssertEqual(answer(e), Array(e.tokens[0..<n]))
                // The scored positions are the separator and the copy but its last token.
                XCTAssertEqual(e.targets.indices.filter { e.targets[$0] >= 0 }, Array(n..<(2 * n)))
            }
        }
        XCTAssertGreaterThan(longest, 32)
        XCTAssertTrue(task.metrics.contains(.exactMatchBeyondTrain))
    }

    func testSortAnswersAreSorted() throws {
        for repeats in [true, false] {
            let task = try sequenceTask("task.sort", ["length": .int(12), "values": .int(20), "repeats": .bool(repeats)])
            for i in 0..<200 {
                let e = task.example(.train, i)
                let input = Array(e.tokens[0..<12]), out = answer(e)
                XCTAssertEqual(out.count, 12)
                XCTAssertTrue(zip(out, out.dropFirst()).allSatisfy { $0 <= $1 })
                var counts = [Int32: Int]()
                for x in input { counts[x, default: 0] += 1 }
                for x in out { counts[x, default: 0] -= 1 }
                XCTAssertTrue(counts.values.allSatisfy { $0 == 0 }, "answer is not a rearrangement of the input")
                if !repeats { XCTAssertEqual(Set(input).count, 12) }
            }
        }
    }

    func testParityTargetsAreRunningParity() throws {
        for finalOnly in [false, true] {
            let task = try sequenceTask("task.parity", ["final_only": .bool(finalOnly), "test_max_length": .int(64)])
            XCTAssertEqual(task.sequenceLength(.test), 64)
            for split in DataSplit.allCases {
                for i in 0..<100 {
                    let e = task.example(split, i)
                    XCTAssertEqual(e.tokens.count, e.size)
                    var ones = 0
                    for t in 0..<e.size {
                        ones += Int(e.tokens[t])
                        if finalOnly && t < e.size - 1 {
                            XCTAssertEqual(e.targets[t], -1)
                        } else {
                            XCTAssertEqual(Int(e.targets[t]), ones % 2)
                        }
                    }
                }
            }
        }
    }

    func testAssociativeRecallAnswersAreTheValues() throws {
        let task = try sequenceTask("task.associative-recall", ["pairs": .int(16), "queries": .int(5), "key_vocab": .int(40),
                                                                "value_vocab": .int(30)])
        XCTAssertEqual(task.vocabSize, 70)
        XCTAssertEqual(task.sequenceLength(.train), 42)
        for i in 0..<200 {
            let e = task.example(.validation, i)
            var table = [Int32: Int32]()
            for p in 0..<16 {
                let k = e.tokens[2 * p], v = e.tokens[2 * p + 1]
                XCTAssertTrue(k < 40 && v >= 40 && v < 70)
                XCTAssertNil(table[k], "keys must be distinct")
                table[k] = v
            }
            var asked = Set<Int32>()
            for q in 0..<5 {
                let pos = 32 + 2 * q
                let key = e.tokens[pos]
                XCTAssertTrue(asked.insert(key).inserted, "queries must be distinct")
                XCTAssertEqual(e.targets[pos], table[key])
                XCTAssertEqual(e.targets[pos + 1], -1)
            }
            XCTAssertEqual(answer(e).count, 5)
        }
    }

    /// Decodes addition number tokens back to a digit string.
    private func decode(_ tokens: [Int32], format: String) -> String {
        tokens.map { t -> String in
            if format == "digits" { return String(t) }
            let (len, v) = t < 10 ? (1, Int(t)) : t < 110 ? (2, Int(t) - 10) : (3, Int(t) - 110)
            let s = String(v)
            return String(repeating: "0", count: len - s.count) + s
        }.joined()
    }

    func testAdditionAnswersAreTheSum() throws {
        for format in ["digits", "chunk3-l2r", "chunk3-r2l"] {
            for reverse in [false, true] {
                let task = try sequenceTask("task.addition", ["digits": .int(7), "format": .string(format),
                                                              "reverse_output": .bool(reverse), "test_digits": .int(8)])
                let numberTokens: Int32 = format == "digits" ? 10 : 1110
                for split in DataSplit.allCases {
                    for i in 0..<100 {
                        let e = task.example(split, i)
                        let plus = e.tokens.firstIndex(of: numberTokens)!, eq = e.tokens.firstIndex(of: numberTokens + 1)!
                        let a = decode(Array(e.tokens[0..<plus]), format: format)
                        let b = decode(Array(e.tokens[(plus + 1)..<eq]), format: format)
                        let digits = split == .test ? 8 : 7
                        XCTAssertEqual(a.count, digits)
                        XCTAssertEqual(b.count, digits)
                        XCTAssertNotEqual(a.first, "0")
                        var ans = answer(e)
                        XCTAssertEqual(ans.removeLast(), numberTokens + 2, "ends with the end token")
                        if reverse { ans.reverse() }
                        XCTAssertEqual(decode(ans, format: format), String(Int(a)! + Int(b)!), "\(format) \(a)+\(b)")
                        // Scoring starts at the '='.
                        XCTAssertEqual(e.targets.firstIndex { $0 >= 0 }, eq)
                        // Chunk groups: full 3-digit chunks except the last (l2r) or the first (r2l).
                        if format != "digits" {
                            let lens = e.tokens[0..<plus].map { $0 < 10 ? 1 : $0 < 110 ? 2 : 3 }
                            let inner = format == "chunk3-l2r" ? lens.dropLast() : lens.dropFirst()
                            XCTAssertTrue(inner.allSatisfy { $0 == 3 }, "\(format) \(lens)")
                        }
                        XCTAssertLessThanOrEqual(e.tokens.count, task.sequenceLength(split))
                    }
                }
            }
        }
    }

    func testModularArithmeticAnswersAndSplits() throws {
        for op in ["+", "-", "*", "/"] {
            let p = 23
            let task = try XCTUnwrap(try sequenceTask("task.modular-arithmetic", ["p": .int(p), "op": .string(op),
                                                                                   "train_fraction": .double(0.4)])
                as? ModularArithmeticTask)
            let total = op == "/" ? p * (p - 1) : p * p
            var all = Set<[Int32]>()
            for split in DataSplit.allCases {
                for i in 0..<task.count(split) {
                    let e = task.example(split, i)
                    let a = Int(e.tokens[0]), b = Int(e.tokens[2]), c = Int(e.targets[3])
                    XCTAssertEqual(e.tokens[3], Int32(p + 4))
                    XCTAssertEqual(Array(e.targets[0..<3]), [-1, -1, -1])
                    switch op {
                    case "+": XCTAssertEqual(c, (a + b) % p)
                    case "-": XCTAssertEqual((c + b) % p, a)
                    case "*": XCTAssertEqual(c, a * b % p)
                    default: XCTAssertEqual(c * b % p, a, "\(a)/\(b) = \(c)")
                    }
                    all.insert(Array(e.tokens[0..<3]))
                }
            }
            XCTAssertEqual(all.count, total, "every pair exactly once across the splits")
            XCTAssertEqual(task.count(.train) + task.count(.validation) + task.count(.test), total)
            XCTAssertEqual(task.count(.train), Int((Double(total) * 0.4).rounded()))
        }
    }

    func testPermutationTask() throws {
        let task = try XCTUnwrap(try TaskCatalog.make("task.permutation", parameters: ["k": .int(10)], seed: 4)
            as? PermutationTask)
        XCTAssertEqual(task.kind, .multiLabel(inputDim: 10, labels: 10))
        XCTAssertEqual(task.permutation.sorted(), Array(0..<10))
        XCTAssertNotEqual(task.permutation, Array(0..<10))
        XCTAssertEqual(task.count(.train), 10)
        XCTAssertEqual(task.count(.validation) + task.count(.test), 1023 - 10)
        var inputs = Set<[Float]>()
        for split in DataSplit.allCases {
            let b = task.batch(split, indices: Array(0..<task.count(split)))
            for r in 0..<b.batchSize {
                let x = Array(b.features.array[(r * 10)..<((r + 1) * 10)])
                let y = Array(b.targets[(r * 10)..<((r + 1) * 10)])
                for i in 0..<10 { XCTAssertEqual(Float(y[task.permutation[i]]), x[i]) }
                let ones = x.filter { $0 == 1 }.count
                if split == .train { XCTAssertEqual(ones, 1) } else { XCTAssertGreaterThanOrEqual(ones, 2) }
                XCTAssertTrue(inputs.insert(x).inserted, "an input appears twice")
            }
        }
        XCTAssertEqual(inputs.count, 1023)
        let small = try TaskCatalog.make("task.permutation", parameters: ["k": .int(10), "train_examples": .int(4)], seed: 4)
        XCTAssertEqual(small.count(.train), 4)
        XCTAssertEqual(small.budget.amount, 4)
    }
}
