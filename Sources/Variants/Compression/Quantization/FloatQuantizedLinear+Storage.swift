import Foundation
import NN
import Tensor

extension FloatQuantizedLinear {
    /// Writes `prefix.codes` (U8, packed codes) and the scales: `prefix.scales` (F32),
    /// `prefix.scale_exponents` (U8, E8M0) or, double-quantized, `prefix.absmax_codes` (U8),
    /// `prefix.absmax_scales` (F32) and `prefix.absmax_offset` (F32 [1]).
    public func encode(prefix: String, into file: inout SafeTensors) -> [String: String] {
        file.add(prefix + ".codes", dtype: .U8, shape: [codes.count], bytes: Data(codes))
        switch scales {
        case .float32(let s):
            file.add(prefix + ".scales", dtype: .F32, shape: [s.count], bytes: s.withUnsafeBufferPointer { Data(buffer: $0) })
        case .powerOfTwo(let e):
            file.add(prefix + ".scale_exponents", dtype: .U8, shape: [e.count], bytes: Data(e))
        case .doubleQuantized(let c, let s, let offset):
            file.add(prefix + ".absmax_codes", dtype: .U8, shape: [c.count], bytes: Data(c))
            file.add(prefix + ".absmax_scales", dtype: .F32, shape: [s.count], bytes: s.withUnsafeBufferPointer { Data(buffer: $0) })
            file.add(prefix + ".absmax_offset", dtype: .F32, shape: [1], bytes: withUnsafeBytes(of: offset) { Data($0) })
        }
        return ["in": String(inFeatures), "out": String(outFeatures), "code_format": codeFormat.rawValue, "block": String(blockSize)]
    }

    /// Rebuilds a twin from its `encode` entries and options (its bias loads by name).
    public static func decode(_ file: SafeTensors, _ prefix: String, _ options: [String: String]) throws -> FloatQuantizedLinear {
        guard let inputs = options["in"].flatMap(Int.init), let outputs = options["out"].flatMap(Int.init),
              let block = options["block"].flatMap(Int.init), inputs > 0, outputs > 0, block > 0,
              let format = options["code_format"].flatMap(FloatQuantizationFormat.init(rawValue:)) else {
            throw SafeTensorsError("\(prefix): float twin with invalid options \(options)")
        }
        let n = inputs * outputs, blocks = (n + block - 1) / block
        let packed = try bytes(file, prefix + ".codes", count: PackedCodes.byteCount(count: n, bits: format.codeBits))
        let scales: BlockScales
        if file.entry(prefix + ".scale_exponents") != nil {
            scales = .powerOfTwo(try bytes(file, prefix + ".scale_exponents", count: blocks))
        } else if file.entry(prefix + ".absmax_codes") != nil {
            let second = try file.floats(prefix + ".absmax_scales"), offset = try file.floats(prefix + ".absmax_offset")
            guard second.count == (blocks + BlockScales.doubleQuantizationBlock - 1) / BlockScales.doubleQuantizationBlock, offset.count == 1 else {
                throw SafeTensorsError("\(prefix): double-quantized scales do not match \(blocks) blocks")
            }
            scales = .doubleQuantized(codes: try bytes(file, prefix + ".absmax_codes", count: blocks), scales: second, offset: offset[0])
        } else {
            let s = try file.floats(prefix + ".scales")
            guard s.count == blocks else { throw SafeTensorsError("\(prefix).scales: \(s.count) scales for \(blocks) blocks") }
            scales = .float32(s)
        }
        return FloatQuantizedLinear(codes: PackedCodes.unpack(packed, bits: format.codeBits, count: n), format: format,
                                    outFeatures: outputs, inFeatures: inputs, blockSize: block, scales: scales,
                                    bias: options["bias"] == "1" ? Tensor(shape: [outputs]) : nil)
    }
}
