import Foundation
import GRDB

/// One scaling-law fit over a sweep's results, as `ablate fit SWEEP` saves it. The JSON texts
/// are objects keyed by parameter name (`intervals` maps a name to `[lower, upper]`).
public struct FitRecord: Sendable, Equatable {
    /// Row id (0 before saving).
    public var id: Int64
    public var sweep: String
    /// The form's name (`power`, `saturating-power`, …).
    public var form: String
    /// The input axes, comma-separated (`params`, `params,tokens`).
    public var x: String
    /// The fitted metric (`eval.loss`).
    public var y: String
    /// `{"name": estimate}`.
    public var parameters: String
    /// `{"name": standard error}` from the bootstrap (`{}` without one).
    public var standardErrors: String
    /// `{"name": [lower, upper]}` percentile intervals (`{}` without a bootstrap).
    public var intervals: String
    /// The minimum of the objective.
    public var objective: Double?
    /// Points fitted.
    public var points: Int
    /// Mean absolute relative prediction error on the held-out points (nil without a held-out check).
    public var heldoutError: Double?
    /// The `--by` spec key (empty when the sweep was fitted as a whole) and this fit's value of it.
    public var byKey: String
    public var byValue: String
    /// The whole report as JSON (what `ablate fit --json` prints for this fit).
    public var report: String
    public var createdAt: Double

    public init(id: Int64 = 0, sweep: String, form: String, x: String, y: String, parameters: String,
                standardErrors: String = "{}", intervals: String = "{}", objective: Double?, points: Int,
                heldoutError: Double? = nil, byKey: String = "", byValue: String = "", report: String = "{}",
                createdAt: Double = Date().timeIntervalSince1970) {
        self.id = id; self.sweep = sweep; self.form = form; self.x = x; self.y = y
        self.parameters = parameters; self.standardErrors = standardErrors; self.intervals = intervals
        self.objective = objective; self.points = points; self.heldoutError = heldoutError
        self.byKey = byKey; self.byValue = byValue; self.report = report; self.createdAt = createdAt
    }
}

extension Store {
    /// Saves a fit of an existing sweep and returns its row id.
    @discardableResult
    public func saveFit(_ f: FitRecord) throws -> Int64 {
        _ = try sweep(f.sweep)
        return try transaction { db in
            // A refit of the same form, variables and group replaces the earlier one.
            try db.execute(sql: """
                DELETE FROM fits WHERE sweep_id = ? AND form = ? AND x = ? AND y = ?
                    AND by_key IS ? AND by_value IS ?
                """, arguments: [f.sweep, f.form, f.x, f.y, f.byKey, f.byValue])
            try db.execute(sql: """
                INSERT INTO fits (sweep_id, form, x, y, parameters, standard_errors, intervals, objective, points,
                    heldout_error, by_key, by_value, report, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [f.sweep, f.form, f.x, f.y, f.parameters, f.standardErrors, f.intervals,
                                 f.objective.flatMap { $0.isFinite ? $0 : nil }, f.points,
                                 f.heldoutError.flatMap { $0.isFinite ? $0 : nil }, f.byKey, f.byValue, f.report, f.createdAt])
            return db.lastInsertedRowID
        }
    }

    /// The fits saved for a sweep, oldest first.
    public func fits(sweep id: String) throws -> [FitRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM fits WHERE sweep_id = ? ORDER BY id", arguments: [id]).map { r in
                FitRecord(id: r["id"], sweep: r["sweep_id"], form: r["form"], x: r["x"], y: r["y"], parameters: r["parameters"],
                          standardErrors: r["standard_errors"], intervals: r["intervals"], objective: r["objective"],
                          points: r["points"], heldoutError: r["heldout_error"], byKey: r["by_key"], byValue: r["by_value"],
                          report: r["report"], createdAt: r["created_at"])
            }
        }
    }

    /// The finished (`done`) final trials of a sweep in sweep order, each with its metrics, read in one snapshot.
    public func finishedTrials(sweep id: String) throws -> [(trial: TrialRecord, metrics: [Metric])] {
        _ = try sweep(id)
        return try read { db in
            let trials = try Row.fetchAll(db, sql: """
                SELECT t.* FROM trials t JOIN sweep_trials s ON s.trial_key = t.key
                WHERE s.sweep_id = ? AND t.status = 'done' AND s.phase = 'final' ORDER BY s.position
                """, arguments: [id]).map(Self.trial)
            return try trials.map { t in
                let m = try Row.fetchAll(db, sql: "SELECT * FROM metrics WHERE trial_key = ? ORDER BY stage, name", arguments: [t.key]).map {
                    Metric(stage: $0["stage"], name: $0["name"], value: $0["value"], unit: $0["unit"], label: $0["label"])
                }
                return (t, m)
            }
        }
    }
}
