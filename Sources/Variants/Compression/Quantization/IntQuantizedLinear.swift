import NN
import Tensor

/// The compressed twin of the integer quantizers (`compress.quant.int`, `.gptq`, `.mixed`):
/// b-bit codes packed `⌈numel·b/8⌉` bytes (see `PackedCodes`), one Float32 scale per group
/// and, when asymmetric, one b-bit zero point per group packed the same way. Its kernel
/// decodes the codes into a reusable Float32 buffer on every call, then runs one sgemm
/// (speed `simulated`); with `dynamic-token` activations the input rows are rounded to int8
/// first.
public final class IntQuantizedLinear: CompressedLinear {
    /// The integer grid (bits, symmetric).
    public let grid: IntegerGrid
    /// Which weights share a scale.
    public let groups: QuantizationGroups
    /// The packed codes, row-major over [out, in].
    public let codes: [UInt8]
    /// One scale per group.
    public let scales: [Float]
    /// The packed b-bit zero points, one per group (empty when symmetric).
    public let packedZeros: [UInt8]
    /// Run-time treatment of the inputs.
    public let activations: ActivationQuantization
    public let bias: Parameter?
    private let zeros: [Int]
    private var weightBuffer = Buffer()
    private var codeBuffer: [UInt16] = []
    private var inputBuffer = Buffer()

    public var inFeatures: Int { groups.cols }
    public var outFeatures: Int { groups.rows }
    public static var format: String { "int" }
    /// Codes + 4 bytes per scale + packed zero points.
    public var codeBytes: Int { codes.count + 4 * scales.count + packedZeros.count }
    public var effectiveWeightCount: Int { groups.rows * groups.cols }
    public var speed: SpeedLabel { .simulated }

    /// A twin from unpacked `codes` [out·in] (each ≤ 2^b − 1), per-group `scales` and zero
    /// points (ignored and implied when symmetric), and an optional `bias` (copied).
    public init(codes: [UInt16], scales: [Float], zeros: [Int], grid: IntegerGrid, groups: QuantizationGroups,
                activations: ActivationQuantization = .none, bias: Tensor?) {
        precondition(codes.count == groups.rows * groups.cols && scales.count == groups.count,
                     "IntQuantizedLinear: \(codes.count) codes and \(scales.count) scales for \(groups)")
        self.grid = grid
        self.groups = groups
        self.codes = PackedCodes.pack(codes, bits: grid.bits)
        self.scales = scales
        if grid.symmetric {
            self.zeros = Array(repeating: grid.symmetricZero, count: groups.count)
            packedZeros = []
        } else {
            precondition(zeros.count == groups.count, "IntQuantizedLinear: \(zeros.count) zero points for \(groups.count) groups")
            self.zeros = zeros
            packedZeros = PackedCodes.pack(zeros.map { UInt16($0) }, bits: grid.bits)
        }
        self.activations = activations
        self.bias = Parameter.copying(bias, decays: false)
    }

    /// Round-to-nearest quantization of `weight` [out, in]: each group's scale (and zero
    /// point) from its minimum and maximum, then every weight to its nearest code.
    public convenience init(roundingToNearest weight: Tensor, bias: Tensor?, grid: IntegerGrid,
                            granularity: QuantizationGranularity, groupSize: Int = 0,
                            activations: ActivationQuantization = .none) {
        let groups = QuantizationGroups(rows: weight.shape[0], cols: weight.shape[1], granularity: granularity, groupSize: groupSize)
        let (codes, scales, zeros) = Self.roundToNearest(weight.data, grid: grid, groups: groups)
        self.init(codes: codes, scales: scales, zeros: zeros, grid: grid, groups: groups, activations: activations, bias: bias)
    }

    /// The codes, scales and zero points of round-to-nearest quantization of `w` [rows, cols].
    static func roundToNearest(_ w: UnsafePointer<Float>, grid: IntegerGrid, groups: QuantizationGroups)
        -> (codes: [UInt16], scales: [Float], zeros: [Int]) {
        let (rows, cols) = (groups.rows, groups.cols)
        var lo = [Float](repeating: .infinity, count: groups.count), hi = [Float](repeating: -.infinity, count: groups.count)
        for r in 0..<rows {
            for k in 0..<groups.perRow {
                let g = groups.index(row: r, group: k)
                for j in groups.columns(k) {
                    let v = w[r &* cols &+ j]
                    lo[g] = min(lo[g], v)
                    hi[g] = max(hi[g], v)
                }
            }
        }
        let params = (0..<groups.count).map { grid.parameters(minimum: lo[$0], maximum: hi[$0]) }
        var codes = [UInt16](repeating: 0, count: rows &* cols)
        for r in 0..<rows {
            for k in 0..<groups.perRow {
                let (s, z) = params[groups.index(row: r, group: k)]
                for j in groups.columns(k) { codes[r &* cols &+ j] = grid.code(w[r &* cols &+ j], scale: s, zero: z) }
            }
        }
        return (codes, params.map(\.scale), params.map(\.zero))
    }

    /// The zero point of group `g` (implied `2^{b−1}` when symmetric).
    public func zero(_ g: Int) -> Int { zeros[g] }

    /// Decodes Ŵ [out, in] into `w`.
    public func decode(into w: UnsafeMutablePointer<Float>) {
        let (rows, cols) = (groups.rows, groups.cols)
        if codeBuffer.count != rows &* cols { codeBuffer = Array(repeating: 0, count: rows &* cols) }
        codeBuffer.withUnsafeMutableBufferPointer { c in
            codes.withUnsafeBufferPointer { b in
                PackedCodes.unpack(b.baseAddress!, byteCount: b.count, bits: grid.bits, count: rows &* cols, into: c.baseAddress!)
            }
            for r in 0..<rows {
                for k in 0..<groups.perRow {
                    let g = groups.index(row: r, group: k)
                    let s = scales[g], z = zeros[g]
                    for j in groups.columns(k) {
                        let i = r &* cols &+ j
                        w[i] = s * Float(Int(c[i]) &- z)
                    }
                }
            }
        }
    }

    public func apply(_ x: Tensor, into y: Tensor) {
        let w = weightBuffer.get([outFeatures, inFeatures])
        decode(into: w.data)
        decodedAffine(x, weight: w.data, inFeatures: inFeatures, outFeatures: outFeatures, bias: bias,
                      activations: activations, inputBuffer: &inputBuffer, into: y)
    }

    public func decodedWeight() -> Tensor {
        let w = Tensor(shape: [outFeatures, inFeatures])
        decode(into: w.data)
        return w
    }
}
