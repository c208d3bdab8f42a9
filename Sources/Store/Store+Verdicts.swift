import Foundation
import GRDB

/// A stored record of one analysis of a sweep, kept as JSON text: a configuration's tuning
/// selection, or a claim's verdict.
public struct AnalysisRecord: Sendable, Equatable {
    /// What it is about: a configuration key (tunings) or a claim's name (claims).
    public var subject: String
    /// `supported`, `contradicted` or `inconclusive` for a claim; empty for a tuning.
    public var verdict: String
    /// The whole record as JSON.
    public var json: String

    public init(subject: String, verdict: String = "", json: String) {
        self.subject = subject
        self.verdict = verdict
        self.json = json
    }
}

extension Store {
    /// Saves (or replaces) the tuning selection of each configuration of sweep `id`.
    public func saveTunings(sweep id: String, _ records: [AnalysisRecord], now: Double = Date().timeIntervalSince1970) throws {
        _ = try sweep(id)
        try transaction { db in
            for r in records {
                try db.execute(sql: """
                    INSERT INTO tunings (sweep_id, configuration, record, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(sweep_id, configuration) DO UPDATE SET record = excluded.record, created_at = excluded.created_at
                    """, arguments: [id, r.subject, r.json, now])
            }
        }
    }

    /// The tuning selections of sweep `id`, by configuration key.
    public func tunings(sweep id: String) throws -> [AnalysisRecord] {
        _ = try sweep(id)
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT configuration, record FROM tunings WHERE sweep_id = ? ORDER BY configuration",
                             arguments: [id]).map { AnalysisRecord(subject: $0["configuration"], json: $0["record"]) }
        }
    }

    /// Replaces the claim verdicts of sweep `id` with `records`, in the suite's order.
    public func saveClaims(sweep id: String, _ records: [AnalysisRecord], now: Double = Date().timeIntervalSince1970) throws {
        _ = try sweep(id)
        try transaction { db in
            try db.execute(sql: "DELETE FROM claims WHERE sweep_id = ?", arguments: [id])
            for (i, r) in records.enumerated() {
                try db.execute(sql: "INSERT INTO claims (sweep_id, position, name, verdict, record, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [id, i, r.subject, r.verdict, r.json, now])
            }
        }
    }

    /// The claim verdicts of sweep `id`, in the suite's order.
    public func claims(sweep id: String) throws -> [AnalysisRecord] {
        _ = try sweep(id)
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT name, verdict, record FROM claims WHERE sweep_id = ? ORDER BY position", arguments: [id])
                .map { AnalysisRecord(subject: $0["name"], verdict: $0["verdict"], json: $0["record"]) }
        }
    }
}
