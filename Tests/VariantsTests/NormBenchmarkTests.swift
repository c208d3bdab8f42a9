import XCTest
@testable import Variants

/// The norm benchmark runs every norm and relates each to LayerNorm (no timing is asserted).
final class NormBenchmarkTests: XCTestCase {
    func testEveryNormIsTimedAgainstLayerNorm() throws {
        let results = try NormBenchmark.run(widths: [32], rows: 16, rounds: 3)
        XCTAssertEqual(results.map(\.id), Registry.ids(in: .norm))
        for r in results {
            XCTAssertEqual(r.width, 32)
            XCTAssertGreaterThan(r.forward_s, 0, r.id)
            XCTAssertGreaterThan(r.backward_s, 0, r.id)
        }
        let layerNorm = try XCTUnwrap(results.first { $0.id == "norm.layernorm" })
        XCTAssertEqual(layerNorm.forward_ratio_to_layernorm, 1)
        XCTAssertEqual(layerNorm.backward_ratio_to_layernorm, 1)
    }

    /// In-model timing builds one decoder LM per norm and relates each to LayerNorm's; the
    /// interleaving gives every action of every item one sample per round.
    func testNormsAreTimedInsideAModel() throws {
        let ids = ["norm.layernorm", "norm.rmsnorm", "norm.batchnorm"]
        let results = try NormBenchmark.runInModel(widths: [16], depth: 1, context: 4, vocabulary: 8, trainingBatch: 2,
                                                   rounds: 3, ids: ids)
        XCTAssertEqual(results.map(\.id), ids)
        for r in results {
            XCTAssertEqual([r.width, r.depth, r.context, r.inference_batch, r.training_batch], [16, 1, 4, 1, 2])
            XCTAssertGreaterThan(r.inference_s, 0, r.id)
            XCTAssertGreaterThan(r.training_step_s, 0, r.id)
        }
        XCTAssertEqual(results[0].inference_ratio_to_layernorm, 1)
        XCTAssertEqual(results[0].training_ratio_to_layernorm, 1)
        var count = 0
        let times = NormBenchmark.interleaved([[{ count += 1 }], [{ count += 1 }, { count += 1 }]], rounds: 4)
        XCTAssertEqual(times.map { $0.map(\.count) }, [[4], [4, 4]])
        XCTAssertGreaterThanOrEqual(count, 3 * 5)
    }
}
