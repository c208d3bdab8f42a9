import Foundation
import NN
import Tensor

extension IntQuantizedLinear {
    /// Writes `prefix.codes` (U8, the packed codes), `prefix.scales` (F32, one per group)
    /// and, when asymmetric, `prefix.zeros` (U8, the packed b-bit zero points).
    public func encode(prefix: String, into file: inout SafeTensors) -> [String: String] {
        file.add(prefix + ".codes", dtype: .U8, shape: [codes.count], bytes: Data(codes))
        file.add(prefix + ".scales", dtype: .F32, shape: [scales.count],
                 bytes: scales.withUnsafeBufferPointer { Data(buffer: $0) })
        if !packedZeros.isEmpty { file.add(prefix + ".zeros", dtype: .U8, shape: [packedZeros.count], bytes: Data(packedZeros)) }
        return ["in": String(inFeatures), "out": String(outFeatures), "bits": String(grid.bits),
                "symmetric": grid.symmetric ? "1" : "0", "granularity": groups.granularity.rawValue,
                "group_size": String(groups.width), "acts": activations.rawValue]
    }

    /// Rebuilds a twin from its `encode` entries and options (its bias loads by name).
    public static func decode(_ file: SafeTensors, _ prefix: String, _ options: [String: String]) throws -> IntQuantizedLinear {
        func option(_ key: String) throws -> String {
            guard let v = options[key] else { throw SafeTensorsError("\(prefix): int twin without option \(key)") }
            return v
        }
        guard let inputs = Int(try option("in")), let outputs = Int(try option("out")), let bits = Int(try option("bits")),
              let width = Int(try option("group_size")), (1...16).contains(bits), inputs > 0, outputs > 0,
              let granularity = QuantizationGranularity(rawValue: try option("granularity")),
              let acts = ActivationQuantization(rawValue: try option("acts")) else {
            throw SafeTensorsError("\(prefix): int twin with invalid options \(options)")
        }
        let grid = IntegerGrid(bits: bits, symmetric: try option("symmetric") == "1")
        let groups = QuantizationGroups(rows: outputs, cols: inputs, granularity: granularity, groupSize: width)
        let packed = try bytes(file, prefix + ".codes", count: PackedCodes.byteCount(count: inputs * outputs, bits: bits))
        let scales = try file.floats(prefix + ".scales")
        guard scales.count == groups.count else { throw SafeTensorsError("\(prefix).scales: \(scales.count) scales for \(groups.count) groups") }
        var zeros: [Int] = []
        if !grid.symmetric {
            let z = try bytes(file, prefix + ".zeros", count: PackedCodes.byteCount(count: groups.count, bits: bits))
            zeros = PackedCodes.unpack(z, bits: bits, count: groups.count).map(Int.init)
        }
        return IntQuantizedLinear(codes: PackedCodes.unpack(packed, bits: bits, count: inputs * outputs), scales: scales,
                                  zeros: zeros, grid: grid, groups: groups, activations: acts,
                                  bias: options["bias"] == "1" ? Tensor(shape: [outputs]) : nil)
    }
}

/// The bytes of the U8 entry `name`, which must hold exactly `count` of them.
func bytes(_ file: SafeTensors, _ name: String, count: Int) throws -> [UInt8] {
    guard let e = file.entry(name), e.dtype == .U8, e.bytes.count == count else {
        throw SafeTensorsError("\(name): expected U8 [\(count)], found \(file.entry(name).map { "\($0.dtype.rawValue) \($0.shape)" } ?? "nothing")")
    }
    return Array(e.bytes)
}
