import ArgumentParser
import XCTest
@testable import AblateCLI

/// `ablate fit`'s options: a bad flag value is a usage error naming the flag.
final class FitOptionsTests: XCTestCase {
    func usage(_ arguments: [String]) -> String {
        do { _ = try Fit.parse(arguments) } catch { return Fit.message(for: error) }
        XCTFail("expected \(arguments) to be refused")
        return ""
    }

    func testNegativeNumbersNameTheirFlag() {
        let csv = ["--csv", "points.csv", "--x", "N", "--y", "loss"]
        XCTAssertEqual(usage(csv + ["--bootstrap", "-5"]), "--bootstrap must be 0 or more, got -5")
        XCTAssertEqual(usage(csv + ["--drop-highest-y", "-1"]), "--drop-highest-y must be 0 or more")
        XCTAssertEqual(usage(csv + ["--holdout-largest", "-2"]), "--holdout-largest must be at least 1, got -2")
        XCTAssertEqual(usage(csv + ["--holdout-largest", "1", "--holdout-tolerance", "-0.1"]),
                       "--holdout-tolerance must be at least 0 and below 1, got -0.1")
        XCTAssertEqual(usage(csv + ["--compute", "0x10"]), "--compute: '0x10' is not a positive number")
    }

    func testColumnsNamedTwiceOrOutputAsInput() throws {
        XCTAssertEqual(usage(["--csv", "p.csv", "--x", "N,N", "--y", "loss"]),
                       "--x/--y/--flops: x names the column 'N' twice; give each input column once")
        XCTAssertEqual(usage(["--csv", "p.csv", "--x", "N,loss", "--y", "loss"]),
                       "--x/--y/--flops: the output column 'loss' (y) is also an input column (x)")
        XCTAssertEqual(usage(["sw", "--x", "params,params", "--metric", "loss"]),
                       "--x/--y/--flops: x names the column 'params' twice; give each input column once")
        let fine = try Fit.parse(["--csv", "p.csv", "--x", "N,D", "--y", "loss", "--holdout-largest", "1", "--holdout-tolerance", "0.01"])
        XCTAssertEqual(try fine.request().scaleTolerance, 0.01)
    }
}
