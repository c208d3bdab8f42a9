import XCTest
import Statistics

/// Mean, spread and quantiles against numpy.
final class DescriptiveTests: XCTestCase {
    let x = [7.0, 1.5, 3.2, 9.9, 4.4, 2.8, 6.1]

    func testQuantilesMatchNumpy() {
        // python3 -c "import numpy as np; print(np.quantile([7.0, 1.5, 3.2, 9.9, 4.4, 2.8, 6.1], [0, 0.1, 0.25, 0.5, 0.9, 1]).tolist())"
        let expected = [1.5, 2.2800000000000002, 3.0, 4.4, 8.160000000000002, 9.9]
        for (q, e) in zip([0, 0.1, 0.25, 0.5, 0.9, 1], expected) {
            XCTAssertEqual(Descriptive.quantile(sorted: x.sorted(), q), e, accuracy: 1e-12, "q = \(q)")
        }
        XCTAssertTrue(Descriptive.quantile(sorted: [], 0.5).isNaN)
    }

    func testMeanMedianStandardDeviation() {
        // python3 -c "import numpy as np; x=[7.0, 1.5, 3.2, 9.9, 4.4, 2.8, 6.1]; print(np.median(x), np.mean(x), np.std(x, ddof=1), np.median([4.0, 1.0, 3.0, 2.5]))"
        XCTAssertEqual(Descriptive.median(x), 4.4)
        XCTAssertEqual(Descriptive.mean(x), 4.985714285714286, accuracy: 1e-12)
        XCTAssertEqual(Descriptive.standardDeviation(x), 2.884110822783209, accuracy: 1e-12)
        XCTAssertEqual(Descriptive.median([4.0, 1.0, 3.0, 2.5]), 2.75)
        XCTAssertTrue(Descriptive.mean([]).isNaN)
        XCTAssertTrue(Descriptive.median([]).isNaN)
        XCTAssertTrue(Descriptive.standardDeviation([3]).isNaN)
    }

    func testMedianAbsoluteDeviation() {
        // python3 -c "import numpy as np; x=np.array([7.0, 1.5, 3.2, 9.9, 4.4, 2.8, 6.1]); print(np.median(abs(x - np.median(x))))"
        XCTAssertEqual(Descriptive.medianAbsoluteDeviation(x), 1.6999999999999993, accuracy: 1e-12)
    }

    func testIntervalAndSplitMix() {
        let i = Interval(low: 1, high: 3)
        XCTAssertTrue(i.contains(1) && i.contains(3) && !i.contains(3.5))
        XCTAssertEqual(i.width, 2)
        // The stream is fixed: the first outputs for seed 0 of the reference splitmix64.c (Vigna).
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual(rng.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(rng.next(), 0x6E78_9E6A_A1B9_65F4)
        for n in [1, 2, 7, 1000] { XCTAssertTrue((0..<n).contains(rng.below(n))) }
    }
}
