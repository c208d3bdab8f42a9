import Foundation
import XCTest
@testable import Harness

/// Every suite shipped in `suites/` loads, validates against the registry and the task catalogue,
/// and plans at least one trial: the test form of `ablate run suites/X.yaml --dry-run` on each.
final class SuiteFilesTests: XCTestCase {
    /// The repository's `suites/` folder.
    static var suitesFolder: URL { repositoryRoot.appendingPathComponent("suites", isDirectory: true) }

    /// The suite files, sorted by name.
    static func suiteFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: suitesFolder, includingPropertiesForKeys: nil)
            .filter { ["yaml", "yml"].contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func testTheSuitesFolderHoldsTheShippedSuites() throws {
        let names = Set(try Self.suiteFiles().map(\.lastPathComponent))
        XCTAssertTrue(names.contains("quickstart.yaml"), "suites/ in \(Self.suitesFolder.path): \(names.sorted())")
    }

    func testEverySuiteLoadsValidatesAndPlans() throws {
        let files = try Self.suiteFiles()
        XCTAssertFalse(files.isEmpty, "no suite files in \(Self.suitesFolder.path)")
        var names: [String: String] = [:]
        for file in files {
            do {
                let suite = try Suite.load(path: file.path)
                let plan = try SweepPlanner.plan(suite)
                XCTAssertGreaterThan(plan.trials.count, 0, "\(file.lastPathComponent) plans no trials")
                XCTAssertEqual(Set(plan.trials.map(\.key)).count, plan.trials.count,
                               "\(file.lastPathComponent): two trials share a content key")
                if let other = names[suite.name] {
                    XCTFail("\(file.lastPathComponent) and \(other) share the suite name '\(suite.name)' (and so the sweep id)")
                }
                names[suite.name] = file.lastPathComponent
            } catch let e as SuiteError {
                XCTFail("\(file.lastPathComponent): \(e)")
            }
        }
    }
}
