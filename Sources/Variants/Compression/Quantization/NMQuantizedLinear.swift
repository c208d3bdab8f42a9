import Foundation
import NN
import Tensor

/// Integer quantization of an N:M-pruned layer (the chain `[compress.prune.nm,
/// compress.quant.int…]`): the N:M patterns as `NMSparseLinear` stores them, and only the kept
/// weights quantized, as the compact matrix [out, in·N/M] of an `IntQuantizedLinear` (its scale
/// groups run over kept weights). Bytes: the codes, scales and zero points of out·in·N/M values
/// plus `⌈out·(in/M)·bits/8⌉` pattern bytes, instead of codes for every weight, zeros included.
/// Its kernel decodes the kept values, scatters them into a Float32 buffer and runs one sgemm
/// (speed `simulated`), rounding the inputs to int8 first under `dynamic-token` activations.
public final class NMQuantizedLinear: CompressedLinear {
    public let inFeatures: Int
    public let outFeatures: Int
    /// Kept weights per group.
    public let n: Int
    /// Group length.
    public let m: Int
    /// The kept weights, quantized: [out, in·N/M], row-major in column order within each row.
    public let values: IntQuantizedLinear
    /// The pattern index of every group, row-major [out, in/M] (see `NMPatterns`).
    let patterns: [Int]
    public let bias: Parameter?
    private var weightBuffer = Buffer()
    private var keptBuffer = Buffer()
    private var inputBuffer = Buffer()

    /// Quantizes the kept weights of `sparse` with `quantize`, which maps the compact matrix
    /// [out, in·N/M] (and no bias) to its integer twin.
    public convenience init(_ sparse: NMSparseLinear, quantize: (Tensor) -> IntQuantizedLinear) {
        let kept = Tensor(shape: [sparse.outFeatures, sparse.effectiveWeightCount / sparse.outFeatures])
        kept.data.update(from: sparse.entries.values, count: kept.count)
        self.init(values: quantize(kept), patterns: sparse.patterns, n: sparse.n, m: sparse.m, inFeatures: sparse.inFeatures,
                  bias: sparse.bias?.value)
    }

    init(values: IntQuantizedLinear, patterns: [Int], n: Int, m: Int, inFeatures: Int, bias: Tensor?) {
        precondition(values.bias == nil && values.inFeatures * m == inFeatures * n && patterns.count == values.outFeatures * inFeatures / m,
                     "NMQuantizedLinear: \(values.outFeatures)×\(values.inFeatures) kept values for \(n):\(m) of \(inFeatures) inputs")
        (self.values, self.patterns, self.n, self.m, self.inFeatures, outFeatures) = (values, patterns, n, m, inFeatures, values.outFeatures)
        self.bias = Parameter.copying(bias, decays: false)
    }

    public static var format: String { "nm-int" }
    public var codeBytes: Int { values.codeBytes + (patterns.count * NMPatterns.bits(n: n, m: m) + 7) / 8 }
    public var effectiveWeightCount: Int { values.effectiveWeightCount }
    public var speed: SpeedLabel { .simulated }

    /// Decodes Ŵ [out, in] into `w`: zeros, then each group's kept values at its pattern's positions.
    func decode(into w: UnsafeMutablePointer<Float>) {
        let kept = keptBuffer.get([outFeatures, values.inFeatures])
        values.decode(into: kept.data)
        w.update(repeating: 0, count: outFeatures &* inFeatures)
        let table = NMPatterns.table(n: n, m: m), groupsPerRow = inFeatures / m
        for (g, p) in patterns.enumerated() {
            let row = g / groupsPerRow, base = row &* inFeatures &+ (g % groupsPerRow) &* m
            for (k, position) in table[p].enumerated() { w[base &+ position] = kept.data[g &* n &+ k] }
        }
    }

    public func apply(_ x: Tensor, into y: Tensor) {
        let w = weightBuffer.get([outFeatures, inFeatures])
        decode(into: w.data)
        decodedAffine(x, weight: w.data, inFeatures: inFeatures, outFeatures: outFeatures, bias: bias,
                      activations: values.activations, inputBuffer: &inputBuffer, into: y)
    }

    public func decodedWeight() -> Tensor {
        let w = Tensor(shape: [outFeatures, inFeatures])
        decode(into: w.data)
        return w
    }

    /// The kept values as the int twin writes them (`prefix.codes`, `.scales`, `.zeros`), and
    /// `prefix.patterns` (U8, packed pattern indices).
    public func encode(prefix: String, into file: inout SafeTensors) -> [String: String] {
        var options = values.encode(prefix: prefix, into: &file)
        file.addIntegers(prefix + ".patterns", .U8, NMPatterns.pack(patterns, bits: NMPatterns.bits(n: n, m: m)))
        options["kept"] = options["in"]
        options["in"] = String(inFeatures)
        options["n"] = String(n)
        options["m"] = String(m)
        return options
    }

    /// Rebuilds a twin from its `encode` entries; the bias loads by name afterwards.
    public static func decode(_ file: SafeTensors, _ prefix: String, _ options: [String: String]) throws -> NMQuantizedLinear {
        let i = try options.integer("in", atLeast: 1, layer: prefix), o = try options.integer("out", atLeast: 1, layer: prefix)
        let (n, m) = (try options.integer("n", atLeast: 1, layer: prefix), try options.integer("m", atLeast: 1, layer: prefix))
        guard n <= m, m <= NMPatterns.maximumGroup, i % m == 0, options["kept"] == String(i / m * n) else {
            throw SafeTensorsError("\(prefix): invalid \(n):\(m) for \(i) inputs with \(options["kept"] ?? "no") kept per row")
        }
        var valueOptions = options
        valueOptions["in"] = options["kept"]
        valueOptions["bias"] = nil
        let values = try IntQuantizedLinear.decode(file, prefix, valueOptions)
        let groups = o * i / m, bits = NMPatterns.bits(n: n, m: m)
        let patterns = NMPatterns.unpack(try file.integers(prefix + ".patterns", .U8, count: (groups * bits + 7) / 8, as: UInt8.self),
                                         bits: bits, count: groups)
        let choices = NMPatterns.table(n: n, m: m).count
        guard patterns.allSatisfy({ $0 < choices }) else { throw SafeTensorsError("\(prefix): pattern index beyond \(choices)") }
        return NMQuantizedLinear(values: values, patterns: patterns, n: n, m: m, inFeatures: i,
                                 bias: options["bias"] == "1" ? Tensor(shape: [o]) : nil)
    }
}
