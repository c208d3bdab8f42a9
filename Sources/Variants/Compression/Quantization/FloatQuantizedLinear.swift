import NN
import Tensor

/// The compressed twin of `compress.quant.float`: floating-point (or NF4) codes packed at
/// their bit width (`⌈numel·b/8⌉` bytes) over the weight in row-major order, cut into blocks
/// of `blockSize` consecutive weights that share one scale (`BlockScales`): `ŵ = level[code]·scale`.
/// The kernel decodes into a reusable Float32 buffer on every call, then runs one sgemm
/// (speed `simulated`).
public final class FloatQuantizedLinear: CompressedLinear {
    /// The code format.
    public let codeFormat: FloatQuantizationFormat
    /// Weights per scale block (row-major, the last block may be shorter).
    public let blockSize: Int
    /// The packed codes.
    public let codes: [UInt8]
    /// The block scales as stored.
    public let scales: BlockScales
    public let bias: Parameter?
    public let inFeatures: Int
    public let outFeatures: Int
    private let levels: [Float]
    private let scaleValues: [Float]
    private var weightBuffer = Buffer()
    private var codeBuffer: [UInt16] = []

    public static var format: String { "float" }
    /// Packed codes + stored scales.
    public var codeBytes: Int { codes.count + scales.bytes }
    public var effectiveWeightCount: Int { inFeatures * outFeatures }
    public var speed: SpeedLabel { .simulated }

    /// A twin from unpacked `codes` [out·in], `blockSize` and the stored `scales`.
    public init(codes: [UInt16], format: FloatQuantizationFormat, outFeatures: Int, inFeatures: Int, blockSize: Int,
                scales: BlockScales, bias: Tensor?) {
        precondition(codes.count == outFeatures * inFeatures && scales.count == (codes.count + blockSize - 1) / blockSize,
                     "FloatQuantizedLinear: \(codes.count) codes, \(scales.count) scales, block \(blockSize)")
        codeFormat = format
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.blockSize = blockSize
        self.codes = PackedCodes.pack(codes, bits: format.codeBits)
        self.scales = scales
        self.bias = Parameter.copying(bias, decays: false)
        levels = format.levels
        scaleValues = scales.values
    }

    /// Quantizes `weight` [out, in] to `format`. FP8/FP16: scale `amax/max_fmt` over the
    /// tensor or each row (`perChannel`), or its power of two `2^{⌈log₂(amax/max_fmt)⌉}`
    /// (`powerOfTwoScale`). FP4: MX blocks of 32. NF4: blocks of 64 with their absmax, which
    /// `doubleQuantization` stores in 8 bits (codes are then chosen against the decoded absmax).
    public convenience init(quantizing weight: Tensor, bias: Tensor?, format: FloatQuantizationFormat,
                            perChannel: Bool = false, powerOfTwoScale: Bool = false, doubleQuantization: Bool = false) {
        let (rows, cols) = (weight.shape[0], weight.shape[1])
        let n = rows * cols
        let block: Int
        switch format {
        case .fp8E4M3, .fp8E5M2, .fp16: block = perChannel ? cols : n
        case .fp4E2M1: block = 32
        case .nf4: block = 64
        }
        let blocks = (n + block - 1) / block
        let amax = (0..<blocks).map { b in (b * block..<min(n, (b + 1) * block)).reduce(Float(0)) { max($0, abs(weight.data[$1])) } }
        let scales: BlockScales
        switch format {
        case .fp8E4M3, .fp8E5M2, .fp16:
            let fmax = format.minifloat!.maxValue
            scales = .float32(amax.map { a in
                guard a > 0 else { return 1 }
                return powerOfTwoScale ? Self.powerOfTwoCeiling(a / fmax) : a / fmax
            })
        case .fp4E2M1:
            scales = .powerOfTwo(amax.map { a in a > 0 ? BlockScales.exponentByte(Int(a.exponent) - 2) : 0 })
        case .nf4:
            let absmax = amax.map { $0 > 0 ? $0 : 1 }
            scales = doubleQuantization ? BlockScales.doubleQuantizing(absmax) : .float32(absmax)
        }
        let s = scales.values
        var codes = [UInt16](repeating: 0, count: n)
        for i in 0..<n { codes[i] = format.code(weight.data[i] / s[i / block]) }
        self.init(codes: codes, format: format, outFeatures: rows, inFeatures: cols, blockSize: block, scales: scales, bias: bias)
    }

    /// `2^{⌈log₂ x⌉}` for x > 0.
    static func powerOfTwoCeiling(_ x: Float) -> Float {
        let p = Float(sign: .plus, exponent: x.exponent, significand: 1)
        return p == x ? p : 2 * p
    }

    /// Decodes Ŵ [out, in] into `w`.
    public func decode(into w: UnsafeMutablePointer<Float>) {
        let n = inFeatures &* outFeatures
        if codeBuffer.count != n { codeBuffer = Array(repeating: 0, count: n) }
        codeBuffer.withUnsafeMutableBufferPointer { c in
            codes.withUnsafeBufferPointer { b in
                PackedCodes.unpack(b.baseAddress!, byteCount: b.count, bits: codeFormat.codeBits, count: n, into: c.baseAddress!)
            }
            levels.withUnsafeBufferPointer { table in
                scaleValues.withUnsafeBufferPointer { s in
                    var start = 0, k = 0
                    while start < n {
                        let end = min(n, start &+ blockSize), scale = s[k]
                        for i in start..<end { w[i] = table[Int(c[i])] * scale }
                        start = end
                        k &+= 1
                    }
                }
            }
        }
    }

    public func apply(_ x: Tensor, into y: Tensor) {
        let w = weightBuffer.get([outFeatures, inFeatures])
        decode(into: w.data)
        decodedAffine(x, weight: w.data, inFeatures: inFeatures, outFeatures: outFeatures, bias: bias, into: y)
    }

    public func decodedWeight() -> Tensor {
        let w = Tensor(shape: [outFeatures, inFeatures])
        decode(into: w.data)
        return w
    }
}
