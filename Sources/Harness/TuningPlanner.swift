import Configuration
import Foundation
import Store

/// Plans the two phases of a tuned sweep: the tuning trials (each configuration × each
/// combination of its candidates × the tuning seeds, scored on the validation split), and the
/// final trials (each configuration at its selected values × the suite's seeds).
public enum TuningPlanner {
    /// A configuration's candidates per tuned key, in `TuningSpec.keys` order.
    public typealias Candidates = [[Double]]

    /// Every combination of `candidates`, one value per key.
    static func combinations(_ candidates: Candidates) -> [[Double]] {
        candidates.reduce([[]]) { partial, values in partial.flatMap { c in values.map { c + [$0] } } }
    }

    /// Checks the `tune:` section against the sweep: each key is one a sweep could vary (or a
    /// variant's parameter) and not itself a sweep axis, and each candidate is allowed there.
    static func check(_ tuning: TuningSpec, suite: Suite, points: SweepPoints) throws {
        let swept = Set(points.points.first?.axes.map(\.0) ?? [])
        for k in tuning.keys {
            let where_ = "tune.keys." + k.key
            if swept.contains(k.key) {
                throw SuiteError(at: k.location, key: where_, "'\(k.key)' is a sweep axis; tune keys the sweep leaves fixed")
            }
            if variantPrefix(of: k.key) == nil && !(k.key.hasPrefix("task.params.") && k.key.split(separator: ".").count == 3)
                && !SweepPlanner.axisKeys.contains(k.key) {
                let allowed = SweepPlanner.axisKeys.filter { $0 != "task.params" }
                throw SuiteError(at: k.location, key: where_, "'\(k.key)' is not a key that can be tuned",
                                 allowed: "task.params.<name>, <variant key>.params.<name>, " + allowed.joined(separator: ", "),
                                 suggestion: Nearest.match(k.key, in: allowed))
            }
            if let node = suite.document.node(at: ["tune", "keys", k.key]), let range = node["log-range"],
               case .list(let b) = range.value, Suite.number(b[0]) >= Suite.number(b[1]) {
                throw SuiteError(at: range.location, key: where_ + ".log-range", "the range must be increasing",
                                 allowed: "[low, high] with 0 < low < high")
            }
        }
        let taskMetrics = suite.taskMetricNames
        if !taskMetrics.contains(tuning.metric) {
            let node = suite.document.node(at: ["tune", "metric"])
            throw SuiteError(at: node?.location ?? suite.document.location, key: "tune.metric",
                             "'\(tuning.metric)' is not a metric of task \(suite.taskId)", allowed: taskMetrics.joined(separator: ", "),
                             suggestion: Nearest.match(tuning.metric, in: taskMetrics))
        }
        // Every candidate of every key must give a valid trial on every configuration.
        _ = try tuningPlan(suite, points: points, tuning: tuning, candidates: initialCandidates(tuning, points: points), tag: nil)
    }

    /// The suite's candidates, for every configuration (before any extension).
    static func initialCandidates(_ tuning: TuningSpec, points: SweepPoints) -> [Candidates] {
        Array(repeating: tuning.keys.map(\.candidates), count: points.points.count)
    }

    /// The tuning trials of `points` with each configuration's `candidates`.
    static func tuningPlan(_ suite: Suite, points: SweepPoints, tuning: TuningSpec, candidates: [Candidates], tag: String?) throws -> SweepPlan {
        var trials: [PlannedSpec] = []
        var seen = Set<String>()
        for (point, own) in zip(points.points, candidates) {
            for values in combinations(own) {
                for seed in tuning.seeds {
                    let spec = try spec(point, tuning: tuning, values: values, seed: seed, tag: tag, phase: .tune)
                    guard seen.insert(spec.key).inserted else { continue }
                    let tuned = zip(tuning.keys, values).map { ($0.key, $0.node($1)) }
                    trials.append(PlannedSpec(spec: spec, key: spec.key, axes: point.axes + tuned + [("seed", SuiteNode(.int(seed), at: points.seedLocation))],
                                              phase: .tune))
                }
            }
        }
        return SweepPlan(suite: suite, axes: points.axes + [("seed", tuning.seeds.count)], trials: trials, tag: tag)
    }

    /// The final trials: each configuration at its `selected` values (nil: the suite's own) × the suite's seeds.
    static func finalPlan(_ suite: Suite, points: SweepPoints, tuning: TuningSpec, selected: [[Double]?], tag: String?) throws -> SweepPlan {
        var trials: [PlannedSpec] = []
        var seen = Set<String>()
        for (point, values) in zip(points.points, selected) {
            for seed in points.seeds {
                var spec: TrialSpec
                if let values {
                    spec = try self.spec(point, tuning: tuning, values: values, seed: seed, tag: tag, phase: .final)
                } else {
                    spec = try TrialSpec.from(document: point.document, variants: point.variants, seed: seed)
                    spec.tag = tag
                }
                guard seen.insert(spec.key).inserted else { continue }
                trials.append(PlannedSpec(spec: spec, key: spec.key, axes: point.axes + [("seed", SuiteNode(.int(seed), at: points.seedLocation))]))
            }
        }
        return SweepPlan(suite: suite, axes: points.axes + [("seed", points.seeds.count)], trials: trials, tag: tag)
    }

    /// The spec of `point` with the tuned keys set to `values`. A tuning trial measures no
    /// compression and no latency: only its validation metrics are used.
    static func spec(_ point: SweepPoint, tuning: TuningSpec, values: [Double], seed: Int, tag: String?, phase: TrialPhase) throws -> TrialSpec {
        var doc = point.document
        var variants = point.variants
        for (k, value) in zip(tuning.keys, values) {
            let path = k.key.split(separator: ".").map(String.init)
            let node = k.node(value)
            if let prefix = variantPrefix(of: k.key) {
                // A variant's parameter: write the variant as {id, params} and resolve it again.
                if let current = doc.node(at: prefix), case .string = current.value {
                    doc = doc.setting(prefix, to: SuiteNode(.map([SuiteEntry(key: "id", keyLocation: current.location, value: current)]), at: current.location))
                }
                doc = doc.setting(path, to: node)
                let variantKey = prefix.joined(separator: ".")
                let resolved = try SuiteValidator.check(doc.node(at: prefix)!, SuiteSchema.type(at: prefix)!, key: variantKey)
                variants.merge(resolved) { $1 }
            } else {
                doc = doc.setting(path, to: node)
                if let type = SuiteSchema.type(at: path) { try SuiteValidator.check(node, type, key: k.key) }
            }
        }
        var spec = try TrialSpec.from(document: doc, variants: variants, seed: seed)
        spec.tag = tag
        if phase == .tune {
            spec.compression = []
            spec.measurement.latency = false
        }
        return spec
    }

    /// The dotted path of the variant whose parameter `key` names (`model.norm` for
    /// `model.norm.params.alpha0`), or nil.
    static func variantPrefix(of key: String) -> [String]? {
        let parts = key.split(separator: ".").map(String.init)
        guard parts.count >= 3, parts[parts.count - 2] == "params" else { return nil }
        let prefix = Array(parts.dropLast(2))
        if case .variant? = SuiteSchema.type(at: prefix) { return prefix }
        return nil
    }
}
