import Foundation
import NN
import Tensor

/// The compressed twin of `compress.lowrank.lorc`: an integer-quantized weight plus a
/// Float32 rank-r correction of its quantization error, `y = Q(W)x + B(Ax) + b`, with
/// A [r, in] and B [out, r] stored as codes (frozen, not trained). The kernel is the int
/// twin's (decode + sgemm) plus two thin GEMMs, r·(in + out) extra multiply-adds per row
/// (speed `simulated`).
public final class LowRankCompensatedLinear: CompressedLinear {
    /// The quantized weight Q(W) (without bias).
    public let quantized: IntQuantizedLinear
    /// A = Σ_r^{1/2}·V_rᵀ [r, in].
    public let a: Tensor
    /// B = U_r·Σ_r^{1/2} [out, r].
    public let b: Tensor
    public let bias: Parameter?
    private var hidden = Buffer()

    /// The rank r.
    public var rank: Int { a.shape[0] }
    public var inFeatures: Int { quantized.inFeatures }
    public var outFeatures: Int { quantized.outFeatures }
    public static var format: String { "lorc" }
    /// The int twin's bytes + 4·r·(in + out) for the factors.
    public var codeBytes: Int { quantized.codeBytes + 4 * (a.count + b.count) }
    public var effectiveWeightCount: Int { quantized.effectiveWeightCount + a.count + b.count }
    public var speed: SpeedLabel { .simulated }

    /// A twin of `quantized` (its bias ignored) with factors `a` [r, in], `b` [out, r] and `bias`.
    public init(quantized: IntQuantizedLinear, a: Tensor, b: Tensor, bias: Tensor?) {
        precondition(a.shape == [a.shape[0], quantized.inFeatures] && b.shape == [quantized.outFeatures, a.shape[0]],
                     "LoRC twin: A \(a.shape), B \(b.shape) for \(quantized.outFeatures)×\(quantized.inFeatures)")
        self.quantized = quantized
        self.a = a
        self.b = b
        self.bias = Parameter.copying(bias, decays: false)
    }

    /// Compensates `quantized` (a twin of `weight` [out, in]) by the rank-r truncated SVD of
    /// `E = W − Q(W)` (computed in Double).
    public convenience init(compensating quantized: IntQuantizedLinear, of weight: Tensor, rank: Int, bias: Tensor?) {
        let (out, inputs) = (weight.shape[0], weight.shape[1])
        let q = quantized.decodedWeight()
        let r = min(rank, out, inputs)
        var a = Tensor(shape: [0, inputs]), b = Tensor(shape: [out, 0])
        if r > 0 {
            let e = (0..<weight.count).map { Double(weight.data[$0]) - Double(q.data[$0]) }
            let factors = LowRankCompressedLinear(truncating: SingularValueDecomposition<Double>(e, rows: out, cols: inputs), rank: r, bias: nil)
            (a, b) = (factors.a.value, factors.b.value)
        }
        self.init(quantized: quantized, a: a, b: b, bias: bias)
    }

    public func apply(_ x: Tensor, into y: Tensor) {
        quantized.apply(x, into: y)
        let rows = x.count / inFeatures, r = rank
        if r > 0 {
            let t = hidden.get([rows, r])
            sgemm(.none, .transposed, m: rows, n: r, k: inFeatures, a: x.data, lda: inFeatures, b: a.data, ldb: inFeatures,
                  c: t.data, ldc: r)
            sgemm(.none, .transposed, m: rows, n: outFeatures, k: r, a: t.data, lda: r, b: b.data, ldb: r,
                  beta: 1, c: y.data, ldc: outFeatures)
        }
        if let bias {
            for row in 0..<rows {
                let yr = y.data + row &* outFeatures
                for o in 0..<outFeatures { yr[o] += bias.value.data[o] }
            }
        }
    }

    public func decodedWeight() -> Tensor {
        let w = quantized.decodedWeight()
        if rank > 0 {
            sgemm(.none, .none, m: outFeatures, n: inFeatures, k: rank, a: b.data, lda: rank, b: a.data, ldb: inFeatures,
                  beta: 1, c: w.data, ldc: inFeatures)
        }
        return w
    }

    /// Writes the int twin under `prefix.q.*`, then `prefix.a` and `prefix.b` (F32).
    public func encode(prefix: String, into file: inout SafeTensors) -> [String: String] {
        var options = quantized.encode(prefix: prefix + ".q", into: &file)
        file.add(prefix + ".a", a)
        file.add(prefix + ".b", b)
        options["rank"] = String(rank)
        return options
    }

    /// Rebuilds a twin from its `encode` entries and options (its bias loads by name).
    public static func decode(_ file: SafeTensors, _ prefix: String, _ options: [String: String]) throws -> LowRankCompensatedLinear {
        var inner = options
        inner["bias"] = "0"
        let q = try IntQuantizedLinear.decode(file, prefix + ".q", inner)
        guard let r = options["rank"].flatMap(Int.init), r >= 0 else {
            throw SafeTensorsError("\(prefix): LoRC twin with invalid options \(options)")
        }
        let a = try file.floats(prefix + ".a"), b = try file.floats(prefix + ".b")
        guard a.count == r * q.inFeatures, b.count == q.outFeatures * r else {
            throw SafeTensorsError("\(prefix): LoRC factors of \(a.count) and \(b.count) values for rank \(r)")
        }
        return LowRankCompensatedLinear(quantized: q, a: Tensor(shape: [r, q.inFeatures], values: a),
                                        b: Tensor(shape: [q.outFeatures, r], values: b),
                                        bias: options["bias"] == "1" ? Tensor(shape: [q.outFeatures]) : nil)
    }
}
