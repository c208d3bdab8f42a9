import XCTest
@testable import ScalingLaws

/// Held-out extrapolation: on the BNSL 4-digit-addition data a broken power law predicts the
/// largest sizes far better than a single power law; the held-out machinery splits correctly.
final class ExtrapolationTests: XCTestCase {
    func testBrokenPowerLawExtrapolatesBetterOnBNSLData() throws {
        guard let path = Synthetic.sharedFile("bnsl_4_digit_addition.csv") else {
            throw XCTSkip("../shared/data/scaling/bnsl_4_digit_addition.csv is absent; skipping the BNSL check")
        }
        let (header, rows) = try Synthetic.readCSV(path)
        let ix = header.firstIndex(of: "training_dataset_size")!, iy = header.firstIndex(of: "test_cross_entropy")!
        let isplit = header.firstIndex(of: "split")!
        let data = try FitData(x: rows.map { [Double($0[ix])!] }, y: rows.map { Double($0[iy])! },
                               inputNames: ["size"], outputName: "loss")
        let mask = rows.map { $0[isplit] == "extrapolate" }
        XCTAssertEqual(mask.filter { $0 }.count, 3)
        let fitter = Fitter()
        let broken = try fitter.holdout(BrokenPowerLaw(), data: data, heldOut: mask, selection: "split=extrapolate")
        let power = try fitter.holdout(PowerLaw(), data: data, heldOut: mask, selection: "split=extrapolate")
        let saturating = try fitter.holdout(SaturatingPowerLaw(), data: data, heldOut: mask, selection: "split=extrapolate")
        XCTAssertEqual(broken.points.map(\.row), [15, 16, 17])
        XCTAssertLessThan(broken.rmsLogError * 5, power.rmsLogError,
                          "broken \(broken.rmsLogError) vs power \(power.rmsLogError)")
        XCTAssertLessThan(broken.rmsLogError * 5, saturating.rmsLogError,
                          "broken \(broken.rmsLogError) vs saturating \(saturating.rmsLogError)")
        XCTAssertLessThan(broken.meanAbsoluteRelativeError, 0.15)
        // The same split by "largest 3 scales".
        let largest = try fitter.holdoutLargest(BrokenPowerLaw(), data: data, scales: 3)
        XCTAssertEqual(largest.points.map(\.row), [15, 16, 17])
        XCTAssertEqual(largest.rmsLogError, broken.rmsLogError, accuracy: 1e-9)
    }

    func testHoldoutOfSyntheticSaturatingLawIsAccurate() throws {
        let xs = Synthetic.logspace(100, 1e6, 12).map { [$0] }
        let data = try Synthetic.data(SaturatingPowerLaw(), [log(30), log(1.5), 0.4], xs: xs, names: ["x"])
        let h = try Fitter().holdoutLargest(SaturatingPowerLaw(), data: data, scales: 2)
        XCTAssertEqual(h.points.count, 2)
        XCTAssertEqual(h.fit.pointCount, 10)
        XCTAssertLessThan(h.maxAbsoluteRelativeError, 1e-6)
    }

    func testHoldoutNeedsPointsOnBothSides() throws {
        let data = try FitData(x: [[1], [1], [1]], y: [1, 2, 3], inputNames: ["x"])
        XCTAssertThrowsError(try Fitter().holdoutLargest(PowerLaw(), data: data, scales: 1)) { e in
            XCTAssertTrue("\(e)".contains("only 1 distinct scale"), "\(e)")
        }
    }
}
