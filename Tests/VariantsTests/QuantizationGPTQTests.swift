import Configuration
import NN
import Tensor
import TestSupport
@testable import Variants
import XCTest

/// `compress.quant.gptq`: exact round-to-nearest under H = I, and better than
/// round-to-nearest on the trained fixture at 3 and 4 bits.
final class QuantizationGPTQTests: XCTestCase {
    func testIdentityHessianGivesExactlyRoundToNearest() throws {
        let (rows, cols) = (12, 80)
        let w = randomWeight(rows: rows, cols: cols, seed: 21)
        var identity = [Double](repeating: 0, count: cols * cols)
        for j in 0..<cols { identity[j * cols + j] = 1 }
        for (granularity, symmetric) in [(QuantizationGranularity.channel, true), (.group, false), (.tensor, true)] {
            for bits in [3, 4] {
                let grid = IntegerGrid(bits: bits, symmetric: symmetric)
                let groups = QuantizationGroups(rows: rows, cols: cols, granularity: granularity, groupSize: 32)
                let gptq = try GPTQ.quantize(w, hessian: identity, grid: grid, groups: groups, blockSize: 16)
                let rtn = IntQuantizedLinear.roundToNearest(w.data, grid: grid, groups: groups)
                XCTAssertEqual(gptq.codes, rtn.codes, "\(granularity) \(bits) bits")
                XCTAssertEqual(gptq.scales, rtn.scales)
                XCTAssertEqual(gptq.zeros, rtn.zeros)
            }
        }
    }

    func testCholeskyFactorOfTheInverse() throws {
        let h: [Double] = [4, 2, 0, 2, 5, 1, 0, 1, 3]
        let u = try GPTQ.upperCholeskyOfInverse(h, n: 3)
        // (UᵀU)·H = I
        for i in 0..<3 {
            for j in 0..<3 {
                var v = 0.0
                for k in 0..<3 { var inv = 0.0; for m in 0..<3 { inv += u[m * 3 + i] * u[m * 3 + k] }; v += inv * h[k * 3 + j] }
                XCTAssertEqual(v, i == j ? 1 : 0, accuracy: 1e-12)
            }
            for j in 0..<i { XCTAssertEqual(u[i * 3 + j], 0) }
        }
    }

    func testGPTQBeatsRoundToNearestAtThreeAndFourBits() throws {
        let fixture = CompressionFixture.languageModel()
        let base = fixture.evaluationLoss(fixture.trainedModel())
        // Output error of the first layer on its (shared, unquantized) calibration inputs.
        let model = fixture.trainedModel()
        let context = fixture.context(for: model)
        let (name, first) = context.linears()[0]
        let stats = context.inputStatistics(of: [first], gram: true)[0]
        let gram = try XCTUnwrap(stats.gram)
        let n = first.inFeatures
        let hessian = (0..<n * n).map { 2 * Double(gram.data[$0]) / Double(stats.rows) }
        for bits in [3, 4] {
            for granularity in ["channel", "group"] {
                let given: [String: ParameterValue] = ["bits": .int(bits), "granularity": .string(granularity), "symmetric": .bool(bits == 4)]
                let rtnLoss = fixture.evaluationLoss(try applyCompression("compress.quant.int", given, to: fixture).model)
                let gptqLoss = fixture.evaluationLoss(try applyCompression("compress.quant.gptq", given, to: fixture).model)

                let grid = IntegerGrid(bits: bits, symmetric: bits == 4)
                let groups = QuantizationGroups(rows: first.outFeatures, cols: n, granularity: QuantizationGranularity(rawValue: granularity)!)
                let w = first.currentWeight()
                let q = try GPTQ.quantize(w, hessian: hessian, grid: grid, groups: groups)
                let gptqTwin = IntQuantizedLinear(codes: q.codes, scales: q.scales, zeros: q.zeros, grid: grid, groups: groups, bias: nil)
                let rtnTwin = IntQuantizedLinear(roundingToNearest: w, bias: nil, grid: grid, granularity: groups.granularity)
                let gptqError = outputErrorTerms(w, gptqTwin.decodedWeight(), gram: gram).error
                let rtnError = outputErrorTerms(w, rtnTwin.decodedWeight(), gram: gram).error
                print("\(bits) bits \(granularity): evaluation loss float \(base), RTN \(rtnLoss), GPTQ \(gptqLoss); ‖WX−ŴX‖² of \(name): RTN \(rtnError), GPTQ \(gptqError)")
                XCTAssertLessThan(gptqError, rtnError, "\(bits) bits \(granularity)")
                XCTAssertLessThan(gptqLoss, rtnLoss, "\(bits) bits \(granularity)")
            }
        }
    }

    func testActOrderAndDeadInputsStayFiniteAndInTheIntFormat() throws {
        let fixture = CompressionFixture.classifier()
        let (model, outcome) = try applyCompression("compress.quant.gptq", ["act_order": .bool(true), "granularity": .string("group"), "group_size": .int(8)], to: fixture)
        XCTAssertTrue(model.compressedLinears.allSatisfy { $0.twin is IntQuantizedLinear })
        XCTAssertTrue(fixture.outputs(model).allSatisfy(\.isFinite))
        XCTAssertNotNil(outcome.metrics["relative_output_error"])
        // A dead input column (never active) is zeroed.
        let w = randomWeight(rows: 4, cols: 8, seed: 5)
        var h = [Double](repeating: 0, count: 64)
        for j in 0..<8 where j != 3 { h[j * 8 + j] = 1 }
        let q = try GPTQ.quantize(w, hessian: h, grid: IntegerGrid(bits: 4, symmetric: true),
                                  groups: QuantizationGroups(rows: 4, cols: 8, granularity: .channel))
        for r in 0..<4 { XCTAssertEqual(q.codes[r * 8 + 3], 8, "dead input quantized to 0") }
    }
}
