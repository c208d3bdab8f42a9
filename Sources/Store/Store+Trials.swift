import Foundation
import GRDB

extension Store {
    /// Claims the next runnable trial of `sweep` for `worker` in one transaction
    /// (`pending` or `interrupted` → `running`, attempt + 1, heartbeat now), in sweep order.
    /// Returns nil when nothing is left to claim. Two runners never claim the same trial:
    /// the select and the update happen under one write lock.
    public func claim(sweep: String, worker: String, environmentId: Int64? = nil,
                      now: Double = Date().timeIntervalSince1970) throws -> TrialRecord? {
        try transaction { db in
            guard let key = try String.fetchOne(db, sql: """
                SELECT t.key FROM trials t JOIN sweep_trials s ON s.trial_key = t.key
                WHERE s.sweep_id = ? AND t.status IN ('pending', 'interrupted')
                ORDER BY s.position LIMIT 1
                """, arguments: [sweep]) else { return nil }
            try db.execute(sql: """
                UPDATE trials SET status = 'running', worker = ?, heartbeat = ?, started_at = ?, finished_at = NULL,
                    attempt = attempt + 1, error = NULL, failed_step = NULL, environment_id = COALESCE(?, environment_id)
                WHERE key = ?
                """, arguments: [worker, now, now, environmentId, key])
            return try Self.fetchTrial(db, key)
        }
    }

    /// Marks `running` trials of `sweep` whose worker is gone as `interrupted`, so they can be
    /// claimed again: those whose heartbeat is older than `staleAfter` seconds, and those whose
    /// worker `isGone` says has died (a runner on this host checks the process). Returns their keys.
    @discardableResult
    public func reclaimStale(sweep: String, staleAfter: Double, now: Double = Date().timeIntervalSince1970,
                             isGone: (String) -> Bool = { _ in false }) throws -> [String] {
        try transaction { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT t.key AS key, t.worker AS worker, t.heartbeat AS heartbeat FROM trials t
                JOIN sweep_trials s ON s.trial_key = t.key WHERE s.sweep_id = ? AND t.status = 'running'
                """, arguments: [sweep])
            var keys: [String] = []
            for row in rows {
                let worker: String? = row["worker"]
                let beat: Double? = row["heartbeat"]
                let stale = (beat ?? 0) < now - staleAfter
                if stale || (worker.map(isGone) ?? true) {
                    let key: String = row["key"]
                    try db.execute(sql: "UPDATE trials SET status = 'interrupted', worker = NULL WHERE key = ? AND status = 'running'",
                                   arguments: [key])
                    keys.append(key)
                }
            }
            return keys
        }
    }

    /// Sets the failed, timed-out and diverged trials of `sweep` back to `pending`
    /// (`--retry-failed`). Returns how many.
    @discardableResult
    public func resetFailures(sweep: String) throws -> Int {
        try transaction { db in
            try db.execute(sql: """
                UPDATE trials SET status = 'pending', worker = NULL
                WHERE status IN ('failed', 'timeout', 'diverged')
                AND key IN (SELECT trial_key FROM sweep_trials WHERE sweep_id = ?)
                """, arguments: [sweep])
            return db.changesCount
        }
    }

    /// Refreshes the heartbeat of the trials `worker` is running.
    public func heartbeat(keys: [String], worker: String, now: Double = Date().timeIntervalSince1970) throws {
        guard !keys.isEmpty else { return }
        try transaction { db in
            for key in keys {
                try db.execute(sql: "UPDATE trials SET heartbeat = ? WHERE key = ? AND worker = ? AND status = 'running'",
                               arguments: [now, key, worker])
            }
        }
    }

    /// Records the outcome of `worker`'s attempt at `key` in one transaction: earlier
    /// attempts' measurements are replaced, the status and error set. Returns false (and
    /// writes nothing) when the trial is no longer `running` under `worker`, e.g. because
    /// it was reclaimed: a result is then never written twice.
    @discardableResult
    public func complete(key: String, worker: String, outcome: TrialOutcome,
                         now: Double = Date().timeIntervalSince1970) throws -> Bool {
        try transaction { db in
            guard let owner = try Row.fetchOne(db, sql: "SELECT status, worker FROM trials WHERE key = ?", arguments: [key]) else {
                throw StoreError.unknownTrial(key: key)
            }
            guard owner["status"] == "running", owner["worker"] == worker else { return false }
            for table in ["metrics", "curves", "samples"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE trial_key = ?", arguments: [key])
            }
            for m in outcome.metrics {
                try db.execute(sql: """
                    INSERT INTO metrics (trial_key, stage, name, value, unit, label) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(trial_key, stage, name) DO UPDATE SET value = excluded.value, unit = excluded.unit, label = excluded.label
                    """, arguments: [key, m.stage, m.name, finite(m.value), m.unit, m.label])
            }
            for c in outcome.curves {
                try db.execute(sql: """
                    INSERT INTO curves (trial_key, name, step, value) VALUES (?, ?, ?, ?)
                    ON CONFLICT(trial_key, name, step) DO UPDATE SET value = excluded.value
                    """, arguments: [key, c.name, c.step, finite(c.value)])
            }
            for s in outcome.samples {
                for (i, v) in s.values.enumerated() {
                    try db.execute(sql: "INSERT INTO samples (trial_key, stage, name, idx, value, unit) VALUES (?, ?, ?, ?, ?, ?)",
                                   arguments: [key, s.stage, s.name, i, v, s.unit])
                }
            }
            try db.execute(sql: """
                UPDATE trials SET status = ?, finished_at = ?, heartbeat = ?, error = ?, failed_step = ? WHERE key = ?
                """, arguments: [outcome.status.rawValue, now, now, outcome.error, outcome.failedStep, key])
            return true
        }
    }

    /// Marks `worker`'s running trials among `keys` as `interrupted` (Ctrl-C).
    public func markInterrupted(keys: [String], worker: String) throws {
        guard !keys.isEmpty else { return }
        try transaction { db in
            for key in keys {
                try db.execute(sql: "UPDATE trials SET status = 'interrupted', worker = NULL WHERE key = ? AND worker = ? AND status = 'running'",
                               arguments: [key, worker])
            }
        }
    }

    /// The trial with `key`, or `StoreError.unknownTrial`.
    public func trial(_ key: String) throws -> TrialRecord {
        guard let t = try read({ try Self.fetchTrial($0, key) }) else { throw StoreError.unknownTrial(key: key) }
        return t
    }

    /// The trials of a sweep in `phase` (final by default) in sweep order, with their axis values (JSON text).
    public func trials(sweep: String, phase: TrialPhase = .final) throws -> [(trial: TrialRecord, axes: String)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.*, s.axes AS axes FROM trials t JOIN sweep_trials s ON s.trial_key = t.key
                WHERE s.sweep_id = ? AND s.phase = ? ORDER BY s.position
                """, arguments: [sweep, phase.rawValue]).map { (Self.trial($0), $0["axes"]) }
        }
    }

    /// The metrics of a trial, by stage then name.
    public func metrics(_ key: String) throws -> [Metric] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM metrics WHERE trial_key = ? ORDER BY stage, name", arguments: [key]).map {
                Metric(stage: $0["stage"], name: $0["name"], value: $0["value"], unit: $0["unit"], label: $0["label"])
            }
        }
    }

    /// The curves of a trial, by name then step.
    public func curves(_ key: String) throws -> [CurvePoint] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM curves WHERE trial_key = ? ORDER BY name, step", arguments: [key]).map {
                CurvePoint(name: $0["name"], step: $0["step"], value: $0["value"])
            }
        }
    }

    /// The sample series of a trial.
    public func samples(_ key: String) throws -> [SampleSeries] {
        try read { db in
            var series: [SampleSeries] = []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM samples WHERE trial_key = ? ORDER BY stage, name, idx", arguments: [key]) {
                let stage: String = row["stage"], name: String = row["name"]
                if series.last?.stage != stage || series.last?.name != name {
                    series.append(SampleSeries(stage: stage, name: name, unit: row["unit"], values: []))
                }
                series[series.count - 1].values.append(row["value"])
            }
            return series
        }
    }

    static func fetchTrial(_ db: Database, _ key: String) throws -> TrialRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM trials WHERE key = ?", arguments: [key]).map(trial)
    }

    static func trial(_ row: Row) -> TrialRecord {
        TrialRecord(key: row["key"], spec: row["spec"], seed: row["seed"],
                    status: TrialStatus(rawValue: row["status"]) ?? .pending, attempt: row["attempt"],
                    worker: row["worker"], heartbeat: row["heartbeat"], createdAt: row["created_at"],
                    startedAt: row["started_at"], finishedAt: row["finished_at"], error: row["error"],
                    failedStep: row["failed_step"], environmentId: row["environment_id"])
    }
}

/// NaN and infinities are stored as NULL (SQLite would do so for NaN anyway).
private func finite(_ v: Double?) -> Double? {
    guard let v, v.isFinite else { return nil }
    return v
}
