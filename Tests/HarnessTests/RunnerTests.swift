import Foundation
import XCTest
@testable import Harness
import Store

/// The checkout this test file belongs to (…/Tests/HarnessTests/RunnerTests.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `ablate` binary next to the test bundle (or in the build folder of this
/// checkout), or nil.
func ablateBinary() -> String? {
    var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ablate").path,
                      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("ablate").path]
    let root = repositoryRoot
    for folder in [".build-harness", ".build"] {
        for config in ["release", "debug"] { candidates.append(root.appendingPathComponent("\(folder)/\(config)/ablate").path) }
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// A tiny suite: `trials` trials (seeds) of a few steps, with `extra` YAML appended.
func tinySuite(_ folder: URL, name: String = "tiny", seeds: Int = 4, extra: String = "") throws -> String {
    let text = """
        name: \(name)
        task:
          id: task.copy
          params: {alphabet: 4, max_length: 4, train_examples: 64, eval_examples: 16}
        model: {depth: 1, width: 16, heads: 2}
        training: {steps: 4, batch: 8, log_every: 1}
        measurement: {latency: false}
        sweep:
          seeds: \(seeds)
        \(extra)
        """
    let path = folder.appendingPathComponent("\(name).yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Runs `binary` with `arguments` in `folder` to its end; returns its exit status and its
/// stdout and stderr together.
func runAblateStatus(_ binary: String, _ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = arguments
    p.currentDirectoryURL = folder
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text)
}

/// Runs `binary` with `arguments` in `folder` to its end; returns stdout and stderr, failing the
/// test on a non-zero exit.
func runAblate(_ binary: String, _ arguments: [String], in folder: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let (status, text) = try runAblateStatus(binary, arguments, in: folder)
    XCTAssertEqual(status, 0, "ablate \(arguments.joined(separator: " ")) failed:\n\(text)", file: file, line: line)
    return text
}

/// A new empty folder under the system's temporary directory, removed when `test` ends.
func temporaryFolder(_ test: XCTestCase, prefix: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
}

final class RunnerTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try temporaryFolder(self, prefix: "ablate-runner")
    }

    func binary() throws -> String {
        guard let b = ablateBinary() else { throw XCTSkip("the ablate binary is not built next to the tests (swift build --product ablate first)") }
        return b
    }

    func testFaultsAreRecordedWithTheirStatusAndTheSweepGoesOn() throws {
        let exe = try binary()
        let suite = try tinySuite(folder, seeds: 1, extra: "  grid:\n    debug.fault: [none, crash, hang, nan]\n    debug.fault_step: [2]\n")
        let store = try Store(path: folder.appendingPathComponent("s.sqlite").path)
        let plan = try SweepPlanner.plan(try Suite.load(path: suite))
        XCTAssertEqual(plan.trials.count, 4)
        var lines: [String] = []
        let summary = try Runner(store: store, options: .init(jobs: 2, timeout: 3, executable: exe, cores: 2), output: { lines.append($0) }).run(plan)
        XCTAssertEqual(summary.ran, [.done: 1, .failed: 1, .timeout: 1, .diverged: 1])
        let byFault = Dictionary(uniqueKeysWithValues: plan.trials.map { ($0.spec.debug?.fault.rawValue ?? "none", $0.key) })
        let done = try store.trial(byFault["none"]!)
        XCTAssertEqual(done.status, .done)
        XCTAssertEqual(try store.metrics(done.key).first { $0.name == "steps" }?.value, 4)
        XCTAssertGreaterThan(try store.metrics(done.key).first { $0.name == "peak_rss_bytes" }?.value ?? 0, 1_000_000)
        XCTAssertEqual(try store.curves(done.key).filter { $0.name == "loss" }.count, 4)
        let crash = try store.trial(byFault["crash"]!)
        XCTAssertEqual(crash.status, .failed)
        XCTAssertTrue(crash.error?.contains("injected fault") ?? false, crash.error ?? "no error")
        XCTAssertTrue(crash.error?.contains("signal") ?? false, crash.error ?? "no error")
        XCTAssertEqual(try store.trial(byFault["hang"]!).status, .timeout)
        let nan = try store.trial(byFault["nan"]!)
        XCTAssertEqual(nan.status, .diverged)
        XCTAssertEqual(nan.failedStep, 2)
        XCTAssertTrue(lines.contains { $0.hasPrefix("[4/4]") }, lines.joined(separator: "\n"))
        // A rerun runs nothing; --retry-failed runs the three failures again.
        XCTAssertEqual(try Runner(store: store, options: .init(jobs: 2, timeout: 3, executable: exe, cores: 2), output: { _ in }).run(plan).ran, [:])
    }

    /// `ablate run` in one call: the trials run into the store, the status follows, then the suite's fits.
    func testASuiteRunRunsTheTrialsThenTheFits() throws {
        let exe = try binary()
        let suite = try tinySuite(folder, seeds: 2, extra: "fits:\n  - {form: power, x: params, y: eval.loss}\n")
        let storePath = folder.appendingPathComponent("s.sqlite").path
        var request = SuiteRun.Request(suite: suite, overrides: ["model.width=16,24"], store: storePath, dryRun: true,
                                       options: .init(jobs: 2, executable: exe, cores: 2))
        guard case .planned(let plan) = try SuiteRun.run(request, events: { XCTFail("a dry run reports nothing: \($0)") }) else {
            return XCTFail("a dry run only plans")
        }
        XCTAssertEqual(plan.trials.count, 4)
        XCTAssertFalse(FileManager.default.fileExists(atPath: storePath), "a dry run writes nothing")
        request.dryRun = false
        var events: [String] = []
        let outcome = try SuiteRun.run(request) { event in
            switch event {
            case .progress(let line): events.append("progress " + line.prefix(6))
            case .trialsEnded(let sweep): events.append("ended \(sweep.count(.done))/\(sweep.total)")
            case .fit(.started(let label)): events.append("fit " + label)
            case .fit(.finished): events.append("fitted")
            case .fit(let other): events.append("\(other)")
            case .claims: events.append("claims")
            }
        }
        guard case .finished(let summary) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(summary.ran, [.done: 4])
        XCTAssertEqual(events, ["progress sweep ", "progress [1/4] ", "progress [2/4] ", "progress [3/4] ", "progress [4/4] ",
                                "ended 4/4", "fit fit power of eval.loss against params", "fitted"])
        XCTAssertThrowsError(try SuiteRun.run(SuiteRun.Request(suite: suite, overrides: ["model.width=x"], store: storePath,
                                                              options: .init(executable: exe)), events: { _ in })) { error in
            guard case .suite(let e)? = error as? SuiteRun.StartError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.key, "model.width")
        }
    }

    func testSIGKILLMidSweepThenResumeFinishesEveryTrialOnce() throws {
        let exe = try binary()
        let suite = try tinySuite(folder, seeds: 6)
        let storePath = folder.appendingPathComponent("s.sqlite").path
        let runner = Process()
        runner.executableURL = URL(fileURLWithPath: exe)
        runner.arguments = ["run", suite, "--store", storePath, "training.steps=60"]
        runner.standardOutput = FileHandle.nullDevice
        try runner.run()
        // Wait until at least one trial is done, then kill the runner without warning.
        let store = try Store(path: storePath)
        let deadline = Date().addingTimeInterval(60)
        var doneBefore: [String: [Metric]] = [:]
        while Date() < deadline {
            if let trials = try? store.trials(sweep: "tiny"), trials.contains(where: { $0.trial.status == .done }) {
                kill(runner.processIdentifier, SIGKILL)
                break
            }
            usleep(20_000)
        }
        runner.waitUntilExit()
        for (t, _) in try store.trials(sweep: "tiny") where t.status == .done { doneBefore[t.key] = try store.metrics(t.key) }
        XCTAssertFalse(doneBefore.isEmpty)
        XCTAssertLessThan(doneBefore.count, 6, "the kill came too late to test resuming")
        let plan = try SweepPlanner.plan(try Suite.load(path: suite, overrides: ["training.steps=60"]))
        _ = try Runner(store: store, options: .init(jobs: 1, executable: exe, cores: 2), output: { _ in }).run(plan)
        let trials = try store.trials(sweep: "tiny")
        XCTAssertEqual(trials.count, 6)
        XCTAssertTrue(trials.allSatisfy { $0.trial.status == .done }, "\(trials.map(\.trial.status))")
        for (key, metrics) in doneBefore {
            XCTAssertEqual(try store.metrics(key), metrics, "a trial finished before the kill was changed")
            XCTAssertEqual(try store.trial(key).attempt, 1)
        }
    }

    /// Nightly runs into one store: each `--tag` records its own sweep and runs every trial again.
    func testTaggedRunsAreNewSweepsInOneStore() throws {
        let exe = try binary()
        let suite = try tinySuite(folder, seeds: 2)
        let storePath = folder.appendingPathComponent("s.sqlite").path
        for tag in ["night-1", "night-2", "night-2"] {
            _ = try runAblate(exe, ["run", suite, "--store", storePath, "--tag", tag], in: folder)
        }
        let store = try Store(path: storePath)
        XCTAssertEqual(Set(try store.sweeps(suite: "tiny").map(\.id)), ["tiny@night-1", "tiny@night-2"])
        let first = try store.trials(sweep: "tiny@night-1"), second = try store.trials(sweep: "tiny@night-2")
        XCTAssertEqual(first.count, 2)
        XCTAssertEqual(second.count, 2)
        XCTAssertTrue((first + second).allSatisfy { $0.trial.status == .done && $0.trial.attempt == 1 },
                      "the second night-2 run resumes (nothing to do) instead of running again")
        XCTAssertTrue(Set(first.map(\.trial.key)).isDisjoint(with: second.map(\.trial.key)))
    }

    func testTwoRunnersShareOneSweepAndRunEachTrialOnce() throws {
        let exe = try binary()
        let suite = try tinySuite(folder, seeds: 6)
        let storePath = folder.appendingPathComponent("s.sqlite").path
        _ = try Store(path: storePath)  // created once, so the two runners only open it
        let runners = (0..<2).map { _ -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = ["run", suite, "--store", storePath]
            p.standardOutput = FileHandle.nullDevice
            return p
        }
        for r in runners { try r.run() }
        for r in runners { r.waitUntilExit() }
        XCTAssertEqual(runners.map(\.terminationStatus), [0, 0])
        let trials = try Store(path: storePath).trials(sweep: "tiny")
        XCTAssertEqual(trials.count, 6)
        XCTAssertTrue(trials.allSatisfy { $0.trial.status == .done && $0.trial.attempt == 1 }, "\(trials.map { ($0.trial.status, $0.trial.attempt) })")
    }

    func testHostileSuiteNamesAreStoredLiterallyAndExportCannotEscape() throws {
        let exe = try binary()
        let name = "it's; \\\"x\\\"/../y"
        let suite = try tinySuite(folder, name: "hostile", seeds: 1)
        var text = try String(contentsOfFile: suite, encoding: .utf8)
        text = text.replacingOccurrences(of: "name: hostile", with: "name: \"\(name)\"")
        try text.write(toFile: suite, atomically: true, encoding: .utf8)
        let store = try Store(path: folder.appendingPathComponent("s.sqlite").path)
        let plan = try SweepPlanner.plan(try Suite.load(path: suite))
        XCTAssertEqual(plan.suite.name, "it's; \"x\"/../y")
        _ = try Runner(store: store, options: .init(jobs: 1, executable: exe, cores: 2), output: { _ in }).run(plan)
        XCTAssertEqual(try store.sweeps().map(\.id), ["it's; \"x\"/../y"])
        XCTAssertEqual(try store.summary(sweep: "it's; \"x\"/../y").count(.done), 1)
        XCTAssertTrue(try store.export(sweep: "it's; \"x\"/../y", format: .csv).contains("\"it's; \"\"x\"\"/../y\""))
        // Nothing was written outside the test folder on account of the name.
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().appendingPathComponent("y").path))
    }
}
