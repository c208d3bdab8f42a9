import Foundation
import XCTest

/// `ablate-plus run suite.yaml` end to end: the runner's trial child processes are
/// ablate-plus too, so the ScaleNorm trials train and land in the store.
final class SuiteRunTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-plus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The ablate-plus binary built next to this test bundle.
    func binary() throws -> URL {
        let besideBundle = [URL(fileURLWithPath: CommandLine.arguments[0]), Bundle(for: Self.self).bundleURL]
            .map { $0.deletingLastPathComponent().appendingPathComponent("ablate-plus") }
        return try XCTUnwrap(besideBundle.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                             "ablate-plus is not built next to the tests (swift build --build-tests first)")
    }

    /// Runs ablate-plus with `arguments`; returns its exit status and standard output.
    func ablatePlus(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        // Read before waiting: a full pipe would block the child.
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    func testSuiteWithScaleNormRunsIntoTheStore() throws {
        let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("suite.yaml").path
        let store = folder.appendingPathComponent("store.sqlite").path
        let run = try ablatePlus(["run", suite, "--store", store, "--jobs", "2"])
        XCTAssertEqual(run.status, 0, run.output)

        let export = try ablatePlus(["export", "scalenorm", "--store", store, "--format", "jsonl"])
        XCTAssertEqual(export.status, 0, export.output)
        let rows = try export.output.split(separator: "\n").map {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(Set(rows.compactMap { $0["trial"] as? String }).count, 4)
        XCTAssertTrue(rows.allSatisfy { $0["status"] as? String == "done" }, "\(rows.map { $0["status"] ?? "?" })")
        XCTAssertEqual(Set(rows.compactMap { $0["axis.model.norm"] as? String }), ["norm.rmsnorm", "norm.scalenorm"])
        func select(_ norm: String, stage: String) -> [[String: Any]] {
            rows.filter { $0["axis.model.norm"] as? String == norm && $0["stage"] as? String == stage }
        }
        XCTAssertEqual(select("norm.scalenorm", stage: "train").compactMap { $0["steps"] as? Double }, [100, 100])
        // Five norms (two per block, one final), each with one gain instead of 32.
        let rms = select("norm.rmsnorm", stage: "eval").compactMap { $0["params"] as? Double }
        let scale = select("norm.scalenorm", stage: "eval").compactMap { $0["params"] as? Double }
        XCTAssertEqual(scale.count, 2)
        XCTAssertEqual(zip(rms, scale).map { $0 - $1 }, [5 * 31, 5 * 31])
    }
}
