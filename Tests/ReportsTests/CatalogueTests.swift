import Foundation
import Tasks
import Variants
import XCTest
@testable import Reports

/// `docs/catalogue.md` is the output of `ablate list catalogue`: regenerated here in-process and
/// compared with the committed file, so a registry change without `make catalogue` fails.
final class CatalogueTests: XCTestCase {
    /// The committed catalogue, found from this file's path (Tests/ReportsTests/…).
    static let committedFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/catalogue.md")

    func committed() throws -> String {
        do {
            return try String(contentsOf: Self.committedFile, encoding: .utf8)
        } catch {
            XCTFail("cannot read \(Self.committedFile.path) (\(error)); run `make catalogue`")
            throw error
        }
    }

    func testTheCommittedCatalogueIsCurrent() throws {
        let committed = try committed(), generated = Catalogue.markdown()
        guard committed != generated else { return }
        // Name the first differing line: the whole document would bury it.
        let old = committed.components(separatedBy: "\n"), new = generated.components(separatedBy: "\n")
        let line = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        let was = line < old.count ? old[line] : "(end of file)", now = line < new.count ? new[line] : "(end of file)"
        XCTFail("docs/catalogue.md is stale; run `make catalogue`. First difference at line \(line + 1):\n"
                + "  committed: \(was)\n  generated: \(now)")
    }

    /// Every built-in variant and task has exactly one table row (registered-by-tests
    /// variants, if any, are deliberately not in the file).
    func testEveryIdHasOneRow() throws {
        let lines = try committed().components(separatedBy: "\n")
        for id in Registry.builtIn.map(\.id) + TaskCatalog.ids {
            let rows = lines.filter { $0.hasPrefix("| `\(id)` |") }.count
            XCTAssertEqual(rows, 1, "\(id) has \(rows) rows in docs/catalogue.md; run `make catalogue`")
        }
    }

    func testTheOutputIsStableAndInRegistryOrder() {
        let text = Catalogue.markdown()
        XCTAssertEqual(text, Catalogue.markdown())
        let ids = Registry.builtIn.map(\.id) + TaskCatalog.ids
        let positions = ids.map { text.range(of: "| `\($0)` |")?.lowerBound }
        XCTAssertFalse(positions.contains(nil))
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
    }

    /// A `|` or a newline in registry text must not break the table.
    func testCellsAreEscapedAndOnOneLine() {
        let odd = VariantDescriptor(
            id: "arch.odd", summary: "a | b\nc", paper: "P", parameters: [.string("mode", default: "", "m"),
                                                                        .int("k", default: 3, in: 1...9, unit: "bits", "k")],
            realCost: "none", factory: .architecture)
        let text = Catalogue.variantsMarkdown([odd])
        let row = text.components(separatedBy: "\n").first { $0.hasPrefix("| `arch.odd` |") }
        XCTAssertEqual(row, "| `arch.odd` | a \\| b\\nc | `mode=\"\"`, `k=3` bits | P | none |")
        XCTAssertTrue(text.contains("### `arch.*`\n\n\(VariantFamily.arch.summary)\n"), text)
    }
}
