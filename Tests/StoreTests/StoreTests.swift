import Foundation
import GRDB
import XCTest
@testable import Store

/// A fresh store in a temporary folder, removed when the test ends.
func temporaryStore(_ test: XCTestCase, file: String = "ablate.sqlite") throws -> Store {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-store-\(UUID().uuidString)")
    test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return try Store(path: folder.appendingPathComponent(file).path)
}

func planned(_ n: Int, prefix: String = "k") -> [PlannedTrial] {
    (0..<n).map { PlannedTrial(key: "\(prefix)\($0)", spec: "{\"i\":\($0)}", seed: $0, axes: "{\"seed\":\($0)}", position: $0) }
}

/// Records sweep `id` with `n` pending trials in a store at an old schema version, with the
/// SQL that version understands (the current `recordSweep` writes newer columns).
func recordOldSweep(_ store: Store, id: String, trials n: Int) throws {
    try store.transaction { db in
        try db.execute(sql: "INSERT INTO sweeps (id, suite, created_at, updated_at) VALUES (?, ?, 0, 0)", arguments: [id, id])
        for t in planned(n) {
            try db.execute(sql: "INSERT INTO trials (key, spec, seed, created_at) VALUES (?, ?, ?, 0)", arguments: [t.key, t.spec, t.seed])
            try db.execute(sql: "INSERT INTO sweep_trials (sweep_id, trial_key, position, axes) VALUES (?, ?, ?, ?)",
                           arguments: [id, t.key, t.position, t.axes])
        }
    }
}

final class StoreTests: XCTestCase {
    func testOpensInWALModeAtTheNewestSchema() throws {
        let store = try temporaryStore(self)
        XCTAssertEqual(try store.journalMode(), "wal")
        XCTAssertEqual(try store.currentSchemaVersion(), Store.schemaVersion)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.path))
    }

    func testOlderStoreIsMigratedKeepingItsData() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-mig-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        do {
            let old = try Store(path: path, migratingTo: 1)
            XCTAssertEqual(try old.currentSchemaVersion(), 1)
            try recordOldSweep(old, id: "s", trials: 2)
            // Version 1 has no `label` column.
            try old.transaction { db in
                try db.execute(sql: "INSERT INTO metrics (trial_key, stage, name, value, unit) VALUES ('k0', 'eval', 'loss', 1.5, 'nats')")
            }
        }
        let store = try Store(path: path)
        XCTAssertEqual(try store.currentSchemaVersion(), Store.schemaVersion)
        XCTAssertEqual(try store.trials(sweep: "s").count, 2)
        XCTAssertEqual(try store.metrics("k0"), [Metric(stage: "eval", name: "loss", value: 1.5, unit: "nats", label: "measured")])
    }

    func testNewerStoreIsRefusedUntouched() throws {
        let store = try temporaryStore(self)
        try store.transaction { db in try db.execute(sql: "UPDATE schema_version SET version = 99") }
        XCTAssertThrowsError(try Store(path: store.path)) { error in
            XCTAssertEqual(error as? StoreError, .newerSchema(path: store.path, found: 99, supported: Store.schemaVersion))
            XCTAssertTrue("\(error)".contains("newer Ablate"), "\(error)")
        }
        XCTAssertEqual(try store.currentSchemaVersion(), 99)
    }

    func testRecordingIsInsertIfAbsent() throws {
        let store = try temporaryStore(self)
        XCTAssertEqual(try store.recordSweep(id: "s", suite: "s", description: "", suiteText: "", trials: planned(3), provenance: "{}").newTrials, 3)
        let t = try XCTUnwrap(try store.claim(sweep: "s", worker: "w"))
        XCTAssertTrue(try store.complete(key: t.key, worker: "w", outcome: TrialOutcome(status: .done, metrics: [Metric(stage: "eval", name: "loss", value: 2)])))
        // Planning again (and extending the sweep by two trials) adds only the new ones.
        XCTAssertEqual(try store.recordSweep(id: "s", suite: "s", description: "", suiteText: "", trials: planned(5), provenance: "{}").newTrials, 2)
        XCTAssertEqual(try store.trial(t.key).status, .done)
        XCTAssertEqual(try store.metrics(t.key).first?.value, 2)
        XCTAssertEqual(try store.summary(sweep: "s").total, 5)
        XCTAssertEqual(try store.provenance(sweep: "s").count, 2)
    }

    func testClaimsFollowSweepOrderAndRunOut() throws {
        let store = try temporaryStore(self)
        try store.recordSweep(id: "s", suite: "s", description: "", suiteText: "", trials: planned(3), provenance: "{}")
        var keys: [String] = []
        while let t = try store.claim(sweep: "s", worker: "w") {
            XCTAssertEqual(t.status, .running)
            XCTAssertEqual(t.attempt, 1)
            XCTAssertEqual(t.worker, "w")
            keys.append(t.key)
        }
        XCTAssertEqual(keys, ["k0", "k1", "k2"])
    }

    func testConcurrentClaimersNeverShareATrial() throws {
        let store = try temporaryStore(self)
        try store.recordSweep(id: "s", suite: "s", description: "", suiteText: "", trials: planned(60), provenance: "{}")
        let lock = NSLock()
        var claimed: [String] = []
        DispatchQueue.concurrentPerform(iterations: 4) { w in
            // Separate connections, as separate processes would have.
            let mine = try! Store(path: store.path)
            while let t = try! mine.claim(sweep: "s", worker: "w\(w)") {
                lock.lock(); claimed.append(t.key); lock.unlock()
            }
        }
        XCTAssertEqual(claimed.count, 60)
        XCTAssertEqual(Set(claimed).count, 60)
    }

    func testOnlyTheOwningWorkerCompletesAndAttemptsReplaceMeasurements() throws {
        let store = try temporaryStore(self)
        try store.recordSweep(id: "s", suite: "s", description: "", suiteText: "", trials: planned(1), provenance: "{}")
        _ = try store.claim(sweep: "s", worker: "a")
        XCTAssertFalse(try store.complete(key: "k0", worker: "b", outcome: TrialOutcome(status: .done)))
        XCTAssertEqual(try store.trial("k0").status, .running)
        // The worker dies; its trial is reclaimed, run again and completed by another.
        XCTAssertEqual(try store.reclaimStale(sweep: "s", staleAfter: 1000, isGone: { $0 == "a" }), ["k0"])
        let again = try XCTUnwrap(try store.claim(sweep: "s", worker: "b"))
        XCTAssertEqual(again.attempt, 2)
        XCTAssertTrue(try store.complete(key: "k0", worker: "b", outcome: TrialOutcome(
            status: .done, metrics: [Metric(stage: "eval", name: "acc", value: 0.5, unit: "fraction")],
            curves: [CurvePoint(name: "loss", step: 0, value: 3), CurvePoint(name: "loss", step: 10, value: .nan)],
            samples: [SampleSeries(stage: "eval", name: "latency", unit: "s", values: [1, 2, 3])])))
        // A late result from the first worker is ignored.
        XCTAssertFalse(try store.complete(key: "k0", worker: "a", outcome: TrialOutcome(status: .failed, error: "late")))
        XCTAssertEqual(try store.trial("k0").status, .done)
        XCTAssertEqual(try store.curves("k0"), [CurvePoint(name: "loss", step: 0, value: 3), CurvePoint(name: "loss", step: 10, value: nil)])
        XCTAssertEqual(try store.samples("k0").first?.values, [1, 2, 3])
    }

    func testStaleHeartbeatsAreReclaimedAndFreshOnesKept() throws {
        let store = try temporaryStore(self)
        try store.recordSweep(id: "s", suite: "s", description: "", suiteText: "", trials: planned(2), provenance: "{}")
        _ = try store.claim(sweep: "s", worker: "old", now: 100)
        _ = try store.claim(sweep: "s", worker: "new", now: 1000)
        XCTAssertEqual(try store.reclaimStale(sweep: "s", staleAfter: 60, now: 1010), ["k0"])
        XCTAssertEqual(try store.trial("k0").status, .interrupted)
        XCTAssertEqual(try store.trial("k1").status, .running)
        XCTAssertEqual(try store.claim(sweep: "s", worker: "x")?.key, "k0")
    }

    func testRetryResetsOnlyFailures() throws {
        let store = try temporaryStore(self)
        try store.recordSweep(id: "s", suite: "s", description: "", suiteText: "", trials: planned(4), provenance: "{}")
        for status in [TrialStatus.done, .failed, .timeout, .diverged] {
            let t = try XCTUnwrap(try store.claim(sweep: "s", worker: "w"))
            try store.complete(key: t.key, worker: "w", outcome: TrialOutcome(status: status, error: status == .done ? nil : "x", failedStep: status == .diverged ? 7 : nil))
        }
        XCTAssertEqual(try store.trial("k3").failedStep, 7)
        XCTAssertNil(try store.claim(sweep: "s", worker: "w"))
        XCTAssertEqual(try store.resetFailures(sweep: "s"), 3)
        XCTAssertEqual(try store.trial("k0").status, .done)
        XCTAssertEqual(try store.claim(sweep: "s", worker: "w")?.key, "k1")
    }

    func testHostileNamesAreStoredLiterally() throws {
        let store = try temporaryStore(self)
        let sweep = "it's \"quoted\"; DROP TABLE trials; --/../../etc"
        let key = "k'; DELETE FROM metrics; --"
        try store.recordSweep(id: sweep, suite: "a/b\\c", description: "semi;colon", suiteText: "x: 'y'",
                              trials: [PlannedTrial(key: key, spec: "{\"name\":\"a'b\"}", seed: 1, axes: "{\"model.norm\":\"n'; x\"}", position: 0)],
                              provenance: "{}")
        let t = try XCTUnwrap(try store.claim(sweep: sweep, worker: "w\"; --"))
        XCTAssertEqual(t.key, key)
        try store.complete(key: key, worker: "w\"; --", outcome: TrialOutcome(status: .done, metrics: [Metric(stage: "compress:a'b", name: "m\"; x", value: 1)]))
        XCTAssertEqual(try store.sweep(sweep).suite, "a/b\\c")
        XCTAssertEqual(try store.metrics(key).first?.name, "m\"; x")
        let csv = try store.export(sweep: sweep, format: .csv)
        XCTAssertTrue(csv.contains("\"m\"\"; x\""), csv)
        XCTAssertTrue(csv.contains("\"it's \"\"quoted\"\"; DROP TABLE trials; --/../../etc\""), csv)
        let jsonl = try store.export(sweep: sweep, format: .jsonl)
        let object = try JSONSerialization.jsonObject(with: Data(jsonl.split(separator: "\n")[0].utf8)) as! [String: Any]
        XCTAssertEqual(object["sweep"] as? String, sweep)
        XCTAssertEqual(object["axis.model.norm"] as? String, "n'; x")
        XCTAssertEqual(object["stage"] as? String, "compress:a'b")
    }

    /// A variant axis with parameters and a list axis export as compact JSON, not as empty cells.
    func testExportWritesVariantAndListAxesAsJSON() throws {
        let store = try temporaryStore(self)
        let axes = #"{"model.ffn":{"id":"ffn.lowrank","params":{"rank":8}},"model.arch":["arch.mup"],"training.lr":0.003,"flag":true,"seed":0}"#
        try store.recordSweep(id: "s", suite: "s", description: "", suiteText: "",
                              trials: [PlannedTrial(key: "k", spec: "{}", seed: 0, axes: axes, position: 0)], provenance: "{}")
        let jsonl = try store.export(sweep: "s", format: .jsonl)
        let row = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(jsonl.utf8)) as? [String: Any])
        XCTAssertEqual(row["axis.model.ffn"] as? String, #"{"id":"ffn.lowrank","params":{"rank":8}}"#)
        XCTAssertEqual(row["axis.model.arch"] as? String, #"["arch.mup"]"#)
        XCTAssertEqual(row["axis.training.lr"] as? Double, 0.003)
        XCTAssertEqual(row["axis.flag"] as? String, "true")
        let csv = try store.export(sweep: "s", format: .csv)
        XCTAssertTrue(csv.contains(#""{""id"":""ffn.lowrank"",""params"":{""rank"":8}}""#), csv)
    }

    func testExportHasOneRowPerTrialAndStage() throws {
        let store = try temporaryStore(self)
        try store.recordSweep(id: "s", suite: "s", description: "", suiteText: "", trials: planned(2), provenance: "{}")
        let t = try XCTUnwrap(try store.claim(sweep: "s", worker: "w"))
        try store.complete(key: t.key, worker: "w", outcome: TrialOutcome(status: .done, metrics: [
            Metric(stage: "train", name: "tokens", value: 100), Metric(stage: "eval", name: "loss", value: 0.25),
            Metric(stage: "eval", name: "accuracy", value: 0.5)]))
        let lines = try store.export(sweep: "s", format: .csv).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 1 + 2 + 1)  // header, two stages of k0, the pending k1
        let header = lines[0].split(separator: ",").map(String.init)
        XCTAssertEqual(Array(header.prefix(3)), ["sweep", "trial", "status"])
        XCTAssertTrue(header.contains("axis.seed") && header.contains("loss") && header.contains("tokens"), lines[0])
        let eval = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(eval[header.firstIndex(of: "stage")!], "eval")
        XCTAssertEqual(eval[header.firstIndex(of: "loss")!], "0.25")
        XCTAssertEqual(eval[header.firstIndex(of: "tokens")!], "")
        XCTAssertTrue(lines[3].contains(",pending,"))
        XCTAssertThrowsError(try store.export(sweep: "nope", format: .csv)) { error in
            XCTAssertEqual(error as? StoreError, .unknownSweep(id: "nope", known: ["s"]))
        }
    }
}
