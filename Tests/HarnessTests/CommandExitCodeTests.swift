import Foundation
import XCTest

/// Commands refuse bad input with the documented exit codes (README: 64 usage, 65 bad data).
final class CommandExitCodeTests: XCTestCase {
    private func exitStatus(_ arguments: [String], in folder: URL) throws -> (Int32, String) {
        guard let exe = ablateBinary() else { throw XCTSkip("the ablate binary is not built") }
        return try runAblateStatus(exe, arguments, in: folder)
    }

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// `status` on a file that is not a store exits 65 like the other commands (it exited 1).
    func testStatusOnAFileThatIsNotAStoreExits65() throws {
        let dir = try folder()
        try Data("not a database, just text\n".utf8).write(to: dir.appendingPathComponent("bad.sqlite"))
        let (status, text) = try exitStatus(["status", "--store", "bad.sqlite"], in: dir)
        XCTAssertEqual(status, 65, text)
        XCTAssertTrue(text.contains("error:"), text)
    }

    /// `--timeout nan` is a usage error, not "no timeout".
    func testNonFiniteTimeoutIsRefused() throws {
        let dir = try folder()
        let suite = try tinySuite(dir)
        for value in ["nan", "inf", "0", "-1"] {
            let (status, text) = try exitStatus(["run", suite, "--timeout", value, "--dry-run"], in: dir)
            XCTAssertEqual(status, 64, "--timeout \(value): \(text)")
            XCTAssertTrue(text.contains("--timeout"), text)
        }
    }
}
