import Foundation
import ScalingLaws
import Statistics
import XCTest
@testable import Reports
@testable import Store

/// `ablate report`: tables, figures, fits, failures, provenance, byte-identical output, safe paths.
final class ReportTests: XCTestCase {
    /// Two norms × three widths × three seeds, loss = A·params^-0.3 with seed noise, latency samples,
    /// a simulated compression stage, and one failed and one diverged trial.
    func makeStore() throws -> Store {
        let store = try temporaryStore(self)
        var trials: [SyntheticTrial] = []
        var noise = Noise(seed: 7)
        for norm in ["norm.layernorm", "norm.rmsnorm"] {
            for width in [16, 32, 64] {
                for seed in 0..<3 {
                    let params = Double(width * width * 12)
                    let loss = (norm == "norm.rmsnorm" ? 9.0 : 10.0) * pow(params, -0.3) * (1 + 0.01 * noise.normal())
                    let latency = 1e-5 * Double(width) / 16
                    trials.append(SyntheticTrial(
                        axes: ["model.norm": norm, "model.width": width], seed: seed,
                        metrics: [Metric(stage: "eval", name: "loss", value: loss, unit: "nats/token"),
                                  Metric(stage: "eval", name: "accuracy", value: 1 - loss / 3, unit: "fraction"),
                                  Metric(stage: "eval", name: "params", value: params, unit: "parameters"),
                                  Metric(stage: "eval", name: "model_bytes", value: 4 * params, unit: "bytes"),
                                  Metric(stage: "eval", name: "latency_median_s", value: latency, unit: "s"),
                                  Metric(stage: "train", name: "tokens", value: 1e5, unit: "tokens"),
                                  Metric(stage: "compress:compress.quant.int4", name: "accuracy", value: 1 - loss / 2.8, unit: "fraction"),
                                  Metric(stage: "compress:compress.quant.int4", name: "bits", value: 4, unit: "bits"),
                                  Metric(stage: "compress:compress.quant.int4", name: "model_bytes", value: params / 2, unit: "bytes", label: "simulated")],
                        samples: (0..<40).map { _ in latency * (1 + 0.02 * abs(noise.normal())) },
                        curve: (0..<10).map { step in 3 * exp(-Double(step) / 4) + loss }))
                }
            }
        }
        trials.append(SyntheticTrial(axes: ["model.norm": "norm.dyt", "model.width": 16], seed: 0, status: .failed,
                                     error: "Fatal error: index out of range\nSIGILL in worker"))
        trials.append(SyntheticTrial(axes: ["model.norm": "norm.dyt", "model.width": 32], seed: 0, status: .diverged,
                                     error: "loss became nan", failedStep: 42))
        try recordSweep(store, id: "norms", suite: "norm-scaling", trials: trials)
        // A saved power-law fit of the layernorm variant, as `ablate fit SWEEP --by model.norm` saves it.
        let data = try SweepData.load(store: store, sweep: "norms")
        let points = data.finished.filter { SweepData.specValue($0.trial.spec, "model.norm") == "norm.layernorm" }
        let x = points.map { [$0.metrics.first { $0.name == "params" }!.value!] }
        let y = points.map { $0.metrics.first { $0.name == "loss" }!.value! }
        let fitData = try FitData(x: x, y: y, inputNames: ["params"], outputName: "eval.loss")
        let form = FormCatalog.form(named: "power", inputs: 1)!
        let fit = try Fitter().fit(form, to: fitData)
        let report = FitReport(source: "sweep norms", inputs: ["params"], output: "eval.loss", fit: fit)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        try store.saveFit(FitRecord(sweep: "norms", form: "power", x: "params", y: "eval.loss",
                                    parameters: "{}", objective: fit.objective, points: y.count,
                                    byKey: "model.norm", byValue: "norm.layernorm", report: json, createdAt: 1_700_000_100))
        return store
    }

    func outFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-report-out-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testMarkdownHasTablesFitsFailuresAndProvenance() throws {
        let store = try makeStore()
        let data = try SweepData.load(store: store, sweep: "norms")
        let result = try ReportWriter(out: outFolder(), gnuplot: nil).write(data, command: "ablate report norms")
        let text = try String(contentsOf: result.markdown, encoding: .utf8)
        XCTAssertTrue(result.markdown.path.hasSuffix("norm-scaling/norms/report.md"))
        for expected in ["## Summary", "20 planned; 18 done, 1 failed, 1 diverged", "## Overview", "## Results by configuration",
                         "<summary>model.norm=norm.rmsnorm model.width=64</summary>", "| eval.loss | nats/token |",
                         "## Scaling-law fits", "| model.norm=norm.layernorm | power | eval.loss | params | 9 |",
                         "## Pareto set", "## Failed, diverged and timed-out trials", "| diverged |", "| 42 | loss became nan |",
                         "SIGILL in worker", "Commit: `abc123`", "Test CPU", "OpenBLAS test", "2025-01-01T00:00:00Z",
                         "ablate report norms", "Figures not rendered: gnuplot is not installed"] {
            XCTAssertTrue(text.contains(expected), "report lacks: \(expected)")
        }
        // One cell: the mean and an interval that holds the Student-t interval computed independently.
        let c = try XCTUnwrap(data.configurations.first { $0.label == "model.norm=norm.layernorm model.width=16" })
        let v = Sample(c.values(stage: "eval", name: "loss"))
        let half = StudentT.quantile(0.975, df: 2) * v.standardDeviation / 3.0.squareRoot()
        let interval = try XCTUnwrap(SeedInterval.of(v.values, metric: "loss"))
        XCTAssertLessThanOrEqual(interval.low, v.mean - half + 1e-12)
        XCTAssertGreaterThanOrEqual(interval.high, v.mean + half - 1e-12)
        XCTAssertTrue(text.contains(NumberFormat.interval(v.mean, interval.low, interval.high)), "the overview lacks the cell")
        // Only the scripts and data exist without gnuplot.
        let figures = try FileManager.default.contentsOfDirectory(atPath: result.folder.appendingPathComponent("figures").path).sorted()
        XCTAssertTrue(figures.contains("scaling.gp") && figures.contains("scaling.dat"), "\(figures)")
        XCTAssertTrue(figures.contains("pareto-latency.gp") && figures.contains("pareto-model-bytes.dat"))
        XCTAssertTrue(figures.contains("compression-bits.gp") && figures.contains("training-loss.dat"))
        XCTAssertFalse(figures.contains { $0.hasSuffix(".svg") })
    }

    func testChartsCarryTheirData() throws {
        let data = try SweepData.load(store: try makeStore(), sweep: "norms")
        let charts = ChartBuilder(data: data).charts()
        let scaling = try XCTUnwrap(charts.first { $0.name == "scaling" })
        XCTAssertTrue(scaling.commands.contains("set logscale x") && scaling.commands.contains("set logscale y"))
        XCTAssertTrue(scaling.commands.contains("filledcurves"), "the fit has a bootstrap band")
        // Three configurations of the fitted variant, then 60 points of the line with finite band edges.
        let blocks = scaling.data.components(separatedBy: "\n\n\n")
        XCTAssertEqual(blocks[0].split(separator: "\n").filter { !$0.hasPrefix("#") }.count, 3)
        let line = blocks[1].split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ").compactMap { Double($0) } }
        XCTAssertEqual(line.count, 60)
        XCTAssertTrue(line.allSatisfy { $0[2] <= $0[1] && $0[1] <= $0[3] }, "the band contains the fit")
        let pareto = try XCTUnwrap(charts.first { $0.name == "pareto-model-bytes" })
        XCTAssertTrue(pareto.commands.contains("simulated"), "simulated points are drawn apart")
        let points = ChartBuilder(data: data).paretoPoints(x: .modelBytes)
        XCTAssertEqual(points.filter(\.simulated).count, 6)
        XCTAssertTrue(points.contains { $0.onFrontier })
        XCTAssertNotNil(charts.first { $0.name == "compression-bits" })
        XCTAssertNil(ChartBuilder(data: data).learningRateChart(), "lr is not a sweep axis")
    }

    func testSameStoreGivesByteIdenticalReport() throws {
        let store = try makeStore()
        let out1 = outFolder(), out2 = outFolder()
        let gnuplot = Gnuplot.locate()
        var texts: [[String: Data]] = []
        for out in [out1, out2] {
            let data = try SweepData.load(store: store, sweep: "norms")
            let result = try ReportWriter(out: out, gnuplot: gnuplot).write(data, command: "ablate report norms")
            var files: [String: Data] = ["report.md": try Data(contentsOf: result.markdown)]
            for f in try FileManager.default.contentsOfDirectory(atPath: result.folder.appendingPathComponent("figures").path)
            where f.hasSuffix(".gp") || f.hasSuffix(".dat") {
                files[f] = try Data(contentsOf: result.folder.appendingPathComponent("figures").appendingPathComponent(f))
            }
            texts.append(files)
            if gnuplot != nil {
                XCTAssertNil(result.problem, result.problem ?? "")
                XCTAssertTrue(FileManager.default.fileExists(atPath: result.folder.appendingPathComponent("figures/scaling.svg").path))
            }
        }
        XCTAssertEqual(texts[0].keys.sorted(), texts[1].keys.sorted())
        for k in texts[0].keys { XCTAssertEqual(texts[0][k], texts[1][k], "\(k) differs between two runs") }
    }

    func testFiguresRenderWithGnuplot() throws {
        guard let gnuplot = Gnuplot.locate() else { throw XCTSkip("gnuplot is not installed") }
        let data = try SweepData.load(store: try makeStore(), sweep: "norms")
        let result = try ReportWriter(out: outFolder(), format: .png, gnuplot: gnuplot).write(data, command: "x")
        XCTAssertNil(result.problem)
        for name in result.charts {
            let png = try Data(contentsOf: result.folder.appendingPathComponent("figures/\(name).png"))
            XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "\(name).png is a PNG")
        }
    }

    func testNamesCannotEscapeTheReportFolder() throws {
        let store = try temporaryStore(self)
        try recordSweep(store, id: "../../../tmp/evil/x", suite: "../../up", trials: [
            SyntheticTrial(axes: [:], seed: 0, metrics: [Metric(stage: "eval", name: "loss", value: 1)])])
        let out = outFolder()
        let data = try SweepData.load(store: store, sweep: "../../../tmp/evil/x")
        let result = try ReportWriter(out: out, gnuplot: nil).write(data, command: "x")
        let base = out.standardizedFileURL.path + "/"
        XCTAssertTrue(result.folder.standardizedFileURL.path.hasPrefix(base), result.folder.path)
        XCTAssertEqual(result.folder.deletingLastPathComponent().lastPathComponent, "%2E.%2F..%2Fup")
        XCTAssertEqual(SafePath.component(".."), "%2E.")
        XCTAssertEqual(SafePath.component("a/b\\c d"), "a%2Fb%5Cc%20d")
        XCTAssertEqual(SafePath.component("/etc/passwd"), "%2Fetc%2Fpasswd")
    }
}
