import Foundation
import Reports
import Store

/// The tuning phase of `ablate run`: rounds of tuning trials until no configuration's best
/// value lies at an end it may still extend, then the selections and the final plan.
struct TuningRun {
    let suite: Suite
    let tuning: TuningSpec
    let points: SweepPoints
    let tag: String?

    /// The first round's tuning trials (for a dry run and to check the suite before running).
    func firstRound() throws -> SweepPlan {
        try TuningPlanner.tuningPlan(suite, points: points, tuning: tuning, candidates: initialCandidates, tag: tag)
    }

    var initialCandidates: [TuningPlanner.Candidates] { TuningPlanner.initialCandidates(tuning, points: points) }

    /// Runs tuning rounds with `run` (one plan into the store) and returns the final plan, or nil
    /// when a round was interrupted. Every round is derived from the store, so a rerun resumes.
    func run(store: Store, sweep: String, summary: inout Runner.Summary,
             runPlan: (SweepPlan) throws -> Runner.Summary, events: (SuiteRun.Event) -> Void) throws -> SweepPlan? {
        var candidates = initialCandidates
        let original = tuning.keys.map(\.candidates)
        var round = 0
        while true {
            let plan = try TuningPlanner.tuningPlan(suite, points: points, tuning: tuning, candidates: candidates, tag: tag)
            events(.progress("tuning round \(round + 1): \(plan.trials.count) tuning trial(s) on the validation split"))
            let ran = try runPlan(plan)
            summary.merge(ran)
            if ran.interrupted { return nil }
            let results = Dictionary(try store.results(sweep: sweep, phase: .tune).map { ($0.trial.key, $0) }) { a, _ in a }
            var records: [TuningRecord] = []
            var selected: [[Double]?] = []
            var grew = false
            for (p, point) in points.points.enumerated() {
                let (record, best, edges) = try TuningSelection.select(point, tuning: tuning, candidates: candidates[p], original: original,
                                                                       results: results, tag: tag)
                for (k, key) in tuning.keys.enumerated() where best != nil {
                    for above in [false, true] where above ? edges[k].high : edges[k].low {
                        let added = above ? record.extendedAbove[key.key]! : record.extendedBelow[key.key]!
                        guard added < tuning.extend else { continue }
                        let next = key.step(beyond: candidates[p][k], above: above)
                        var trial = best!
                        trial[k] = next
                        // A value the key does not allow (an lr above 10) ends the extension.
                        guard (try? TuningPlanner.spec(point, tuning: tuning, values: trial, seed: tuning.seeds[0], tag: tag, phase: .tune)) != nil,
                              !candidates[p][k].contains(next) else { continue }
                        candidates[p][k] = above ? candidates[p][k] + [next] : [next] + candidates[p][k]
                        grew = true
                    }
                }
                records.append(record)
                selected.append(best)
            }
            if grew {
                round += 1
                continue
            }
            try store.saveTunings(sweep: sweep, records.map { AnalysisRecord(subject: $0.configuration, json: $0.json) })
            for record in records {
                let chosen = record.selected.map { s in record.keys.map { "\($0)=\(Self.short(s[$0]!))" }.joined(separator: " ") } ?? "no finished candidate"
                events(.progress("tuned \(record.configuration): \(chosen)" + (record.atEdge.isEmpty ? "" : " (at the edge: \(record.atEdge.joined(separator: ", ")))")))
            }
            return try TuningPlanner.finalPlan(suite, points: points, tuning: tuning, selected: selected, tag: tag)
        }
    }

    static func short(_ v: Double) -> String { String(format: "%.4g", v) }
}

extension Runner.Summary {
    /// Adds the counts of another run.
    mutating func merge(_ other: Runner.Summary) {
        for (status, n) in other.ran { ran[status, default: 0] += n }
        interrupted = interrupted || other.interrupted
        newTrials += other.newTrials
    }
}
