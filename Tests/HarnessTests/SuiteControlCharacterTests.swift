import XCTest
@testable import Harness

/// Names a suite defines reach reports, gnuplot scripts and terminals, so a control character in
/// any key or string value is a located suite error (exit 65), not an escaped surprise later.
final class SuiteControlCharacterTests: XCTestCase {
    func error(_ text: String, overrides: [String] = []) -> SuiteError? {
        do {
            _ = try Suite.parse(text: text, file: "suite.yaml", overrides: overrides)
            return nil
        } catch { return error as? SuiteError }
    }

    func testASuiteNameWithANewlineNamesFileLineAndKey() throws {
        let e = try XCTUnwrap(error(baseSuite.replacingOccurrences(of: "name: corpus", with: #"name: "corpus\n!touch /tmp/x""#)))
        XCTAssertEqual(e.key, "name")
        XCTAssertEqual(e.location.file, "suite.yaml")
        XCTAssertEqual(e.location.line, 1)
        XCTAssertTrue(e.description.hasPrefix(#"suite.yaml:1:7: name: the value 'corpus\n!touch /tmp/x' holds a control character"#), e.description)
    }

    func testControlCharactersAnywhereAreRefused() throws {
        let axis = try XCTUnwrap(error(baseSuite + "\nsweep:\n  grid:\n    model.norm: [norm.layernorm, \"norm.rms\\e[2Jnorm\"]\n"))
        XCTAssertEqual(axis.key, "sweep.grid.model.norm[1]")
        XCTAssertEqual(axis.location.line, 17)
        let key = try XCTUnwrap(error(baseSuite + "\nreport: {\"a\\u202Eb\": 1}\n"))
        XCTAssertEqual(key.key, #"report.a\u{202E}b"#)
        let override = try XCTUnwrap(error(baseSuite, overrides: ["name=a\u{7}b"]))
        XCTAssertEqual(override.key, "name")
    }

    func testTheDescriptionMayHoldLineBreaks() throws {
        XCTAssertNil(error(baseSuite + "\ndescription: |\n  First line.\n  Second\tline.\n"))
        XCTAssertEqual(error(baseSuite + "\ndescription: \"bell\\a\"\n")?.key, "description")
    }
}
