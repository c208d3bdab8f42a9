import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// Applies the registry entry `id` with `parameters` to a fresh copy of `fixture`'s
/// trained model; returns the model, the outcome and the context used.
func applyCompression(_ id: String, _ parameters: [String: ParameterValue], to fixture: CompressionFixture) throws
    -> (model: CompressibleModel, outcome: CompressionOutcome) {
    let method = try XCTUnwrap(Registry.descriptor(id), "\(id) is not registered")
    let model = fixture.trainedModel()
    let outcome = try method.compress(try method.resolve(parameters), fixture.context(for: model))
    return (model, outcome)
}

/// A [rows, cols] matrix of N(0, 1) values with a few large outliers, from `seed`.
func randomWeight(rows: Int, cols: Int, seed: UInt64) -> Tensor {
    var rng = RNG(seed: seed)
    let w = Tensor(shape: [rows, cols])
    w.fillNormal(std: 1, rng: &rng)
    for i in stride(from: 7, to: w.count, by: 97) { w.data[i] *= 6 }
    return w
}

/// `compress.quant.int`: packing, grids, byte counts and the qualitative checks of VARIANTS.md.
final class QuantizationIntTests: XCTestCase {
    func testPackedCodesRoundTripEveryValue() {
        for bits in [2, 3, 4, 8, 16] {
            // every value, then a tail that does not fill a whole byte group
            let codes = (0..<(1 << bits)).map { UInt16($0) } + [1, 0, UInt16((1 << bits) - 1)]
            let packed = PackedCodes.pack(codes, bits: bits)
            XCTAssertEqual(packed.count, (codes.count * bits + 7) / 8, "\(bits) bits")
            XCTAssertEqual(PackedCodes.unpack(packed, bits: bits, count: codes.count), codes, "\(bits) bits")
        }
        XCTAssertEqual(PackedCodes.pack([0x3, 0xA], bits: 4), [0xA3], "int4: low nibble first")
        XCTAssertEqual(PackedCodes.pack([1, 2, 3, 0], bits: 2), [0b00_11_10_01], "int2: four per byte")
        XCTAssertEqual(PackedCodes.pack([7, 7, 7, 7, 7, 7, 7, 7], bits: 3), [0xFF, 0xFF, 0xFF], "int3: 8 codes in 3 bytes")
        XCTAssertEqual(PackedCodes.pack([1, 0, 0, 0, 0, 0, 0, 4], bits: 3), [0x01, 0x00, 0x80])
    }

    func testGridRoundsHalfToEvenAndClamps() {
        let g = IntegerGrid(bits: 4, symmetric: true)
        XCTAssertEqual(g.quantize(0.5, scale: 1, zero: g.symmetricZero), 0)
        XCTAssertEqual(g.quantize(1.5, scale: 1, zero: g.symmetricZero), 2)
        XCTAssertEqual(g.quantize(-2.5, scale: 1, zero: g.symmetricZero), -2)
        XCTAssertEqual(g.quantize(100, scale: 1, zero: g.symmetricZero), 7)
        XCTAssertEqual(g.quantize(-100, scale: 1, zero: g.symmetricZero), -7)
        let ternary = IntegerGrid(bits: 2, symmetric: true)
        let (s, z) = ternary.parameters(minimum: -2, maximum: 1)
        XCTAssertEqual(s, 2)
        XCTAssertEqual(Set([-2, -0.9, 0.3, 1.2].map { ternary.quantize($0, scale: s, zero: z) }), [-2, 0, 2])
        let asym = IntegerGrid(bits: 2, symmetric: false)
        let (sa, za) = asym.parameters(minimum: -1, maximum: 2)
        XCTAssertEqual(sa, 1)
        XCTAssertEqual(za, 1)
        XCTAssertEqual([-1, 0, 1, 2, 7].map { asym.quantize($0, scale: sa, zero: za) }, [-1, 0, 1, 2, 2])
        let zeros = asym.parameters(minimum: 0, maximum: 0)
        XCTAssertEqual(zeros.scale, 1, "an all-zero group uses s = 1")
    }

    func testSymmetricPerChannelInt8KeepsEveryWeightWithinHalfAStep() {
        let w = randomWeight(rows: 24, cols: 40, seed: 3)
        let twin = IntQuantizedLinear(roundingToNearest: w, bias: nil, grid: IntegerGrid(bits: 8, symmetric: true), granularity: .channel)
        let d = twin.decodedWeight()
        for r in 0..<24 {
            let s = twin.scales[r]
            let amax = (0..<40).map { abs(w.data[r * 40 + $0]) }.max()!
            XCTAssertEqual(s, amax / 127, accuracy: amax * 1e-7)
            for j in 0..<40 {
                let e = abs(w.data[r * 40 + j] - d.data[r * 40 + j])
                XCTAssertLessThanOrEqual(e, s / 2 * (1 + 1e-5), "row \(r) column \(j)")
            }
        }
    }

    func testStoredBytesEqualTheFormula() throws {
        let (rows, cols) = (24, 72)
        let w = randomWeight(rows: rows, cols: cols, seed: 4)
        for bits in IntegerQuantizationSettings.allowedBits {
            for granularity in QuantizationGranularity.allCases {
                for symmetric in [true, false] {
                    let twin = IntQuantizedLinear(roundingToNearest: w, bias: nil, grid: IntegerGrid(bits: bits, symmetric: symmetric),
                                                  granularity: granularity, groupSize: 32)
                    let groups = granularity == .tensor ? 1 : granularity == .channel ? rows : rows * 3
                    let expected = (rows * cols * bits + 7) / 8 + 4 * groups + (symmetric ? 0 : (groups * bits + 7) / 8)
                    XCTAssertEqual(twin.codeBytes, expected, "\(bits) bits \(granularity) symmetric \(symmetric)")
                    var file = SafeTensors()
                    _ = twin.encode(prefix: "l", into: &file)
                    XCTAssertEqual(file.entries.reduce(0) { $0 + $1.bytes.count }, expected)
                }
            }
        }
        XCTAssertEqual(PackedCodes.byteCount(count: rows * cols, bits: 8) * 4, rows * cols * 4, "int8 is exactly 4× smaller than Float32 before scales")
    }

    func testDynamicTokenActivationsRoundEachRowToInt8() {
        let x = randomWeight(rows: 5, cols: 33, seed: 9)
        let y = Tensor(shape: x.shape)
        ActivationQuantization.roundRowsToInt8(x, features: 33, into: y)
        for r in 0..<5 {
            let amax = (0..<33).map { abs(x.data[r * 33 + $0]) }.max()!
            for j in 0..<33 {
                let q = y.data[r * 33 + j] / (amax / 127)
                XCTAssertEqual(q, q.rounded(), accuracy: 1e-3)
                XCTAssertLessThanOrEqual(abs(y.data[r * 33 + j] - x.data[r * 33 + j]), amax / 254 * 1.0001)
            }
        }
    }

    func testPerChannelBeatsPerTensorAtFourBitsAndEightBitsLosesLessThanFour() throws {
        let fixture = CompressionFixture.languageModel()
        let base = fixture.evaluationLoss(fixture.trainedModel())
        func loss(_ bits: Int, _ granularity: String) throws -> Double {
            fixture.evaluationLoss(try applyCompression("compress.quant.int", ["bits": .int(bits), "granularity": .string(granularity)], to: fixture).model)
        }
        let (tensor4, channel4, channel8) = (try loss(4, "tensor"), try loss(4, "channel"), try loss(8, "channel"))
        print("int RTN evaluation loss: float \(base), int8/channel \(channel8), int4/channel \(channel4), int4/tensor \(tensor4)")
        XCTAssertLessThan(channel4, tensor4)
        XCTAssertLessThan(channel8 - base, channel4 - base)
        XCTAssertLessThan(abs(channel8 - base), 0.01 * base + 1e-3, "int8 weight-only is near-lossless")
    }

    func testDynamicTokenActivationsCostMoreThanWeightsAlone() throws {
        let fixture = CompressionFixture.languageModel()
        let weights = try applyCompression("compress.quant.int", ["bits": .int(8)], to: fixture).model
        let both = try applyCompression("compress.quant.int", ["bits": .int(8), "acts": .string("dynamic-token")], to: fixture).model
        let reference = fixture.outputs(fixture.trainedModel())
        func deviation(_ m: CompressibleModel) -> Float { zip(reference, fixture.outputs(m)).map { abs($0 - $1) }.max()! }
        XCTAssertGreaterThan(deviation(both), deviation(weights))
        XCTAssertTrue(fixture.outputs(both).allSatisfy(\.isFinite))
    }

    func testPresetsAreRegisteredWithTheirDefaults() throws {
        for (id, bits) in [("compress.quant.int8", 8), ("compress.quant.int4", 4), ("compress.quant.int3", 3), ("compress.quant.int2", 2)] {
            let d = try XCTUnwrap(Registry.descriptor(id))
            XCTAssertEqual(try d.resolve().int("bits"), bits)
        }
        XCTAssertThrowsError(try applyCompression("compress.quant.int", ["bits": .int(5)], to: CompressionFixture.classifier()))
    }
}
