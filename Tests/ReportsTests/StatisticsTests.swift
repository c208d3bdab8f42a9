import XCTest
@testable import Reports
import Statistics

/// The distribution functions and tests against published values.
final class StatisticsTests: XCTestCase {
    func testQuantilesMatchTables() {
        XCTAssertEqual(Normal.quantile(0.975), 1.959964, accuracy: 1e-6)
        XCTAssertEqual(StudentT.quantile(0.975, df: 2), 4.302653, accuracy: 1e-5)
        XCTAssertEqual(StudentT.quantile(0.975, df: 10), 2.228139, accuracy: 1e-5)
        XCTAssertEqual(StudentT.twoSidedP(2.228139, df: 10), 0.05, accuracy: 1e-6)
        XCTAssertEqual(StudentT.cdf(0, df: 3), 0.5, accuracy: 1e-12)
    }

    func testBenjaminiHochberg() {
        let q = BenjaminiHochberg.adjust([0.01, 0.04, 0.03, 0.005, nil])
        XCTAssertEqual(q[0]!, 0.02, accuracy: 1e-12)
        XCTAssertEqual(q[1]!, 0.04, accuracy: 1e-12)
        XCTAssertEqual(q[2]!, 0.04, accuracy: 1e-12)
        XCTAssertEqual(q[3]!, 0.02, accuracy: 1e-12)
        XCTAssertNil(q[4])
    }

    func testMannWhitneyAndWelch() {
        // Fully separated samples of 10 each: exact two-sided p ≈ 1.1e-5, the normal approximation ≈ 1.8e-4.
        let p = MannWhitney.pValue((0..<10).map(Double.init), (10..<20).map(Double.init))
        XCTAssertLessThan(p, 3e-4)
        XCTAssertEqual(MannWhitney.pValue([1, 2, 3], [1, 2, 3]), 1, accuracy: 1e-12)
        // Welch on two groups with known t = -3 / sqrt(2/3 + 2/3)·… checked against the textbook formula.
        let w = WelchTest.run(baseline: Sample([1, 2, 3]), candidate: Sample([4, 5, 6]))
        XCTAssertEqual(w.change, 1.5, accuracy: 1e-12)
        XCTAssertEqual(w.p!, StudentT.twoSidedP(3 / (2.0 / 3).squareRoot(), df: 4), accuracy: 1e-12)
        XCTAssertEqual(WelchTest.run(baseline: Sample([2, 2]), candidate: Sample([2, 2])).p, 1)
    }

    func testNumberFormatIsFixed() {
        XCTAssertEqual(NumberFormat.short(0.123456), "0.1235")
        XCTAssertEqual(NumberFormat.short(108520), "108520")
        XCTAssertEqual(NumberFormat.short(3.3e-5), "3.300e-05")
        XCTAssertEqual(NumberFormat.percent(0.1012), "+10.12%")
    }
}
