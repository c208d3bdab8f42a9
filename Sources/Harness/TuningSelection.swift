import Foundation
import Metrics
import Reports
import Store

/// Selects each configuration's values from its finished tuning trials.
enum TuningSelection {
    /// The index of the best combination of `candidates` for `point`, the record, and for each
    /// key whether the best lies at its low or high end (nil: inside or no result).
    static func select(_ point: SweepPoint, tuning: TuningSpec, candidates: TuningPlanner.Candidates, original: TuningPlanner.Candidates,
                       results: [String: TrialResults], tag: String?) throws
        -> (record: TuningRecord, best: [Double]?, edges: [(low: Bool, high: Bool)])
    {
        let combos = TuningPlanner.combinations(candidates)
        let worst = tuning.polarity == .higherIsBetter ? -Double.infinity : Double.infinity
        var curve: [TuningRecord.Point] = []
        var bestIndex: Int?
        for (i, values) in combos.enumerated() {
            let scores: [Double?] = try tuning.seeds.map { seed in
                let key = try TuningPlanner.spec(point, tuning: tuning, values: values, seed: seed, tag: tag, phase: .tune).key
                guard let r = results[key] else { return nil }
                switch r.trial.status {
                case .done: return r.metric(stage: Stage.validation, name: tuning.metric) ?? worst
                case .diverged: return worst
                default: return nil
                }
            }
            let finished = scores.compactMap { $0 }
            let mean = finished.isEmpty ? nil : finished.reduce(0, +) / Double(finished.count)
            curve.append(TuningRecord.Point(values: Dictionary(uniqueKeysWithValues: zip(tuning.keys.map(\.key), values)), scores: scores, mean: mean))
            if let mean, mean.isFinite || bestIndex == nil {
                if let b = bestIndex, let current = curve[b].mean {
                    let better = tuning.polarity == .higherIsBetter ? mean > current : mean < current
                    if better { bestIndex = i }
                } else {
                    bestIndex = i
                }
            }
        }
        let best = bestIndex.map { combos[$0] }
        let edges = tuning.keys.indices.map { k -> (low: Bool, high: Bool) in
            guard let best else { return (false, false) }
            return (best[k] == candidates[k].first!, best[k] == candidates[k].last!)
        }
        let keys = tuning.keys.map(\.key)
        var below: [String: Int] = [:], above: [String: Int] = [:]
        for (k, key) in keys.enumerated() {
            below[key] = candidates[k].filter { $0 < original[k].first! }.count
            above[key] = candidates[k].filter { $0 > original[k].last! }.count
        }
        let record = TuningRecord(configuration: point.label,
                                  keys: keys, rule: tuning.rule, curve: curve,
                                  selected: best.map { Dictionary(uniqueKeysWithValues: zip(keys, $0)) },
                                  extendedBelow: below, extendedAbove: above,
                                  atEdge: zip(keys, edges).filter { $0.1.low || $0.1.high }.map(\.0))
        return (record, best, edges)
    }
}
