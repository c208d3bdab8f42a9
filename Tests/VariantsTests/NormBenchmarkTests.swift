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
}
