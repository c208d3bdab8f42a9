import XCTest
@testable import ScalingLaws

/// Bad input is refused with an error naming the column and row.
final class BadInputTests: XCTestCase {
    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        XCTFail("expected an error")
        return ""
    }

    func testNaNNamesColumnAndRow() {
        let m = message { _ = try FitData(x: [[1], [2], [.nan]], y: [1, 2, 3], inputNames: ["N"]) }
        XCTAssertEqual(m, "column 'N', row 3: value nan is not a finite number")
        let m2 = message { _ = try FitData(x: [[1], [2], [3]], y: [1, .infinity, 3], inputNames: ["N"], outputName: "loss") }
        XCTAssertTrue(m2.hasPrefix("column 'loss', row 2:"), m2)
    }

    func testNonPositiveForLogForm() {
        let m = message {
            _ = try FitData(x: [[1, 5], [2, 0], [3, 1]], y: [1, 2, 3], inputNames: ["N", "D"], rowNumbers: [10, 11, 12])
        }
        XCTAssertEqual(m, "column 'D', row 11: value 0.0 is not positive (the fit takes its logarithm)")
        let m2 = message { _ = try FitData(x: [[1], [2]], y: [1, -2], inputNames: ["x"], outputName: "loss") }
        XCTAssertTrue(m2.contains("column 'loss', row 2") && m2.contains("not positive"), m2)
    }

    func testFewerPointsThanParameters() throws {
        let data = try FitData(x: [[1, 1], [2, 3], [4, 2], [5, 9]], y: [4, 3, 2.5, 2], inputNames: ["N", "D"])
        let m = message { _ = try Fitter().fit(ChinchillaLaw(), to: data) }
        XCTAssertEqual(m, "fit.chinchilla has 5 parameters but only 4 points were given (need at least 6: as many points as parameters fit any law exactly)")
        let one = try FitData(x: [[1]], y: [1], inputNames: ["x"])
        XCTAssertTrue(message { _ = try Fitter().fit(PowerLaw(), to: one) }.contains("only 1 point was given"))
    }

    func testWrongNumberOfInputs() throws {
        let data = try FitData(x: [[1], [2], [3], [4], [5], [6]], y: [6, 5, 4, 3, 2, 1], inputNames: ["N"])
        XCTAssertEqual(message { _ = try Fitter().fit(ChinchillaLaw(), to: data) },
                       "fit.chinchilla takes 2 input columns, got 1")
    }
}
