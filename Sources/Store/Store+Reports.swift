import Foundation
import GRDB

/// Everything stored about one trial of a sweep, as reports and comparisons read it.
public struct TrialResults: Sendable, Equatable {
    public var trial: TrialRecord
    /// The sweep-axis values that distinguish it (JSON object text).
    public var axes: String
    /// Its position in the sweep.
    public var position: Int
    /// Metrics by stage then name.
    public var metrics: [Metric]
    /// Curve points by name then step.
    public var curves: [CurvePoint]
    /// Sample series by stage then name, every sample in the order taken.
    public var samples: [SampleSeries]
}

extension Store {
    /// The sweeps recorded for suite `suite`, oldest first (by creation time, then id).
    public func sweeps(suite: String) throws -> [SweepRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sweeps WHERE suite = ? ORDER BY created_at, id", arguments: [suite])
                .map(Self.sweep)
        }
    }

    /// Every trial of sweep `id` in `phase` (final by default), in sweep order, whatever its status,
    /// with its metrics, curves and samples (each trial's measurements are written in one
    /// transaction, so each is consistent).
    public func results(sweep id: String, phase: TrialPhase = .final) throws -> [TrialResults] {
        _ = try sweep(id)
        let rows: [(TrialRecord, String, Int)] = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.*, s.axes AS axes, s.position AS position FROM trials t JOIN sweep_trials s ON s.trial_key = t.key
                WHERE s.sweep_id = ? AND s.phase = ? ORDER BY s.position
                """, arguments: [id, phase.rawValue]).map { (Self.trial($0), $0["axes"], $0["position"]) }
        }
        return try rows.map { t, axes, position in
            TrialResults(trial: t, axes: axes, position: position, metrics: try metrics(t.key),
                         curves: try curves(t.key), samples: try samples(t.key))
        }
    }
}
