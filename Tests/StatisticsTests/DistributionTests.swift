import XCTest
import Statistics

/// Student's t and the normal distribution against scipy.
final class DistributionTests: XCTestCase {
    func testStudentT() {
        // python3 -c "from scipy import stats; print(stats.t.cdf(1.5, 4), stats.t.cdf(-2.3, 7.5), stats.t.ppf(0.975, 4), stats.t.ppf(0.05, 12.3), 2*stats.t.sf(2.1, 9))"
        XCTAssertEqual(StudentT.cdf(1.5, df: 4), 0.896, accuracy: 1e-12)
        XCTAssertEqual(StudentT.cdf(-2.3, df: 7.5), 0.026286448052184542, accuracy: 1e-12)
        XCTAssertEqual(StudentT.quantile(0.975, df: 4), 2.7764451051977934, accuracy: 1e-10)
        XCTAssertEqual(StudentT.quantile(0.05, df: 12.3), -1.7786725462382353, accuracy: 1e-10)
        XCTAssertEqual(StudentT.twoSidedP(2.1, df: 9), 0.06511828241215196, accuracy: 1e-12)
        XCTAssertEqual(StudentT.twoSidedP(-2.1, df: 9), 0.06511828241215196, accuracy: 1e-12)
    }

    func testNormal() {
        // python3 -c "from scipy import stats; print(stats.norm.cdf(1.2), stats.norm.cdf(-0.7), stats.norm.ppf(0.975), stats.norm.ppf(0.01))"
        XCTAssertEqual(Normal.cdf(1.2), 0.8849303297782918, accuracy: 1e-14)
        XCTAssertEqual(Normal.cdf(-0.7), 0.24196365222307303, accuracy: 1e-14)
        XCTAssertEqual(Normal.quantile(0.975), 1.959963984540054, accuracy: 1e-12)
        XCTAssertEqual(Normal.quantile(0.01), -2.3263478740408408, accuracy: 1e-12)
    }

    func testStudentMeanInterval() throws {
        // python3 -c "import numpy as np; from scipy import stats; x=np.array([4.1, 5.3, 3.8, 6.0, 5.1]); print(stats.t.interval(0.95, len(x)-1, loc=x.mean(), scale=stats.sem(x)))"
        let i = try XCTUnwrap(StudentT.meanInterval([4.1, 5.3, 3.8, 6.0, 5.1], level: 0.95))
        XCTAssertEqual(i.low, 3.740434874227521, accuracy: 1e-10)
        XCTAssertEqual(i.high, 5.979565125772478, accuracy: 1e-10)
        XCTAssertNil(StudentT.meanInterval([4.1], level: 0.95))
    }
}
