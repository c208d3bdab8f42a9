import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// `compress.quant.float`: the formats on known values, block scaling, byte counts.
final class QuantizationFloatTests: XCTestCase {
    func testE4M3KnownValues() {
        let f = Minifloat.e4m3
        XCTAssertEqual(f.round(448), 448)
        XCTAssertEqual(f.round(500), 448, "saturates, no infinity")
        XCTAssertEqual(f.round(-1e9), -448)
        XCTAssertEqual(f.round(0.015625), 0.015625, "smallest normal 2^-6")
        XCTAssertEqual(f.round(0.001953125), 0.001953125, "smallest subnormal 2^-9")
        XCTAssertEqual(f.round(0.0009765625), 0, "half the smallest subnormal rounds to even (0)")
        XCTAssertEqual(f.round(0.0015), 0.001953125)
        XCTAssertEqual(f.round(1.0625), 1, "1 + 2^-4 is halfway between 1 and 1.125: even mantissa")
        XCTAssertEqual(f.round(1.1875), 1.25, "halfway between 1.125 and 1.25: even mantissa")
        XCTAssertEqual(f.round(17), 16)
        XCTAssertEqual(f.encode(448), 0x7E)
        XCTAssertEqual(f.encode(-448), 0xFE)
        XCTAssertEqual(f.encode(0.015625), 0x08)
        XCTAssertEqual(f.encode(0.001953125), 0x01)
        XCTAssertEqual(f.decode(0x38), 1)
        var previous: Float = -1
        for c in UInt16(0)...0x7E {
            let v = f.decode(c)
            XCTAssertGreaterThan(v, previous, "code \(c)")
            XCTAssertEqual(f.encode(v), c)
            XCTAssertEqual(f.decode(c | 0x80), -v)
            previous = v
        }
    }

    func testE5M2AndE2M1KnownValues() {
        let f = Minifloat.e5m2
        XCTAssertEqual(f.round(57344), 57344)
        XCTAssertEqual(f.round(1e6), 57344)
        XCTAssertEqual(f.encode(57344), 0x7B)
        XCTAssertEqual(f.round(Float(sign: .plus, exponent: -16, significand: 1)), Float(sign: .plus, exponent: -16, significand: 1))
        XCTAssertEqual(f.encode(Float(sign: .plus, exponent: -14, significand: 1)), 0x04, "smallest normal 2^-14")
        XCTAssertEqual(f.round(1.125), 1, "halfway between 1 and 1.25: even")
        let fp4 = Minifloat.e2m1
        XCTAssertEqual((0..<8).map { fp4.decode(UInt16($0)) }, [0, 0.5, 1, 1.5, 2, 3, 4, 6])
        XCTAssertEqual(fp4.round(5), 4, "halfway between 4 and 6: even mantissa")
        XCTAssertEqual(fp4.round(7), 6)
        XCTAssertEqual(fp4.round(0.25), 0)
        XCTAssertEqual(fp4.round(-2.6), -3)
        XCTAssertEqual(Minifloat.e5m10.encode(1.5), Float16(1.5).bitPattern, "FP16 codes are IEEE half bit patterns")
    }

    func testMXBlockScaleIsAPowerOfTwoFromTheBlockMaximum() {
        let w = Tensor(shape: [2, 32])
        for j in 0..<32 { w.data[j] = Float(j % 7) - 3 }
        w.data[5] = 12  // block 0: amax 12 → scale 2^(3−2) = 2, 12/2 = 6 exactly
        for j in 0..<32 { w.data[32 + j] = 0.01 * Float(j) }  // block 1: amax 0.31 → 2^(−2−2)
        let twin = FloatQuantizedLinear(quantizing: w, bias: nil, format: .fp4E2M1)
        XCTAssertEqual(twin.scales, .powerOfTwo([127 + 1, 127 - 4]))
        let d = twin.decodedWeight()
        XCTAssertEqual(d.data[5], 12)
        XCTAssertEqual(d.data[0], -3, "-3/2 = -1.5 is a level")
        XCTAssertEqual(d.data[1], -2)
        XCTAssertEqual(twin.codeBytes, 64 / 2 + 2)
    }

    func testNF4ReproducesItsLevelsAndStoresFourAndAHalfBits() {
        let levels = FloatQuantizationFormat.nf4Levels
        let w = Tensor(shape: [4, 64])
        for i in 0..<256 { w.data[i] = 0.5 * Float(1 + i / 64) * levels[i % 16] }
        let twin = FloatQuantizedLinear(quantizing: w, bias: nil, format: .nf4)
        let d = twin.decodedWeight()
        for i in 0..<256 { XCTAssertEqual(d.data[i], w.data[i], accuracy: 1e-6) }
        XCTAssertEqual(twin.codeBytes, 128 + 4 * 4, "4 bits per weight + one Float32 absmax per 64")
        XCTAssertEqual(FloatQuantizationFormat.nf4.code(0.03), 7, "nearest level of 0.03 is 0")
        XCTAssertEqual(FloatQuantizationFormat.nf4.code(0.05), 8)
        let big = randomWeight(rows: 64, cols: 1024, seed: 11)
        let plain = FloatQuantizedLinear(quantizing: big, bias: nil, format: .nf4)
        let double = FloatQuantizedLinear(quantizing: big, bias: nil, format: .nf4, doubleQuantization: true)
        XCTAssertEqual(8 * Double(plain.codeBytes) / Double(big.count), 4.5)
        XCTAssertEqual(double.codeBytes, big.count / 2 + 1024 + 4 * 4 + 4)
        XCTAssertLessThan(8 * Double(double.codeBytes) / Double(big.count), 4.13)
        XCTAssertLessThan(relativeFrobeniusError(big, double.decodedWeight()), 1.02 * relativeFrobeniusError(big, plain.decodedWeight()))
    }

    func testFP8StoresOneBytePerWeightPlusItsScale() {
        let w = randomWeight(rows: 16, cols: 48, seed: 12)
        let tensor = FloatQuantizedLinear(quantizing: w, bias: nil, format: .fp8E4M3)
        XCTAssertEqual(tensor.codeBytes, 16 * 48 + 4)
        let channel = FloatQuantizedLinear(quantizing: w, bias: nil, format: .fp8E4M3, perChannel: true)
        XCTAssertEqual(channel.codeBytes, 16 * 48 + 4 * 16)
        let amax = w.buffer.map(abs).max()!
        XCTAssertEqual(tensor.scales, .float32([amax / 448]))
        let pow2 = FloatQuantizedLinear(quantizing: w, bias: nil, format: .fp8E4M3, powerOfTwoScale: true)
        guard case .float32(let s) = pow2.scales else { return XCTFail() }
        XCTAssertEqual(s[0], Float(sign: .plus, exponent: s[0].exponent, significand: 1))
        XCTAssertGreaterThanOrEqual(s[0] * 448, amax)
        XCTAssertLessThan(s[0] * 224, amax)
    }

    func testE4M3LosesLessThanE5M2OnTheTrainedWeights() throws {
        let fixture = CompressionFixture.languageModel()
        var errors: [String: Double] = [:]
        for format in ["fp8-e4m3", "fp8-e5m2", "fp4-e2m1", "nf4"] {
            let outcome = try applyCompression("compress.quant.float", ["format": .string(format)], to: fixture).outcome
            errors[format] = outcome.layers.map { $0.relativeError! }.reduce(0, +) / Double(outcome.layers.count)
        }
        let int8 = try applyCompression("compress.quant.int", ["bits": .int(8)], to: fixture).outcome
        print("mean relative weight error: \(errors.sorted { $0.key < $1.key }), int8/channel \(int8.layers.map { $0.relativeError! }.reduce(0, +) / Double(int8.layers.count))")
        XCTAssertLessThan(errors["fp8-e4m3"]!, errors["fp8-e5m2"]!)
        XCTAssertLessThan(errors["fp8-e5m2"]!, errors["fp4-e2m1"]!)
    }
}
