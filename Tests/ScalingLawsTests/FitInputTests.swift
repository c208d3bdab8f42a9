import Foundation
import XCTest
@testable import ScalingLaws

/// `ablate fit`'s input checks: every malformed table or request is refused with a sentence
/// naming the column, row or line, before anything is fitted.
final class FitInputTests: XCTestCase {
    /// A CSV file holding `text`, removed after the test.
    func csv(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fit-input-\(UUID().uuidString).csv").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        XCTFail("expected an error")
        return ""
    }

    /// Seven points of y = 8·N^-0.3 (a saturating law with E → 0 fits them).
    func table(header: [String] = ["N", "D", "loss"]) -> FitTable {
        let n = Synthetic.logspace(1e4, 1e7, 7)
        return FitTable(source: "memory", header: header,
                        columns: [.numbers(n), .numbers(n.map { 20 * $0 }), .numbers(n.map { 8 * pow($0, -0.3) })])
    }

    func testHeaderWithoutRowsIsRefused() throws {
        let path = try csv("N,D,loss\n")
        XCTAssertEqual(message { _ = try FitTable(csvPath: path) }, "\(path): the file has a header but no data rows")
    }

    func testEmptyTableIsRefusedForOneAndTwoInputs() {
        let empty = FitTable(source: "memory", header: ["N", "D", "loss"], columns: [.numbers([]), .numbers([]), .numbers([])])
        XCTAssertEqual(message { _ = try empty.fit(FitRequest(x: ["N"], y: "loss")) },
                       "fit.saturating-power has 3 parameters but only 0 points were given "
                       + "(need at least 4: as many points as parameters fit any law exactly)")
        XCTAssertTrue(message { _ = try empty.fit(FitRequest(x: ["N", "D"], y: "loss")) }.contains("only 0 points"))
        XCTAssertTrue(message { _ = try empty.fit(FitRequest(x: ["N"], y: "loss", form: "broken-power")) }.contains("only 0 points"))
    }

    func testDuplicatedColumnNameIsRefusedWhenUsed() throws {
        let path = try csv("N,D,loss,loss\n1,2,3,4\n2,3,4,5\n")
        let t = try FitTable(csvPath: path)
        XCTAssertEqual(message { _ = try t.numbers("loss") },
                       "\(path): column 'loss' is named 2 times in the header (fields 3, 4); rename all but one")
        XCTAssertEqual(try t.numbers("N"), [1, 2], "other columns stay usable")
    }

    func testEachInputOnceAndOutputNotAnInput() {
        XCTAssertEqual(message { _ = try table().fit(FitRequest(x: ["N", "N"], y: "loss")) },
                       "x names the column 'N' twice; give each input column once")
        XCTAssertEqual(message { _ = try table().fit(FitRequest(x: ["N", "loss"], y: "loss")) },
                       "the output column 'loss' (y) is also an input column (x)")
        var flops = FitRequest(x: ["N"], y: "loss")
        flops.flops = "N"
        XCTAssertEqual(message { _ = try table().fit(flops) }, "the compute column 'N' (flops) is also the input (x) column")
    }

    func testOnlyDecimalNumbers() throws {
        for good in ["1", "-1.5", "+.5", "2.", "2e-3", "1E+10"] { XCTAssertNotNil(FitTable.decimal(good), good) }
        for bad in ["0x10", "0x1p3", "nan", "inf", "-infinity", "1e", "e5", ".", "", "1 000", "1_000", "١٢"] {
            XCTAssertNil(FitTable.decimal(bad), bad)
        }
        let path = try csv("N,loss\n1,2\n0x10,3\n")
        XCTAssertEqual(message { _ = try FitTable(csvPath: path).numbers("N") },
                       "\(path): column 'N', row 2: '0x10' is not a decimal number")
    }

    func testControlCharacterInACellIsRefused() throws {
        let path = try csv("N,loss\n1,2\n3,4\u{0}\n")
        XCTAssertEqual(message { _ = try FitTable(csvPath: path) },
                       "\(path): column 'loss', row 2: the cell holds a control character (NUL)")
        let header = try csv("N,lo\u{1B}ss\n1,2\n")
        XCTAssertEqual(message { _ = try FitTable(csvPath: header) }, "\(header): header field 2 holds a control character (U+001B)")
    }

    func testCarriageReturnAloneAndOpenQuoteAreRefused() throws {
        let path = try csv("N,loss\r1,2\r3,4\r")
        XCTAssertEqual(message { _ = try FitTable(csvPath: path) },
                       "\(path): line 1 ends with a carriage return alone; use LF or CRLF line ends")
        XCTAssertEqual(try FitTable.parseCSV("N,loss\r\n1,2\r\n"), [["N", "loss"], ["1", "2"]])
        XCTAssertEqual(message { _ = try FitTable.parseCSV("N,loss\n1,\"2\n3,4\n") }, "the quoted field opened on line 2 is never closed")
    }

    func testHoldoutGroupsScalesThatDifferByRounding() throws {
        // Three compute budgets, four (N, D) points each; the largest budget's products differ
        // by rounding (up to 0.4%), as when D is derived as C/(6N) or written with 3 digits.
        var x: [[Double]] = [], y: [Double] = []
        let law: ([Double]) -> Double = { 1.7 + 400 * pow($0[0], -0.34) + 410 * pow($0[1], -0.28) }
        for (b, budget) in [1e18, 1e19, 1e20].enumerated() {
            for (k, n) in [1e7, 3e7, 1e8, 3e8].enumerated() {
                let wobble = b == 2 ? 1 + 0.001 * Double(k) * (k % 2 == 0 ? 1 : -1) : 1
                let row = [n, budget / n * wobble]
                x.append(row)
                y.append(law(row))
            }
        }
        let data = try FitData(x: x, y: y, inputNames: ["N", "D"])
        XCTAssertEqual(data.scaleGroups(tolerance: 0.05).map(\.count), [4, 4, 4])
        XCTAssertGreaterThanOrEqual(data.scaleGroups(tolerance: 0).count, 6, "exact equality splits the largest budget")
        let h = try Fitter().holdoutLargest(LogLinear(inputs: 2), data: data, scales: 1)
        XCTAssertEqual(h.points.map(\.row), [9, 10, 11, 12])
        XCTAssertEqual(h.fit.pointCount, 8)
        var request = FitRequest(x: ["N", "D"], y: "loss", form: "log-linear")
        request.holdout = .largest(1)
        let t = FitTable(source: "m", header: ["N", "D", "loss"],
                         columns: [.numbers(x.map { $0[0] }), .numbers(x.map { $0[1] }), .numbers(y)])
        guard case .single(let report) = try t.fit(request) else { return XCTFail("expected one report") }
        XCTAssertEqual(report.holdout?.points.count, 4)
        request.scaleTolerance = 0
        guard case .single(let exact) = try t.fit(request) else { return XCTFail("expected one report") }
        XCTAssertEqual(exact.holdout?.points.count, 1, "with no tolerance only the largest product is held out")
    }

    func testAsManyPointsAsParametersAreRefusedAndFewerThanTwiceWarn() throws {
        let law: (Double) -> Double = { 8 * pow($0, -0.3) }
        func fit(_ n: Int) throws -> ScalingFit {
            let xs = Synthetic.logspace(1e3, 1e6, n)
            return try Fitter().fit(PowerLaw(), to: FitData(x: xs.map { [$0] }, y: xs.map(law), inputNames: ["N"]))
        }
        XCTAssertEqual(message { _ = try fit(2) }, "fit.power has 2 parameters but only 2 points were given "
                       + "(need at least 3: as many points as parameters fit any law exactly)")
        XCTAssertEqual(try fit(3).warnings.filter { $0.hasPrefix("only 3 points for 2 parameters (fewer than 4)") }.count, 1)
        XCTAssertTrue(try fit(4).warnings.allSatisfy { !$0.contains("poorly determined") })
        let five = table(header: ["N", "D", "loss"])
        let sub = FitTable(source: "memory", header: five.header, columns: five.columns.map {
            guard case .numbers(let v) = $0 else { return $0 }
            return .numbers(Array(v.prefix(5)))
        })
        XCTAssertTrue(message { _ = try sub.fit(FitRequest(x: ["N", "D"], y: "loss")) }
                        .hasPrefix("fit.chinchilla has 5 parameters but only 5 points were given"))
        // A held-out refit left with too few points is skipped with a warning; the fit stands.
        var holdout = FitRequest(x: ["N"], y: "loss", form: "power")
        holdout.holdout = .largest(5)
        guard case .single(let report) = try table().fit(holdout) else { return XCTFail("expected one report") }
        XCTAssertNil(report.holdout)
        XCTAssertEqual(report.fit.pointCount, 7)
        XCTAssertEqual(report.warnings.last, "held-out check skipped: fit.power has 2 parameters but only 2 points were given "
                       + "(need at least 3: as many points as parameters fit any law exactly)")
    }
}
