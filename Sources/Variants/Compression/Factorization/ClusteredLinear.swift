import Foundation
import NN
import Tensor

/// A Linear whose weights share a codebook, the compressed twin of `compress.cluster.kmeans`:
/// b-bit centroid indices, one per weight in row-major [out, in] order, packed LSB-first
/// (`PackedCodes`), and Float32 codebooks of 2^b centroids — one for the layer, or one per
/// output row (per-channel). The kernel decodes Ŵ[o, i] = codebook[group(o)][index] into a
/// Float32 buffer and runs one dense GEMM: speed `simulated`. Frozen: recovery trains the bias.
public final class ClusteredLinear: CompressedLinear {
    public let inFeatures: Int
    public let outFeatures: Int
    /// Bits b per index.
    public let bits: Int
    /// The codebooks [groups, 2^b]: groups = 1 (per layer) or out (per channel).
    public let codebooks: [Float]
    /// The packed indices, ⌈out·in·b/8⌉ bytes.
    public let packedIndices: [UInt8]
    public let bias: Parameter?
    public static var format: String { "kmeans" }
    /// Packed indices plus 4 bytes per centroid.
    public var codeBytes: Int { packedIndices.count + 4 * codebooks.count }
    public var effectiveWeightCount: Int { inFeatures * outFeatures }
    public var speed: SpeedLabel { .simulated }
    private var decoded = Buffer()

    /// Centroids per codebook, 2^b.
    public var clusters: Int { 1 << bits }
    /// Codebooks: 1 or out.
    public var groups: Int { codebooks.count / clusters }

    /// A twin of [out, in] from `indices` (each below 2^bits, row-major) and `codebooks`
    /// [groups, 2^bits] (groups 1 or out), with an optional `bias` [out] (copied).
    public convenience init(inFeatures: Int, outFeatures: Int, bits: Int, indices: [UInt16], codebooks: [Float], bias: Tensor?) {
        precondition(indices.count == inFeatures * outFeatures, "clustered twin: \(indices.count) indices for \(outFeatures)×\(inFeatures)")
        self.init(inFeatures: inFeatures, outFeatures: outFeatures, bits: bits,
                  packed: PackedCodes.pack(indices, bits: bits), codebooks: codebooks, bias: bias)
    }

    /// A twin from already packed indices.
    init(inFeatures: Int, outFeatures: Int, bits: Int, packed: [UInt8], codebooks: [Float], bias: Tensor?) {
        let k = 1 << bits
        precondition(codebooks.count == k || codebooks.count == k * outFeatures, "clustered twin: \(codebooks.count) centroids")
        precondition(packed.count == PackedCodes.byteCount(count: inFeatures * outFeatures, bits: bits))
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.bits = bits
        self.codebooks = codebooks
        packedIndices = packed
        self.bias = Parameter.copying(bias, decays: false)
    }

    /// The unpacked indices, row-major [out, in].
    public var indices: [UInt16] { PackedCodes.unpack(packedIndices, bits: bits, count: inFeatures * outFeatures) }

    /// Decodes Ŵ into `w` [out, in]: unpack every index, then look each up in its row's codebook.
    private func decode(into w: UnsafeMutablePointer<Float>) {
        let n = inFeatures, k = clusters, perChannel = groups > 1
        var codes = [UInt16](repeating: 0, count: n * outFeatures)
        packedIndices.withUnsafeBufferPointer { packed in
            codebooks.withUnsafeBufferPointer { books in
                codes.withUnsafeMutableBufferPointer { all in
                    let c = all.baseAddress!
                    PackedCodes.unpack(packed.baseAddress!, byteCount: packed.count, bits: bits, count: all.count, into: c)
                    for o in 0..<outFeatures {
                        let book = books.baseAddress! + (perChannel ? o &* k : 0), row = c + o &* n, out = w + o &* n
                        for j in 0..<n { out[j] = book[Int(row[j])] }
                    }
                }
            }
        }
    }

    public func apply(_ x: Tensor, into y: Tensor) {
        let rows = x.count / inFeatures, out = outFeatures
        let w = decoded.get([out, inFeatures])
        decode(into: w.data)
        if let bias { for r in 0..<rows { (y.data + r &* out).update(from: bias.value.data, count: out) } }
        sgemm(.none, .transposed, m: rows, n: out, k: inFeatures, a: x.data, lda: inFeatures, b: w.data, ldb: inFeatures,
              beta: bias == nil ? 0 : 1, c: y.data, ldc: out)
    }

    public func decodedWeight() -> Tensor {
        let w = Tensor(shape: [outFeatures, inFeatures])
        decode(into: w.data)
        return w
    }

    /// `prefix.indices` (U8, the packed stream) and `prefix.codebook` (F32 [groups, 2^b]).
    public func encode(prefix: String, into file: inout SafeTensors) -> [String: String] {
        file.addIntegers(prefix + ".indices", .U8, packedIndices)
        let books = codebooks.withUnsafeBufferPointer { Data(buffer: $0) }
        file.add(prefix + ".codebook", dtype: .F32, shape: [groups, clusters], bytes: books)
        return ["in": String(inFeatures), "out": String(outFeatures), "bits": String(bits), "groups": String(groups)]
    }

    /// Rebuilds the twin from its packed indices and codebooks; the bias loads by name.
    public static func decode(_ file: SafeTensors, _ prefix: String, _ options: [String: String]) throws -> ClusteredLinear {
        let i = try options.integer("in", atLeast: 1, layer: prefix), o = try options.integer("out", atLeast: 1, layer: prefix)
        let bits = try options.integer("bits", atLeast: 1, layer: prefix), groups = try options.integer("groups", atLeast: 1, layer: prefix)
        guard bits <= 16, groups == 1 || groups == o else { throw SafeTensorsError("\(prefix): k-means twin with \(bits) bits and \(groups) codebooks") }
        let packed = try file.integers(prefix + ".indices", .U8, count: PackedCodes.byteCount(count: i * o, bits: bits), as: UInt8.self)
        guard let e = file.entry(prefix + ".codebook"), e.dtype == .F32, e.shape == [groups, 1 << bits] else {
            throw SafeTensorsError("\(prefix).codebook: expected F32 [\(groups), \(1 << bits)]")
        }
        return ClusteredLinear(inFeatures: i, outFeatures: o, bits: bits, packed: packed, codebooks: try file.floats(prefix + ".codebook"),
                               bias: options["bias"] == "1" ? Tensor(shape: [o]) : nil)
    }
}
