import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// `compress.lowrank.lorc`: the correction is the truncated SVD of the quantization error,
/// and the recovered fraction of the quantization loss grows with the rank.
final class QuantizationLoRCTests: XCTestCase {
    func testErrorFallsWithRankAndFullRankIsExact() {
        let w = randomWeight(rows: 20, cols: 28, seed: 31)
        let q = IntQuantizedLinear(roundingToNearest: w, bias: nil, grid: IntegerGrid(bits: 3, symmetric: true), granularity: .channel)
        var previous = Double.infinity
        for r in [0, 1, 4, 8, 16] {
            let e = relativeFrobeniusError(w, LowRankCompensatedLinear(compensating: q, of: w, rank: r, bias: nil).decodedWeight())
            XCTAssertLessThan(e, previous, "rank \(r)")
            previous = e
        }
        XCTAssertLessThan(relativeFrobeniusError(w, LowRankCompensatedLinear(compensating: q, of: w, rank: 20, bias: nil).decodedWeight()), 1e-5)
        let twin = LowRankCompensatedLinear(compensating: q, of: w, rank: 4, bias: nil)
        XCTAssertEqual(twin.codeBytes, q.codeBytes + 4 * 4 * (20 + 28))
        // The kernel computes Q(W)x + B(Ax) = Ŵx.
        let x = randomWeight(rows: 3, cols: 28, seed: 32), y = Tensor(shape: [3, 20]), reference = Tensor(shape: [3, 20])
        twin.apply(x, into: y)
        Tensor.matmul(x, twin.decodedWeight(), transB: .transposed, into: reference)
        for i in 0..<y.count { XCTAssertEqual(y.data[i], reference.data[i], accuracy: 1e-4) }
    }

    func testRecoveredFractionGrowsWithRank() throws {
        let fixture = CompressionFixture.languageModel()
        let float = fixture.evaluationLoss(fixture.trainedModel())
        let given: [String: ParameterValue] = ["bits": .int(3), "granularity": .string("tensor")]
        let quantized = fixture.evaluationLoss(try applyCompression("compress.quant.int", given, to: fixture).model)
        var fractions: [Double] = []
        for r in [2, 8, 24] {
            var g = given
            g["rank"] = .int(r)
            let (model, _) = try applyCompression("compress.lowrank.lorc", g, to: fixture)
            fractions.append((quantized - fixture.evaluationLoss(model)) / (quantized - float))
        }
        print("LoRC int3/tensor: float \(float), quantized \(quantized), recovered fraction at r = 2, 8, 24: \(fractions)")
        XCTAssertGreaterThan(fractions[0], 0)
        XCTAssertLessThan(fractions[0], fractions[1])
        XCTAssertLessThan(fractions[1], fractions[2])
    }
}
