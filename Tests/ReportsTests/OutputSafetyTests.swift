import ArgumentParser
import Foundation
import ScalingLaws
import XCTest
@testable import AblateCLI
@testable import Reports
@testable import Store

/// What a hostile store or output path can make `ablate report` and `ablate export` do: run
/// nothing, write through no link, replace no special file, and never share a report folder.
final class OutputSafetyTests: XCTestCase {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A store whose metric, fit, suite and sweep names each hold a newline and a gnuplot shell
    /// command that creates `marker`.
    func hostileStore(marker: URL) throws -> (store: Store, path: String, sweep: String) {
        let store = try temporaryStore(self)
        let injection = "\n!touch \(marker.path)\n"
        let metric = "loss" + injection
        var trials: [SyntheticTrial] = []
        for width in [16, 32, 64, 128] {
            let params = Double(width * width * 12)
            trials.append(SyntheticTrial(axes: ["model.width": width], seed: 0, metrics: [
                Metric(stage: "eval", name: metric, value: 10 * pow(params, -0.3)),
                Metric(stage: "eval", name: "params", value: params)]))
        }
        let sweep = "sweep" + injection
        try recordSweep(store, id: sweep, suite: "suite" + injection, trials: trials)
        let x = trials.map { [$0.metrics[1].value!] }, y = trials.map { $0.metrics[0].value! }
        let fit = try Fitter().fit(FormCatalog.form(named: "power", inputs: 1)!,
                                   to: try FitData(x: x, y: y, inputNames: ["params"], outputName: "eval." + metric))
        let report = FitReport(source: "sweep", inputs: ["params"], output: "eval." + metric, fit: fit)
        try store.saveFit(FitRecord(sweep: sweep, form: "power", x: "params", y: "eval." + metric, parameters: "{}",
                                    objective: fit.objective, points: y.count, byKey: "", byValue: "",
                                    report: String(decoding: try JSONEncoder().encode(report), as: UTF8.self), createdAt: 1_700_000_100))
        return (store, store.path, sweep)
    }

    func testHostileNamesRunNothingAndAreEscapedInTheScripts() throws {
        let folder = try temporaryFolder()
        let marker = folder.appendingPathComponent("pwned")
        let (_, path, sweep) = try hostileStore(marker: marker)
        let out = folder.appendingPathComponent("reports")
        // Through the command, with gnuplot when it is installed (it is what would run `!touch`).
        var command = try Report.parse([sweep, "--store", path, "--out", out.path])
        try command.run()
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker.path), "a name in the store ran a shell command")
        let data = try SweepData.load(store: try Store(path: path), sweep: sweep)
        let figures = ReportWriter(out: out).folder(for: data).appendingPathComponent("figures")
        let script = try String(contentsOf: figures.appendingPathComponent("scaling.gp"), encoding: .utf8)
        let escaped = "eval.loss\\n!touch \(marker.path)\\n"
        XCTAssertTrue(script.contains("set ylabel '\(escaped)'"), script)
        XCTAssertTrue(script.hasPrefix("# 'Scaling: \(escaped) against params'\n"), script)
        for line in script.split(separator: "\n") { XCTAssertFalse(line.hasPrefix("!"), "a shell line: \(line)") }
        XCTAssertNil(Gnuplot.refusal(in: script))
        let dataFile = try String(contentsOf: figures.appendingPathComponent("scaling.dat"), encoding: .utf8)
        XCTAssertFalse(dataFile.contains("\n!touch"), dataFile)
        let markdown = try String(contentsOf: figures.deletingLastPathComponent().appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.hasPrefix("# suite\\\\n!touch \(marker.path)\\\\n: sweep `sweep\\n!touch \(marker.path)\\n`\n"), markdown)
        // The one place the name keeps its newline is the shell-quoted command that regenerates the report.
        let prose = try XCTUnwrap(markdown.components(separatedBy: "```sh\n").first)
        for line in prose.split(separator: "\n") { XCTAssertFalse(line.hasPrefix("!touch"), "a line from the store: \(line)") }
    }

    func testStoreTextCannotAddImagesLinksOrHTMLToTheReport() throws {
        let store = try temporaryStore(self)
        let image = "![seen](http://tracker.example/p.png)"
        try recordSweep(store, id: "s", suite: "<script>alert(1)</script>", trials: ["a", "b"].map { v in
            SyntheticTrial(axes: ["model.norm": "\(image)\(v)"], seed: 0, metrics: [
                Metric(stage: "eval", name: "loss", value: 1, unit: "<img src=x>"), Metric(stage: "eval", name: image, value: 2)])
        })
        let data = try SweepData.load(store: store, sweep: "s")
        let text = try String(contentsOf: try ReportWriter(out: try temporaryFolder(), gnuplot: nil).write(data, command: "x").markdown, encoding: .utf8)
        // Outside the `<summary>` HTML (escaped there, and not read as Markdown), every `<`, `[` and `]` is escaped.
        for line in text.split(separator: "\n") where !line.hasPrefix("<details><summary>") && (line.contains("tracker") || line.contains("img")) {
            for (i, c) in line.enumerated() where "<[]".contains(c) {
                XCTAssertEqual(i > 0 ? line[line.index(line.startIndex, offsetBy: i - 1)] : " ", "\\", "unescaped \(c) in \(line)")
            }
        }
        XCTAssertTrue(text.contains(#"| eval.loss | \<img src=x\> |"#), text)
        XCTAssertTrue(text.contains("<details><summary>model.norm=![seen](http://tracker.example/p.png)a</summary>"), text)
        XCTAssertTrue(text.contains("- Swift 6.3+, release build"), text)
    }

    func testGnuplotStringsCannotBreakOut() {
        XCTAssertEqual(Escaping.gnuplot("it's"), "'it''s'")
        XCTAssertEqual(Escaping.gnuplot("a\nb\r\tc\u{1B}[2J\u{202E}"), #"'a\nb\r\tc\u{1B}[2J\u{202E}'"#)
        XCTAssertEqual(Escaping.gnuplot("`id` @m \\"), "'`id` @m \\'")
        XCTAssertNil(Gnuplot.refusal(in: "set title \(Escaping.gnuplot("x'\n!id `id` @m system('id')"))\nplot 'a.dat' index 0 title ''\n"))
    }

    func testScriptsThatCouldRunCommandsAreRefused() {
        let refused = [
            "set title 'a'\n!touch x\n", "set title 'a'; !id\n", "set title \"`id`\"\n", "set title 'a' . `id`\n",
            "x = system('id')\n", "@macro\n", "# title \\\n!id\n", "set title 'unterminated\n!id'\n", "load 'other.gp'\n",
        ]
        for script in refused { XCTAssertNotNil(Gnuplot.refusal(in: script), script) }
        XCTAssertNil(Gnuplot.refusal(in: "plot 'a.dat' index 0 using 1:2 title 'a!', \\\n     '' index 1 title 'b'\nset label 1 'x' at 1e-5,2\n"))
        // A builder printing a name without `Chart.quoted` gets no figure written at all.
        let chart = Chart(name: "careless", title: "t", caption: "c", commands: "set ylabel loss\n!touch x\n", data: "1 2\n")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-careless-\(UUID().uuidString)")
        XCTAssertThrowsError(try chart.write(to: folder, format: .svg, gnuplot: nil)) { error in
            guard case GnuplotError.unsafeScript(chart: "careless", _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path))
    }

    func testMarkdownTextIsLiteral() {
        XCTAssertEqual(Escaping.markdown("a_b*c"), #"a\_b\*c"#)
        XCTAssertEqual(Escaping.markdown("![x](http://t/p.png)"), #"\!\[x\](http://t/p.png)"#)
        XCTAssertEqual(Escaping.markdown("# h\n<script>|"), ##"\# h\\n\<script\>\|"##)
        XCTAssertEqual(Escaping.markdown("12. item"), #"12\. item"#)
        XCTAssertEqual(Escaping.markdown("eval.loss v2.1"), "eval.loss v2.1")
    }

    // MARK: Writing output

    func testExportRefusesASymlinkAndLeavesItsTargetAlone() throws {
        let folder = try temporaryFolder()
        let store = try temporaryStore(self)
        try recordSweep(store, id: "s", suite: "x", trials: [SyntheticTrial(axes: [:], seed: 0, metrics: [Metric(stage: "eval", name: "loss", value: 1)])])
        let outside = folder.appendingPathComponent("precious.txt")
        try Data("keep me".utf8).write(to: outside)
        let link = folder.appendingPathComponent("export.csv")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: outside)
        var command = try Export.parse(["s", "--store", store.path, "--out", link.path])
        XCTAssertThrowsError(try command.run()) { XCTAssertEqual(($0 as? ExitCode)?.rawValue, 73) }
        XCTAssertEqual(try String(contentsOf: outside, encoding: .utf8), "keep me")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), outside.path)
        // A regular file is replaced whole.
        let plain = folder.appendingPathComponent("plain.csv")
        try Data("old old old old old old".utf8).write(to: plain)
        command = try Export.parse(["s", "--store", store.path, "--out", plain.path])
        try command.run()
        XCTAssertTrue(try String(contentsOf: plain, encoding: .utf8).hasPrefix("sweep,"))
    }

    func testAFIFOTheUserNamedIsWrittenInPlace() throws {
        let folder = try temporaryFolder()
        let fifo = folder.appendingPathComponent("pipe")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        let box = Received()
        let reader = Thread {
            box.data = FileHandle(forReadingAtPath: fifo.path)?.readDataToEndOfFile() ?? Data()
            box.done.signal()
        }
        reader.start()
        try SafeFile.write(Data("through the pipe\n".utf8), to: fifo, origin: .named)
        XCTAssertEqual(box.done.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(String(decoding: box.data, as: UTF8.self), "through the pipe\n")
        var info = stat()
        XCTAssertEqual(lstat(fifo.path, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "still a FIFO, not a regular file")
        XCTAssertThrowsError(try SafeFile.write(Data(), to: fifo, origin: .inTree)) {
            XCTAssertEqual($0 as? SafeFileError, .notWritable(fifo.path, kind: "FIFO"))
        }
    }

    func testDevNullStaysACharacterDevice() throws {
        try SafeFile.write(Data("discarded".utf8), to: URL(fileURLWithPath: "/dev/null"), origin: .named)
        var info = stat()
        XCTAssertEqual(lstat("/dev/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR)
    }

    func testASymlinkInsideTheReportsTreeIsRefused() throws {
        let folder = try temporaryFolder()
        let store = try temporaryStore(self)
        try recordSweep(store, id: "s", suite: "x", trials: [SyntheticTrial(axes: [:], seed: 0, metrics: [Metric(stage: "eval", name: "loss", value: 1)])])
        let data = try SweepData.load(store: store, sweep: "s")
        let writer = ReportWriter(out: folder.appendingPathComponent("reports"), gnuplot: nil)
        _ = try writer.write(data, command: "x")
        let outside = folder.appendingPathComponent("precious.txt")
        try Data("keep me".utf8).write(to: outside)
        let markdown = writer.folder(for: data).appendingPathComponent("report.md")
        try FileManager.default.removeItem(at: markdown)
        try FileManager.default.createSymbolicLink(at: markdown, withDestinationURL: outside)
        XCTAssertThrowsError(try writer.write(data, command: "x")) { XCTAssertEqual($0 as? SafeFileError, .symbolicLink(markdown.path)) }
        XCTAssertEqual(try String(contentsOf: outside, encoding: .utf8), "keep me")
        // A linked sweep folder is refused too, before anything is written into it.
        try FileManager.default.removeItem(at: writer.folder(for: data))
        try FileManager.default.createSymbolicLink(at: writer.folder(for: data), withDestinationURL: folder)
        XCTAssertThrowsError(try writer.write(data, command: "x")) { XCTAssertEqual($0 as? SafeFileError, .symbolicLink(writer.folder(for: data).path)) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.md").path))
    }

    func testAFigureLinkedOutsideIsNotOverwrittenByGnuplot() throws {
        guard let gnuplot = Gnuplot.locate() else { throw XCTSkip("gnuplot is not installed") }
        let folder = try temporaryFolder()
        let outside = folder.appendingPathComponent("precious.svg")
        try Data("keep me".utf8).write(to: outside)
        let chart = Chart(name: "c", title: "t", caption: "", commands: "plot 'c.dat' using 1:2 with lines\n", data: "1 2\n2 3\n")
        let figures = folder.appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: figures.appendingPathComponent("c.svg"), withDestinationURL: outside)
        XCTAssertThrowsError(try chart.write(to: figures, format: .svg, gnuplot: gnuplot))
        XCTAssertEqual(try String(contentsOf: outside, encoding: .utf8), "keep me")
    }

    /// A script and an image larger than a pipe's buffer (64 KiB) both pass: in a multiplot
    /// gnuplot writes the first panel while it still reads the script, which deadlocked when
    /// one thread did both (the normalization report's internals figure).
    func testLongScriptsAndLargeImagesRender() throws {
        guard let gnuplot = Gnuplot.locate() else { throw XCTSkip("gnuplot is not installed") }
        let folder = try temporaryFolder()
        let labels = (1...3000).map { "set label \($0) 'label \($0)' at \($0), 1" }.joined(separator: "\n")
        let chart = Chart(name: "big", title: "t", caption: "",
                          commands: "set multiplot layout 2,1\nplot 'big.dat' using 1:2 with lines\n" + labels
                              + "\nplot 'big.dat' using 1:2 with lines\nunset multiplot\n",
                          data: (1...10000).map { "\($0) \($0 % 7)" }.joined(separator: "\n") + "\n")
        XCTAssertGreaterThan(chart.script(format: .svg).utf8.count, 65_536)
        let done = DispatchSemaphore(value: 0)
        let failure = LockedBox<Error?>(nil)
        Thread {
            do { try chart.write(to: folder, format: .svg, gnuplot: gnuplot) } catch { failure.value = error }
            done.signal()
        }.start()
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success, "gnuplot and Ablate stalled on a full pipe")
        XCTAssertNil(failure.value)
        let image = try Data(contentsOf: folder.appendingPathComponent("big.svg"))
        XCTAssertGreaterThan(image.count, 65_536)
    }

    // MARK: Report folders

    func testReportFoldersNeverCollide() throws {
        let store = try temporaryStore(self)
        let names = [("量化", "量化"), ("剪枝", "剪枝"), ("exp/a", "a"), ("exp_a", "a"), ("exp%2Fa", "a")]
        for (suite, sweep) in names {
            try recordSweep(store, id: suite + "|" + sweep, suite: suite, trials: [
                SyntheticTrial(axes: [:], seed: 0, metrics: [Metric(stage: "eval", name: "loss", value: 1)])])
        }
        let writer = ReportWriter(out: try temporaryFolder(), gnuplot: nil)
        var folders: Set<String> = []
        for (suite, sweep) in names {
            let data = try SweepData.load(store: store, sweep: suite + "|" + sweep)
            folders.insert(try writer.write(data, command: "x").folder.path)
        }
        XCTAssertEqual(folders.count, names.count, "\(folders.sorted())")
        XCTAssertEqual(SafePath.component("量化"), "量化")
        XCTAssertEqual(SafePath.component("exp/a"), "exp%2Fa")
        XCTAssertEqual(SafePath.component("exp_a"), "exp_a")
        for name in ["量化", "exp/a", "exp%2Fa", ".hidden", "..", "", "a\nb", "naïve café", "नमस्ते"] {
            XCTAssertEqual(SafePath.name(fromComponent: SafePath.component(name)), name)
        }
        let long = String(repeating: "长", count: 120)
        let short = SafePath.component(long)
        XCTAssertLessThanOrEqual(short.utf8.count, SafePath.maximumBytes)
        XCTAssertNotEqual(short, SafePath.component(long + "x"))
    }

    func testStaleFiguresOfAnEarlierReportAreRemoved() throws {
        let store = try temporaryStore(self)
        try recordSweep(store, id: "s", suite: "x", trials: [SyntheticTrial(axes: [:], seed: 0, metrics: [Metric(stage: "eval", name: "loss", value: 1)])])
        let data = try SweepData.load(store: store, sweep: "s")
        let writer = ReportWriter(out: try temporaryFolder(), gnuplot: nil)
        let figures = writer.folder(for: data).appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        for file in ["old.gp", "old.svg", "notes.txt"] { try Data().write(to: figures.appendingPathComponent(file)) }
        _ = try writer.write(data, command: "x")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: figures.path).sorted(), ["notes.txt"])
    }
}

/// Bytes a reader thread received.
private final class Received: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}

/// A value shared with a thread the test waits for.
private final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
