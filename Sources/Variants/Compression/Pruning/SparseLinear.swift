import Foundation
import NN
import Tensor

/// An unstructured-sparse twin of a Linear (magnitude and Wanda pruning): the kept weights
/// stored as CSR or as a bitmask plus values, whichever takes fewer bytes, run by a sparse
/// kernel (`SparseRows`) that touches only the kept weights.
///
/// - CSR: Float32 values [nnz], column indices [nnz] (Int16 when in < 65,536, else Int32),
///   Int32 row pointers [out + 1]: `4·nnz + 2·nnz (or 4·nnz) + 4·(out + 1)` bytes.
/// - Bitmask: one bit per weight, row-major, least significant bit first (`⌈out·in/8⌉`
///   bytes), then the kept Float32 values in row-major order [nnz]: `⌈out·in/8⌉ + 4·nnz`.
///
/// Both decode at load into the same in-memory execution layout (values, Int32 columns, row
/// starts). Speed is `measured` only at densities at or below `breakEvenDensity`, where the
/// kernel was measured to beat dense `sgemm` on this class of hardware; `simulated` above.
public final class SparseLinear: CompressedLinear {
    /// How the kept weights are stored.
    public enum Layout: String, Sendable {
        case csr, bitmask
    }

    /// The density (kept fraction) at or below which the sparse kernel was measured to beat
    /// dense `sgemm` (`PruningKernelTests.testMeasureSparseBreakEven`, run with
    /// `ABLATE_MEASURE_SPARSE=1`): the speed label follows it, never a timing at run time.
    /// Measured on the 2-core AVX2 development machine, 2048 token rows, 2 threads, for
    /// [256→1024], [1024→256], [512→512]: 2.6–2.8× dense time at density 0.5, 1.3–1.6× at
    /// 0.3, 0.9–1.0× at 0.2, 0.66–0.70× at 0.15, 0.24–0.41× at 0.1. The crossover is near
    /// 0.2; the label uses 0.1 (≥ 90% sparsity) to stay clear of it on a busier or wider-SIMD
    /// BLAS.
    public static let breakEvenDensity = 0.10

    public let inFeatures: Int
    public let outFeatures: Int
    /// The stored layout (the smaller of the two for this nonzero count).
    public let layout: Layout
    public let bias: Parameter?
    let entries: SparseRows

    /// Keeps the entries of `weight` [out, in] where `keep` (row-major) is true.
    public init(weight: Tensor, keep: [Bool], bias: Tensor?) {
        precondition(weight.rank == 2, "SparseLinear: weight must be [out, in], got \(weight.shape)")
        (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
        entries = SparseRows(weight: weight.data, keep: keep, rows: outFeatures, columns: inFeatures)
        layout = Self.smallerLayout(out: outFeatures, in: inFeatures, nonzeros: entries.nonzeros)
        self.bias = bias.map(Parameter.copy(of:))
    }

    private init(entries: SparseRows, layout: Layout, bias: Bool) {
        (outFeatures, inFeatures) = (entries.rows, entries.columns)
        self.entries = entries
        self.layout = layout
        self.bias = bias ? Parameter(shape: [entries.rows], decays: false) : nil
    }

    public static var format: String { "sparse" }
    /// Kept weights.
    public var nonzeros: Int { entries.nonzeros }
    /// Kept fraction of the weights.
    public var density: Double { Double(nonzeros) / Double(max(1, inFeatures * outFeatures)) }
    public var effectiveWeightCount: Int { nonzeros }
    public var speed: SpeedLabel { density <= Self.breakEvenDensity ? .measured : .simulated }
    public var codeBytes: Int { Self.bytes(layout, out: outFeatures, in: inFeatures, nonzeros: nonzeros) }

    /// Bytes per CSR column index: 2 below 65,536 input features, else 4.
    public static func indexBytes(in inFeatures: Int) -> Int { inFeatures < 65_536 ? 2 : 4 }

    /// Stored bytes of `layout` for `nonzeros` kept weights of an [out, in] matrix.
    public static func bytes(_ layout: Layout, out: Int, in inFeatures: Int, nonzeros: Int) -> Int {
        switch layout {
        case .csr: return (4 + indexBytes(in: inFeatures)) * nonzeros + 4 * (out + 1)
        case .bitmask: return (out * inFeatures + 7) / 8 + 4 * nonzeros
        }
    }

    /// The layout with fewer bytes (CSR on ties).
    public static func smallerLayout(out: Int, in inFeatures: Int, nonzeros: Int) -> Layout {
        bytes(.csr, out: out, in: inFeatures, nonzeros: nonzeros) <= bytes(.bitmask, out: out, in: inFeatures, nonzeros: nonzeros)
            ? .csr : .bitmask
    }

    public func apply(_ x: Tensor, into y: Tensor) { entries.apply(x, into: y, bias: bias.map { UnsafePointer($0.value.data) }) }

    public func decodedWeight() -> Tensor { entries.dense() }

    public func encode(prefix: String, into file: inout SafeTensors) -> [String: String] {
        let n = nonzeros
        file.add(prefix + ".values", dtype: .F32, shape: [n],
                 bytes: Data(buffer: UnsafeBufferPointer(start: entries.values, count: n)))
        switch layout {
        case .csr:
            let columns = Array(UnsafeBufferPointer(start: entries.indices, count: n))
            if Self.indexBytes(in: inFeatures) == 2 {
                file.addIntegers(prefix + ".columns", .I16, columns.map { Int16(truncatingIfNeeded: $0) })
            } else {
                file.addIntegers(prefix + ".columns", .I32, columns)
            }
            file.addIntegers(prefix + ".row_ptr", .I32, Array(UnsafeBufferPointer(start: entries.rowStart, count: outFeatures + 1)))
        case .bitmask:
            var bits = [UInt8](repeating: 0, count: (outFeatures * inFeatures + 7) / 8)
            for (i, kept) in entries.mask.enumerated() where kept { bits[i >> 3] |= 1 << UInt8(i & 7) }
            file.addIntegers(prefix + ".mask", .U8, bits)
        }
        return ["in": String(inFeatures), "out": String(outFeatures), "layout": layout.rawValue, "nonzeros": String(n)]
    }

    /// Rebuilds a twin from its `encode` entries; the bias loads by name afterwards.
    public static func decode(_ file: SafeTensors, _ prefix: String, _ options: [String: String]) throws -> SparseLinear {
        let (i, o) = (try options.integer("in", atLeast: 1, layer: prefix), try options.integer("out", atLeast: 1, layer: prefix))
        let n = try options.integer("nonzeros", layer: prefix)
        guard let layout = options["layout"].flatMap(Layout.init) else { throw SafeTensorsError("\(prefix): unknown sparse layout") }
        let values = try file.floats(prefix + ".values", count: n)
        let columns: [Int32], rowStart: [Int32]
        switch layout {
        case .csr:
            columns = indexBytes(in: i) == 2
                ? try file.integers(prefix + ".columns", .I16, count: n, as: Int16.self).map { Int32(UInt16(bitPattern: $0)) }
                : try file.integers(prefix + ".columns", .I32, count: n, as: Int32.self)
            rowStart = try file.integers(prefix + ".row_ptr", .I32, count: o + 1, as: Int32.self)
            guard rowStart.first == 0, rowStart.last == Int32(n), zip(rowStart, rowStart.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw SafeTensorsError("\(prefix): CSR row pointers are not a non-decreasing 0…\(n)")
            }
        case .bitmask:
            let bits = try file.integers(prefix + ".mask", .U8, count: (o * i + 7) / 8, as: UInt8.self)
            var cols: [Int32] = [], starts: [Int32] = [0]
            for r in 0..<o {
                for j in 0..<i where bits[(r * i + j) >> 3] >> UInt8((r * i + j) & 7) & 1 == 1 { cols.append(Int32(j)) }
                starts.append(Int32(cols.count))
            }
            guard cols.count == n else { throw SafeTensorsError("\(prefix): bitmask holds \(cols.count) bits, not \(n)") }
            (columns, rowStart) = (cols, starts)
        }
        guard columns.allSatisfy({ $0 >= 0 && Int($0) < i }) else { throw SafeTensorsError("\(prefix): column index beyond \(i) inputs") }
        let rows = SparseRows(rows: o, columns: i, values: values, indices: columns, rowStart: rowStart)
        return SparseLinear(entries: rows, layout: layout, bias: options["bias"] == "1")
    }
}

extension Parameter {
    /// A non-decaying parameter holding a copy of `value` (a twin's bias).
    static func copy(of value: Tensor) -> Parameter {
        let p = Parameter(shape: value.shape, decays: false)
        p.value.assign(value)
        return p
    }
}
