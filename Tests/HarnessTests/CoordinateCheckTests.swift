import Foundation
import XCTest
@testable import Harness
import Reports
import Variants

/// The coordinate check on a small ladder: under μP every layer's activation size is flat in
/// width after a few Adam steps, while under the standard parametrization the logits grow.
final class CoordinateCheckTests: XCTestCase {
    static func request(readout: MuP.Readout = .normal) throws -> CoordinateCheckRequest {
        let suite = try Suite.parse(text: """
            name: coord
            task: {id: task.text-bytes, params: {seq_len: 16, train_tokens: 20000, validation_fraction: 0.01, test_fraction: 0.01}}
            model: {depth: 2, width: 16, heads: 2}
            training: {steps: 3, batch: 8, lr: 1.0e-2}
            measurement: {latency: false}
            """, file: "coord.yaml")
        return CoordinateCheckRequest(base: try CoordinateCheckRequest.base(suite: suite), widths: [16, 32, 64], steps: 3, seeds: 2,
                                      parametrizations: [.standard, .mup(baseWidth: 16, readout: readout)])
    }

    func testMuPIsFlatAndStandardLogitsGrow() throws {
        let check = try Self.request().run()
        print(check.text)
        let (standard, mup) = (check.parametrizations[0], check.parametrizations[1])
        XCTAssertEqual(mup.layers.map(\.name), ["embedding", "block0.mixer", "block0.ffn", "block0.residual",
                                                 "block1.mixer", "block1.ffn", "block1.residual", "logits"])
        XCTAssertEqual(check.verdict(mup), .flat, check.verdictLines.joined(separator: "\n"))
        for layer in mup.layers {
            XCTAssertLessThanOrEqual(abs(try XCTUnwrap(check.slope(layer, step: 3))), check.threshold, layer.name)
        }
        // Adam's updates are about the same size per entry at every width, so under the standard
        // parametrization every layer fed by a width-sized sum grows (slopes 1.0-1.8 measured);
        // the embedding is a table lookup and stays put.
        XCTAssertEqual(check.verdict(standard), .grows)
        XCTAssertEqual(check.offendingLayers(standard), Array(standard.layers.map(\.name).dropFirst()))
        XCTAssertGreaterThan(try XCTUnwrap(check.slope(standard.layers.last!, step: 3)), 0.75)
        // μP's normal readout at init: logits of a fixed-σ head over d inputs, × d₀/d, shrink as (d₀/d)^½.
        XCTAssertEqual(try XCTUnwrap(check.slope(mup.layers.last!, step: 0)), -0.5, accuracy: 0.1)
        // Same init and data at the base width: the two parametrizations agree there at step 0.
        XCTAssertEqual(standard.layers.map { $0.sizes[0][0] }, mup.layers.map { $0.sizes[0][0] })
    }

    func testOutputs() throws {
        let check = CoordinateCheck(widths: [16, 32], steps: 1, seeds: 1, learningRate: 0.01, parametrizations: [
            .init(name: "standard", label: "standard parametrization", layers: [.init(name: "logits", sizes: [[1, 2], [1, 4]])]),
            .init(name: "mup", label: "μP", layers: [.init(name: "logits", sizes: [[0, 2], [0, 2.25]])]),
        ])
        XCTAssertEqual(check.slope(check.parametrizations[0].layers[0], step: 1)!, 1, accuracy: 1e-12)
        XCTAssertNil(check.slope(check.parametrizations[1].layers[0], step: 0))
        XCTAssertEqual(check.verdictLines, ["standard: grows (logits +1.00)", "mup: flat"])
        XCTAssertTrue(check.text.contains("logits  0     1.000e+00  1.000e+00  +0.00\n        1     2.000e+00  4.000e+00  +1.00\n"), check.text)
        let charts = check.charts
        XCTAssertEqual(charts.map(\.name), ["coord-check-standard", "coord-check-mup"])
        XCTAssertTrue(charts[1].data.contains("# index 0: logits step 0\nNaN NaN\n"), charts[1].data)
        XCTAssertTrue(charts[1].data.contains("# index 1: logits step 1\n16 2\n32 2.25\n"), charts[1].data)
        let json = try JSONSerialization.jsonObject(with: Data(check.json.utf8)) as! [String: Any]
        let entries = json["parametrizations"] as! [[String: Any]]
        XCTAssertEqual(entries.map { $0["verdict"] as? String }, ["grows", "flat"])
    }
}
