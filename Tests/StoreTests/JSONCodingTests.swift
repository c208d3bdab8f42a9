import Foundation
import Store
import XCTest

/// The one JSON set-up: non-finite numbers survive a round trip as strings, and the layouts
/// differ only in order and indentation.
final class JSONCodingTests: XCTestCase {
    struct Document: Codable, Equatable {
        let b: Double
        let a: [Double]
    }

    func testNonFiniteNumbersRoundTripAsStrings() throws {
        let value = Document(b: -.infinity, a: [1.5, .infinity, .nan])
        let text = try JSONCoding.text(value, .sorted)
        XCTAssertEqual(text, #"{"a":[1.5,"inf","nan"],"b":"-inf"}"#)
        let back = try JSONCoding.decoder().decode(Document.self, from: Data(text.utf8))
        XCTAssertEqual(back.b, -.infinity)
        XCTAssertEqual(back.a[0...1], [1.5, .infinity])
        XCTAssertTrue(back.a[2].isNaN)
    }

    func testLayouts() throws {
        let value = Document(b: 2, a: [])
        let compact = try JSONCoding.text(value, .compact)   // keys in no set order
        XCTAssertFalse(compact.contains("\n"))
        XCTAssertEqual(try JSONCoding.decoder().decode(Document.self, from: Data(compact.utf8)), value)
        XCTAssertEqual(try JSONCoding.text(value, .pretty), "{\n  \"a\" : [\n\n  ],\n  \"b\" : 2\n}")
    }

    func testATrialOutcomeWithAMissingValueRoundTrips() throws {
        let outcome = TrialOutcome(status: .diverged, metrics: [Metric(stage: "train", name: "final_loss", value: .nan, unit: "nats/token")])
        let back = try TrialOutcome.decode(try outcome.encoded())
        XCTAssertEqual(back.status, .diverged)
        XCTAssertTrue(back.metrics[0].value!.isNaN)
    }
}
