import XCTest
import NN

final class InternalsAverageTests: XCTestCase {
    /// Each statistic averages over the passes that defined it; taking empties the average.
    func testMeansOverDefinedPassesThenResets() {
        var average = InternalsAverage()
        average.add("moe.load_cv", 1)
        average.add("moe.load_cv", 2)
        average.add("decay.half_life", nil)
        average.add("decay.half_life", .infinity)
        average.add("decay.half_life", 8)
        XCTAssertEqual(average.take(), ["moe.load_cv": 1.5, "decay.half_life": 8])
        XCTAssertEqual(average.take(), [:])
    }
}
