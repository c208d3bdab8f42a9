import Foundation
import XCTest

/// `suites/quickstart.yaml`, shrunk by command-line overrides, runs end to end into a temporary
/// store, and `ablate report` renders it: every section a newcomer reads, every figure, the
/// same bytes twice.
final class QuickstartReportTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try temporaryFolder(self, prefix: "ablate-quickstart")
    }

    func run(_ binary: String, _ arguments: [String]) throws -> String { try runAblate(binary, arguments, in: folder) }

    func testTheQuickstartRunsAndItsReportRenders() throws {
        guard let ablate = ablateBinary() else { throw XCTSkip("the ablate binary is not built next to the tests") }
        let suite = repositoryRoot.appendingPathComponent("suites/quickstart.yaml").path
        let store = folder.appendingPathComponent("store.sqlite").path
        // The real suite at a fraction of its work: widths 16 and 64, one seed, 30 steps (tuning
        // trials first, 4 or more per configuration).
        let log = try run(ablate, ["run", suite, "training.steps=30", "training.eval_every=10", "model.width=16,64", "sweep.seeds=1",
                                   "task.params.train_examples=500", "--store", store, "--jobs", "2"])
        XCTAssertTrue(log.contains("tuning round 1: 48 tuning trial(s)"), log)
        XCTAssertTrue(log.contains("== claims =="), log)
        XCTAssertTrue(log.contains("without a norm the widest model is worse"), log)

        let out = folder.appendingPathComponent("reports")
        _ = try run(ablate, ["report", "quickstart", "--store", store, "--out", out.path])
        let reportFolder = out.appendingPathComponent("quickstart/quickstart")
        let markdown = reportFolder.appendingPathComponent("report.md")
        let text = try String(contentsOf: markdown, encoding: .utf8)
        for section in ["## Summary", "12 planned; 12 done", "## Claims", "## Tuning", "## Overview", "## Compression", "`quant.int8`",
                        "`prune.nm>quant.int4`", "## Scaling-law fits", "model.norm=norm.layernorm", "model.norm=norm.rmsnorm",
                        "model.norm=norm.none", "## Pareto set", "## Figures", "## Results by configuration",
                        "## Provenance", "ablate report quickstart"] {
            XCTAssertTrue(text.contains(section), "the report lacks \(section)")
        }
        XCTAssertNil(text.range(of: #"\b(nan|inf)\b"#, options: [.regularExpression, .caseInsensitive]), "the report shows a non-finite number")

        // Every figure the report shows exists; rendered as SVG when gnuplot is installed.
        let images = text.components(separatedBy: "](figures/").dropFirst().map { String($0.prefix { $0 != ")" }) }
        XCTAssertGreaterThanOrEqual(images.count, 4, "scaling, two Pareto fronts and training curves at least")
        if text.contains("Figures not rendered") {
            XCTAssertTrue(images.isEmpty)
        } else {
            for image in images {
                let svg = try String(contentsOf: reportFolder.appendingPathComponent("figures/\(image)"), encoding: .utf8)
                XCTAssertTrue(svg.contains("<svg"), "\(image) is not an SVG")
            }
        }

        // The same store gives the same bytes.
        _ = try run(ablate, ["report", "quickstart", "--store", store, "--out", out.path])
        XCTAssertEqual(try String(contentsOf: markdown, encoding: .utf8), text)
    }
}
