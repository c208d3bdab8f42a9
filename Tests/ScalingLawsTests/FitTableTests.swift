import Foundation
import XCTest
@testable import ScalingLaws

/// `FitTable`: CSV tables and in-memory columns fitted by one typed `FitRequest`.
final class FitTableTests: XCTestCase {
    /// Two variants on known power laws: y = 8·N^-0.3 (a) and 20·N^-0.36 (b), cross at N ≈ 4.4e6.
    func table() -> FitTable {
        let sizes = Synthetic.logspace(1e4, 1e7, 7)
        let n = sizes + sizes, variant = sizes.map { _ in "a" } + sizes.map { _ in "b" }
        let y = sizes.map { 8 * pow($0, -0.3) } + sizes.map { 20 * pow($0, -0.36) }
        return FitTable(source: "memory", header: ["N", "loss", "variant"], columns: [.numbers(n), .numbers(y), .text(variant)])
    }

    func testCSVQuotingAndCellErrors() throws {
        XCTAssertEqual(try FitTable.parseCSV("a,\"b,c\",\"d\"\"e\"\r\n1,2,3\n"), [["a", "b,c", "d\"e"], ["1", "2", "3"]])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fit-table-\(UUID().uuidString).csv").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        try Data("N, loss\n1, 2\nx,3\n".utf8).write(to: URL(fileURLWithPath: path))
        let t = try FitTable(csvPath: path)
        XCTAssertEqual(t.header, ["N", "loss"])
        XCTAssertEqual(try t.numbers("loss"), [2, 3])
        XCTAssertThrowsError(try t.numbers("N")) { XCTAssertEqual($0 as? FitInputError, FitInputError("\(path): column 'N', row 2: 'x' is not a decimal number")) }
        XCTAssertThrowsError(try t.numbers("y")) { XCTAssertEqual($0 as? FitInputError, FitInputError("\(path): no column 'y'; the columns are 'N', 'loss'")) }
        XCTAssertEqual(try FitTable(source: "m", header: ["x"], columns: [.numbers([1.5])]).strings("x"), ["1.5"])
    }

    func testOneFitAndAHeldOutCheck() throws {
        var request = FitRequest(x: ["N"], y: "loss", form: "power")
        request.holdout = .matching(column: "variant", value: "b")
        guard case .single(let report) = try table().fit(request) else { return XCTFail("expected one report") }
        XCTAssertEqual(report.fit.pointCount, 14)
        XCTAssertEqual(report.source, "memory")
        XCTAssertEqual(report.holdout?.selection, "variant=b")
        XCTAssertEqual(report.holdout?.points.count, 7)
    }

    func testByVariantFitsEachAndFindsTheCrossover() throws {
        var request = FitRequest(x: ["N"], y: "loss", form: "power")
        request.by = "variant"
        request.dropHighestY = 1
        guard case .variants(let v) = try table().fit(request) else { return XCTFail("expected variants") }
        XCTAssertEqual(v.variants.map(\.value), ["a", "b"])
        XCTAssertEqual(v.variants.map(\.report.fit.pointCount), [7, 6], "the highest y (b at the smallest N) is dropped")
        XCTAssertEqual(v.variants[1].report.source, "memory [variant = b]")
        XCTAssertEqual(try XCTUnwrap(v.variants[0].report.fit.parameters.first { $0.name == "alpha" }).value, 0.3, accuracy: 1e-6)
        let crossing = try XCTUnwrap(v.crossovers.first?.crossover.estimate)
        XCTAssertEqual(crossing, pow(2.5, 1 / 0.06), accuracy: 0.01 * pow(2.5, 1 / 0.06))
        XCTAssertEqual(v.lower, 1e3, accuracy: 1e-9)
        XCTAssertTrue(FitOutput.variants(v).text.hasPrefix("== variant = a =="))
    }

    func testBadRequestsNameTheSource() {
        XCTAssertThrowsError(try table().fit(FitRequest(x: ["N"], y: "loss", form: "nope")))
        var drop = FitRequest(x: ["N"], y: "loss")
        drop.dropHighestY = 14
        XCTAssertThrowsError(try table().fit(drop)) {
            XCTAssertEqual($0 as? FitInputError, FitInputError("memory: --drop-highest-y 14 leaves no rows (the file has 14)"))
        }
    }
}
