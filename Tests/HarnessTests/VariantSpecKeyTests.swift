import XCTest
@testable import Harness

/// What a trial spec records of a variant's parameters.
final class VariantSpecKeyTests: XCTestCase {
    private func trial(ffn: String) throws -> TrialSpec {
        try SweepPlanner.plan(try Suite.parse(text: """
            name: moe
            task: {id: task.text-bytes, params: {seq_len: 16}}
            model: {depth: 1, width: 16, heads: 2, ffn: \(ffn)}
            training: {steps: 2, batch: 2, lr: 1.0e-3}
            measurement: {latency: false}
            """, file: "moe.yaml")).trials[0].spec
    }

    /// `capacity_factor` came after MoE trials were stored: at its default (0, dropless) the spec
    /// leaves it out, so those trials keep their content keys; other defaults are recorded.
    func testMoECapacityFactorAtItsDefaultKeepsTheKey() throws {
        let plain = try trial(ffn: "ffn.moe")
        let zero = try trial(ffn: "{id: ffn.moe, params: {capacity_factor: 0}}")
        let capped = try trial(ffn: "{id: ffn.moe, params: {capacity_factor: 1.25}}")
        XCTAssertNil(plain.model.ffn.params["capacity_factor"])
        XCTAssertNotNil(plain.model.ffn.params["top_k"])
        XCTAssertEqual(zero.key, plain.key)
        XCTAssertEqual(capped.model.ffn.params["capacity_factor"], .double(1.25))
        XCTAssertNotEqual(capped.key, plain.key)
    }
}
