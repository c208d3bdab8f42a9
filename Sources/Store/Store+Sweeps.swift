import Foundation
import GRDB

extension Store {
    /// Records a sweep and its planned trials in one transaction: the sweep row is created
    /// or updated, a provenance row is added, and each trial is inserted only if its key is
    /// new (a finished trial is never reset). Returns how many trials were new to the store
    /// and the environment id of this run.
    @discardableResult
    public func recordSweep(id: String, suite: String, description: String, suiteText: String,
                            trials: [PlannedTrial], provenance: String,
                            now: Double = Date().timeIntervalSince1970) throws -> (newTrials: Int, environmentId: Int64) {
        try transaction { db in
            try db.execute(sql: """
                INSERT INTO sweeps (id, suite, description, suite_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET suite = excluded.suite, description = excluded.description,
                    suite_text = excluded.suite_text, updated_at = excluded.updated_at
                """, arguments: [id, suite, description, suiteText, now, now])
            try db.execute(sql: "INSERT INTO environments (sweep_id, recorded_at, provenance) VALUES (?, ?, ?)",
                           arguments: [id, now, provenance])
            let environment = db.lastInsertedRowID
            var inserted = 0
            for t in trials {
                try db.execute(sql: """
                    INSERT INTO trials (key, spec, seed, status, created_at) VALUES (?, ?, ?, 'pending', ?)
                    ON CONFLICT(key) DO NOTHING
                    """, arguments: [t.key, t.spec, t.seed, now])
                inserted += db.changesCount
                try db.execute(sql: """
                    INSERT INTO sweep_trials (sweep_id, trial_key, position, axes, phase) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(sweep_id, trial_key) DO UPDATE SET position = excluded.position, axes = excluded.axes,
                        phase = excluded.phase
                    """, arguments: [id, t.key, t.position, t.axes, t.phase.rawValue])
            }
            return (inserted, environment)
        }
    }

    /// Every sweep, newest first.
    public func sweeps() throws -> [SweepRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sweeps ORDER BY updated_at DESC, id").map(Self.sweep)
        }
    }

    /// The sweep `id`, or `StoreError.unknownSweep` listing the known ones.
    public func sweep(_ id: String) throws -> SweepRecord {
        let found = try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sweeps WHERE id = ?", arguments: [id]).map(Self.sweep)
        }
        guard let found else { throw StoreError.unknownSweep(id: id, known: try sweeps().map(\.id)) }
        return found
    }

    /// The provenance JSON texts recorded for a sweep, oldest first.
    public func provenance(sweep: String) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT provenance FROM environments WHERE sweep_id = ? ORDER BY id", arguments: [sweep])
        }
    }

    /// Trial counts by status and finished durations of a sweep.
    public func summary(sweep id: String) throws -> SweepSummary {
        _ = try sweep(id)
        return try read { db in
            var counts: [TrialStatus: Int] = [:]
            var total = 0
            for row in try Row.fetchAll(db, sql: """
                SELECT t.status AS status, COUNT(*) AS n FROM trials t JOIN sweep_trials s ON s.trial_key = t.key
                WHERE s.sweep_id = ? GROUP BY t.status
                """, arguments: [id]) {
                let n: Int = row["n"]
                total += n
                if let s = TrialStatus(rawValue: row["status"]) { counts[s] = n }
            }
            let seconds = try Double.fetchAll(db, sql: """
                SELECT t.finished_at - t.started_at FROM trials t JOIN sweep_trials s ON s.trial_key = t.key
                WHERE s.sweep_id = ? AND t.status = 'done' AND t.started_at IS NOT NULL AND t.finished_at IS NOT NULL
                """, arguments: [id])
            return SweepSummary(sweep: id, total: total, counts: counts, finishedSeconds: seconds)
        }
    }

    static func sweep(_ row: Row) -> SweepRecord {
        SweepRecord(id: row["id"], suite: row["suite"], description: row["description"], suiteText: row["suite_text"],
                    createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}
