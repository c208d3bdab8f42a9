import ArgumentParser
import Foundation
import GRDB
import Harness
import XCTest
import ScalingLaws
@testable import AblateCLI
@testable import Store

/// `ablate fit SWEEP`: points read from a store whose finished trials follow a known power law.
final class SweepFitTests: XCTestCase {
    /// Records sweep `id` and finishes its trials: for each variant (norm, A, alpha), sizes N and seeds,
    /// eval.loss = A·N^-alpha·(1 + noise of the seed), eval.params = N, train.tokens = 1e6.
    func makeSweep(_ store: Store, id: String, variants: [(String, Double, Double)], sizes: [Double],
                   seeds: Int, finish: Int? = nil) throws {
        var planned: [PlannedTrial] = []
        var loss: [String: Double] = [:]
        var params: [String: Double] = [:]
        for (norm, a, alpha) in variants {
            for n in sizes {
                for s in 0..<seeds {
                    let key = "\(id)-\(norm)-\(Int(n))-\(s)"
                    // A variant as the planner resolves it: its id and parameters.
                    let spec = "{\"model\":{\"norm\":{\"id\":\"\(norm)\",\"params\":{\"eps\":1e-5}},\"width\":\(Int(n))},\"seed\":\(s)}"
                    planned.append(PlannedTrial(key: key, spec: spec, seed: s, position: planned.count))
                    // A deterministic ±0.3 % perturbation per seed and size.
                    let noise = 0.003 * sin(Double(s) * 2.1 + log(n) * 1.7)
                    loss[key] = a * pow(n, -alpha) * (1 + noise)
                    params[key] = n
                }
            }
        }
        try store.recordSweep(id: id, suite: id, description: "", suiteText: "", trials: planned, provenance: "{}")
        for _ in 0..<(finish ?? planned.count) {
            let t = try XCTUnwrap(try store.claim(sweep: id, worker: "w"))
            try store.complete(key: t.key, worker: "w", outcome: TrialOutcome(status: .done, metrics: [
                Metric(stage: "eval", name: "loss", value: loss[t.key]!, unit: "nats/token"),
                Metric(stage: "eval", name: "params", value: params[t.key]!, unit: "parameters"),
                Metric(stage: "eval", name: "flops_per_token", value: 2 * params[t.key]!, unit: "FLOPs"),
                Metric(stage: "train", name: "tokens", value: 1e6, unit: "tokens"),
                Metric(stage: "train", name: "final_loss", value: 9, unit: "nats/token"),
            ]))
        }
    }

    let sizes: [Double] = [1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7]

    func testRecoversTheExponentAndSavesTheFit() throws {
        let store = try temporaryStore(self)
        try makeSweep(store, id: "sw", variants: [("rms", 8, 0.3)], sizes: sizes, seeds: 3)
        let request = try Fit.parse(["sw", "--metric", "loss", "--x", "params", "--form", "power", "--bootstrap", "40",
                                     "--holdout-largest", "1", "--store", store.path]).request()
        let output = try SweepFit.fit(request, sweep: "sw", store: store)
        guard case .single(let report) = output else { return XCTFail("expected one report") }
        XCTAssertEqual(report.fit.pointCount, 21)
        XCTAssertEqual(report.output, "eval.loss")
        let alpha = try XCTUnwrap(report.fit.parameters.first { $0.name == "alpha" }).value
        XCTAssertEqual(alpha, 0.3, accuracy: 0.005)
        XCTAssertEqual(report.bootstrap?.unit, "groups", "the bootstrap resamples seeds")
        XCTAssertNotNil(report.holdout)

        let ids = try SweepFit.save(output, by: request.by, sweep: "sw", store: store)
        let rows = try store.fits(sweep: "sw")
        XCTAssertEqual(rows.map(\.id), ids)
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row.form, report.fit.form)
        XCTAssertEqual(row.x, "params")
        XCTAssertEqual(row.y, "eval.loss")
        XCTAssertEqual(row.points, 21)
        XCTAssertEqual(row.byKey, "")
        XCTAssertEqual(try XCTUnwrap(row.objective), report.fit.objective, accuracy: 1e-12)
        XCTAssertNotNil(row.heldoutError)
        let parameters = try JSONDecoder().decode([String: Double].self, from: Data(row.parameters.utf8))
        XCTAssertEqual(try XCTUnwrap(parameters["alpha"]), alpha, accuracy: 1e-12)
        let se = try JSONDecoder().decode([String: Double].self, from: Data(row.standardErrors.utf8))
        XCTAssertGreaterThan(try XCTUnwrap(se["alpha"]), 0)
        let intervals = try JSONDecoder().decode([String: [Double]].self, from: Data(row.intervals.utf8))
        let interval = try XCTUnwrap(intervals["alpha"])
        XCTAssertLessThan(interval[0], interval[1])
        XCTAssertTrue(row.report.contains("\"pointCount\":21"), row.report)
    }

    func testByVariantFitsEachAndFindsTheCrossover() throws {
        let store = try temporaryStore(self)
        // 8·N^-0.3 = 20·N^-0.36 at N = 2.5^(1/0.06) ≈ 4.4e6.
        try makeSweep(store, id: "sw", variants: [("rms", 8, 0.3), ("layer", 20, 0.36)], sizes: sizes, seeds: 2)
        let request = try Fit.parse(["sw", "--metric", "eval.loss", "--x", "params", "--form", "power", "--by", "model.norm",
                                     "--bootstrap", "30", "--store", store.path]).request()
        let output = try SweepFit.fit(request, sweep: "sw", store: store)
        guard case .variants(let v) = output else { return XCTFail("expected variants") }
        XCTAssertEqual(v.variants.map(\.value), ["rms", "layer"])
        let alphas = v.variants.map { $0.report.fit.parameters.first { $0.name == "alpha" }!.value }
        XCTAssertEqual(alphas[0], 0.3, accuracy: 0.005)
        XCTAssertEqual(alphas[1], 0.36, accuracy: 0.005)
        let crossing = try XCTUnwrap(v.crossovers.first?.crossover.estimate)
        XCTAssertEqual(log10(crossing), log10(pow(2.5, 1 / 0.06)), accuracy: 0.3)
        _ = try SweepFit.save(output, by: request.by, sweep: "sw", store: store)
        let rows = try store.fits(sweep: "sw")
        XCTAssertEqual(rows.map(\.byValue), ["rms", "layer"])
        XCTAssertEqual(Set(rows.map(\.byKey)), ["model.norm"])
        XCTAssertEqual(rows.map(\.points), [14, 14])
    }

    func testTokensAndFlopsAxesComeFromTheRecordedMetrics() throws {
        let store = try temporaryStore(self)
        try makeSweep(store, id: "sw", variants: [("rms", 8, 0.3)], sizes: sizes, seeds: 1)
        let built = try SweepFit.points(store: store, sweep: "sw", metric: "final_loss", x: ["params", "flops"], by: nil)
        XCTAssertEqual(built.yColumn, "train.final_loss")
        XCTAssertEqual(try built.table.numbers("flops"), sizes.map { 3 * 2 * $0 * 1e6 })
        XCTAssertEqual(try built.table.strings("seed"), Array(repeating: "0", count: sizes.count))
        // A numeric spec key serves as x too.
        let bySpec = try SweepFit.points(store: store, sweep: "sw", metric: "loss", x: ["model.width"], by: nil)
        XCTAssertEqual(try bySpec.table.numbers("model.width"), sizes)
    }

    func testBadInputGetsAClearError() throws {
        let store = try temporaryStore(self)
        try makeSweep(store, id: "sw", variants: [("rms", 8, 0.3)], sizes: sizes, seeds: 1)
        try makeSweep(store, id: "few", variants: [("rms", 8, 0.3)], sizes: sizes, seeds: 1, finish: 1)
        func problem(_ args: [String]) -> String {
            do {
                _ = try SweepFit.fit(try Fit.parse(args + ["--store", store.path]).request(), sweep: args[0], store: store)
                XCTFail("expected an error for \(args)")
                return ""
            } catch let e as FitInputError {
                return e.description
            } catch {
                XCTFail("unexpected \(error)")
                return ""
            }
        }
        XCTAssertTrue(problem(["nope", "--metric", "loss", "--x", "params"]).contains("no sweep 'nope' in the store; it holds:"))
        let absent = problem(["sw", "--metric", "accuracy", "--x", "params"])
        XCTAssertTrue(absent.contains("no finished trial records the metric 'accuracy'"), absent)
        XCTAssertTrue(absent.contains("eval.loss"), absent)
        let few = problem(["few", "--metric", "loss", "--x", "params", "--form", "power"])
        XCTAssertTrue(few.contains("1 finished trial with eval.loss and params (of 7 planned, 1 done)"), few)
        XCTAssertTrue(few.contains("needs more points than that"), few)
        XCTAssertTrue(problem(["sw", "--metric", "loss", "--x", "params", "--by", "model.nope"]).contains("no key 'model.nope'"))
        // Exactly one of SWEEP and --csv.
        XCTAssertThrowsError(try Fit.parse(["sw", "--csv", "a.csv", "--metric", "loss", "--x", "params"]))
        XCTAssertThrowsError(try Fit.parse(["--metric", "loss", "--x", "params"]))
        XCTAssertThrowsError(try Fit.parse(["sw", "--x", "params"]))
    }

    func testASuitesFitsSectionRunsAfterTheSweep() throws {
        let store = try temporaryStore(self)
        try makeSweep(store, id: "quickstart", variants: [("rms", 8, 0.3)], sizes: sizes, seeds: 2)
        var text = try String(contentsOfFile: Self.repository + "/suites/quickstart.yaml", encoding: .utf8)
        // The suite's own fits section (its last) gives way to the fits under test.
        if let own = text.range(of: "\nfits:") { text = String(text[..<own.lowerBound]) }
        text += "\nfits:\n  - form: power\n    x: params\n    y: eval.loss\n  - form: power\n    x: params\n    y: eval.accuracy\n"
        let suite = try Suite.parse(text: text, file: "quickstart.yaml")
        // A suite's fit is the request `ablate fit` makes of the same spec.
        XCTAssertEqual(suite.fits.first?.request,
                       try Fit.parse(["quickstart", "--metric", "eval.loss", "--x", "params", "--form", "power", "--store", store.path]).request())
        XCTAssertEqual(suite.fits.first?.label, "fit power of eval.loss against params")
        let grouped = try Suite.parse(text: text + "  - {form: power, x: params, y: eval.loss, by: model.norm, bootstrap: 50, holdout_largest: 1}\n",
                                      file: "quickstart.yaml")
        XCTAssertEqual(grouped.fits.last?.request,
                       try Fit.parse(["quickstart", "--metric", "eval.loss", "--x", "params", "--form", "power", "--store", store.path,
                                      "--by", "model.norm", "--bootstrap", "50", "--holdout-largest", "1"]).request())
        // The second fit names a metric the trials lack: it fails alone, the first is saved.
        var events: [String] = []
        XCTAssertEqual(SweepFit.run(suite.fits, sweep: "quickstart", store: store) { event in
            switch event {
            case .started(let label): events.append("started \(label)")
            case .warning(let label, _): events.append("warning \(label)")
            case .finished(let label, _): events.append("finished \(label)")
            case .failed(let label, let message): events.append("failed \(label): \(message)")
            }
        }, 1)
        XCTAssertEqual(events.count, 4, "\(events)")
        XCTAssertEqual(events[1], "finished fit power of eval.loss against params")
        XCTAssertTrue(events[3].hasPrefix("failed fit power of eval.accuracy against params: sweep 'quickstart': no finished trial records"), events[3])
        let rows = try store.fits(sweep: "quickstart")
        XCTAssertEqual(rows.count, 1)
        let parameters = try JSONDecoder().decode([String: Double].self, from: Data(rows[0].parameters.utf8))
        XCTAssertEqual(try XCTUnwrap(parameters["alpha"]), 0.3, accuracy: 0.005)
    }

    /// The repository root (this file is Tests/StoreTests/SweepFitTests.swift).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    func testVersion2StoreGainsTheFitColumns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-fitmig-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        do {
            let old = try Store(path: path, migratingTo: 2)
            try recordOldSweep(old, id: "s", trials: 1)
            try old.transaction { db in
                try db.execute(sql: """
                    INSERT INTO fits (sweep_id, form, x, y, parameters, intervals, heldout_error, created_at)
                    VALUES ('s', 'power', 'params', 'eval.loss', '{"alpha":0.3}', '{}', 0.01, 5)
                    """)
            }
        }
        let store = try Store(path: path)
        XCTAssertEqual(try store.currentSchemaVersion(), Store.schemaVersion)
        XCTAssertEqual(try store.fits(sweep: "s"), [FitRecord(id: 1, sweep: "s", form: "power", x: "params", y: "eval.loss",
                                                             parameters: "{\"alpha\":0.3}", objective: nil, points: 0,
                                                             heldoutError: 0.01, createdAt: 5)])
        let id = try store.saveFit(FitRecord(sweep: "s", form: "power", x: "params", y: "eval.loss", parameters: "{}",
                                             objective: 1.5, points: 4, byKey: "model.norm", byValue: "rms"))
        XCTAssertEqual(try store.fits(sweep: "s").last?.id, id)
        XCTAssertEqual(try store.fits(sweep: "s").last?.byValue, "rms")
        // A refit of the same form, variables and group replaces the earlier one; others stay.
        let refit = try store.saveFit(FitRecord(sweep: "s", form: "power", x: "params", y: "eval.loss", parameters: "{\"A\":2}",
                                                objective: 1.2, points: 4, byKey: "model.norm", byValue: "rms"))
        XCTAssertEqual(try store.fits(sweep: "s").map(\.id), [1, refit])
        XCTAssertEqual(try store.fits(sweep: "s").last?.objective, 1.2)
        XCTAssertThrowsError(try store.saveFit(FitRecord(sweep: "nope", form: "power", x: "", y: "", parameters: "{}", objective: nil, points: 0)))
    }
}
