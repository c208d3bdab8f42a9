import Foundation
import NN
import Tensor

/// An N:M semi-structured sparse twin: in every row, each group of M consecutive inputs keeps
/// exactly N weights. Stored as the kept Float32 values (N per group, in column order) and
/// one pattern index per group, the rank of its kept positions among the C(M, N) choices in
/// lexicographic order, packed in `⌈log₂ C(M, N)⌉` bits (2:4: 6 patterns, 3 bits) LSB-first
/// across the whole matrix: `4·out·(in/M)·N + ⌈out·(in/M)·bits/8⌉` bytes. Runs the
/// `SparseRows` kernel; speed `measured` only when N/M is at or below
/// `SparseLinear.breakEvenDensity` (never at 2:4).
public final class NMSparseLinear: CompressedLinear {
    public let inFeatures: Int
    public let outFeatures: Int
    /// Kept weights per group.
    public let n: Int
    /// Group length.
    public let m: Int
    public let bias: Parameter?
    let entries: SparseRows
    /// The pattern index of every group, row-major [out, in/M].
    let patterns: [Int]

    /// Keeps the entries of `weight` [out, in] where `keep` is true: exactly `n` per group of
    /// `m` consecutive inputs (`m` divides in).
    public init(weight: Tensor, keep: [Bool], n: Int, m: Int, bias: Tensor?) {
        precondition(weight.rank == 2 && weight.shape[1] % m == 0 && 0 < n && n <= m, "NMSparseLinear: \(n):\(m) on \(weight.shape)")
        (outFeatures, inFeatures, self.n, self.m) = (weight.shape[0], weight.shape[1], n, m)
        let table = NMPatterns.table(n: n, m: m)
        var patterns: [Int] = []
        patterns.reserveCapacity(weight.count / m)
        for g in 0..<(weight.count / m) {
            let positions = (0..<m).filter { keep[g * m + $0] }
            guard let p = table.firstIndex(of: positions) else { preconditionFailure("NMSparseLinear: group \(g) keeps \(positions)") }
            patterns.append(p)
        }
        self.patterns = patterns
        entries = SparseRows(weight: weight.data, keep: keep, rows: outFeatures, columns: inFeatures)
        self.bias = bias.map(Parameter.copy(of:))
    }

    private init(out: Int, in inFeatures: Int, n: Int, m: Int, values: [Float], patterns: [Int], bias: Bool) {
        (outFeatures, self.inFeatures, self.n, self.m, self.patterns) = (out, inFeatures, n, m, patterns)
        let table = NMPatterns.table(n: n, m: m)
        var indices: [Int32] = []
        indices.reserveCapacity(values.count)
        for (g, p) in patterns.enumerated() {
            let base = (g % (inFeatures / m)) * m
            indices += table[p].map { Int32(base + $0) }
        }
        let perRow = inFeatures / m * n
        entries = SparseRows(rows: out, columns: inFeatures, values: values, indices: indices,
                             rowStart: (0...out).map { Int32($0 * perRow) })
        self.bias = bias ? Parameter(shape: [out], decays: false) : nil
    }

    public static var format: String { "nm" }
    /// Groups in the matrix, out·in/M.
    public var groups: Int { outFeatures * inFeatures / m }
    public var effectiveWeightCount: Int { groups * n }
    public var speed: SpeedLabel { Double(n) / Double(m) <= SparseLinear.breakEvenDensity ? .measured : .simulated }
    public var codeBytes: Int { Self.bytes(out: outFeatures, in: inFeatures, n: n, m: m) }

    /// Stored bytes of an [out, in] matrix at N:M: the kept values plus the packed patterns.
    public static func bytes(out: Int, in inFeatures: Int, n: Int, m: Int) -> Int {
        let groups = out * inFeatures / m
        return 4 * groups * n + (groups * NMPatterns.bits(n: n, m: m) + 7) / 8
    }

    public func apply(_ x: Tensor, into y: Tensor) { entries.apply(x, into: y, bias: bias.map { UnsafePointer($0.value.data) }) }

    public func decodedWeight() -> Tensor { entries.dense() }

    public func encode(prefix: String, into file: inout SafeTensors) -> [String: String] {
        file.add(prefix + ".values", dtype: .F32, shape: [groups * n],
                 bytes: Data(buffer: UnsafeBufferPointer(start: entries.values, count: groups * n)))
        file.addIntegers(prefix + ".patterns", .U8, NMPatterns.pack(patterns, bits: NMPatterns.bits(n: n, m: m)))
        return ["in": String(inFeatures), "out": String(outFeatures), "n": String(n), "m": String(m)]
    }

    /// Rebuilds a twin from its `encode` entries; the bias loads by name afterwards.
    public static func decode(_ file: SafeTensors, _ prefix: String, _ options: [String: String]) throws -> NMSparseLinear {
        let (i, o) = (try options.integer("in", atLeast: 1, layer: prefix), try options.integer("out", atLeast: 1, layer: prefix))
        let (n, m) = (try options.integer("n", atLeast: 1, layer: prefix), try options.integer("m", atLeast: 1, layer: prefix))
        guard n <= m, m <= NMPatterns.maximumGroup, i % m == 0 else { throw SafeTensorsError("\(prefix): invalid \(n):\(m) for \(i) inputs") }
        let groups = o * i / m, bits = NMPatterns.bits(n: n, m: m)
        let values = try file.floats(prefix + ".values", count: groups * n)
        let packed = try file.integers(prefix + ".patterns", .U8, count: (groups * bits + 7) / 8, as: UInt8.self)
        let patterns = NMPatterns.unpack(packed, bits: bits, count: groups)
        let choices = NMPatterns.table(n: n, m: m).count
        guard patterns.allSatisfy({ $0 < choices }) else { throw SafeTensorsError("\(prefix): pattern index beyond \(choices)") }
        return NMSparseLinear(out: o, in: i, n: n, m: m, values: values, patterns: patterns, bias: options["bias"] == "1")
    }
}

/// The C(M, N) kept-position patterns of an N:M group and their bit packing.
enum NMPatterns {
    /// The largest group length supported (C(16, 8) = 12,870 patterns, 14 bits).
    static let maximumGroup = 16

    /// Every N-subset of 0..<M as increasing positions, in lexicographic order.
    static func table(n: Int, m: Int) -> [[Int]] {
        var out: [[Int]] = []
        func extend(_ prefix: [Int], _ next: Int) {
            if prefix.count == n { out.append(prefix); return }
            guard next < m else { return }
            for p in next..<m where m - p >= n - prefix.count { extend(prefix + [p], p + 1) }
        }
        extend([], 0)
        return out
    }

    /// Bits per pattern index: ⌈log₂ C(M, N)⌉ (0 when only one pattern exists).
    static func bits(n: Int, m: Int) -> Int {
        let c = table(n: n, m: m).count
        return c <= 1 ? 0 : Int.bitWidth - (c - 1).leadingZeroBitCount
    }

    /// `values` (each < 2^bits) packed LSB-first into ⌈count·bits/8⌉ bytes.
    static func pack(_ values: [Int], bits: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: (values.count * bits + 7) / 8)
        for (k, v) in values.enumerated() {
            for b in 0..<bits where v >> b & 1 == 1 {
                let bit = k * bits + b
                out[bit >> 3] |= 1 << UInt8(bit & 7)
            }
        }
        return out
    }

    /// The `count` values of `bits` bits packed by `pack`.
    static func unpack(_ bytes: [UInt8], bits: Int, count: Int) -> [Int] {
        (0..<count).map { k in
            (0..<bits).reduce(0) { v, b in
                let bit = k * bits + b
                return v | Int(bytes[bit >> 3] >> UInt8(bit & 7) & 1) << b
            }
        }
    }
}
