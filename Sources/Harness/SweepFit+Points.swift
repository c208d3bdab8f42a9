import Foundation
import Metrics
import ScalingLaws
import Store

extension SweepFit {
    /// A sweep's points and the column names to fit.
    public struct Points: Sendable {
        /// One row per finished trial: `trial`, `seed`, `configuration` (the spec without its
        /// seed), one column per input axis, the metric, and the `by` key when given.
        public let table: FitTable
        /// The metric's column, `stage.name`.
        public let yColumn: String
        /// Finished trials left out because one of their values was not measured (NULL).
        public let skipped: Int
    }

    /// The points of `sweep`'s finished trials: x from the recorded metrics (`params` is
    /// eval.params, `tokens` is train.tokens, `flops` is training FLOPs 3 × eval.flops_per_token ×
    /// train.tokens: forward + backward ≈ 3 forward passes; any other `stage.name` is read as is,
    /// or else a numeric spec key such as `model.width`), y the metric `metric` (`stage.name`, or a
    /// bare name: the eval stage if it holds it, else the one stage that does).
    public static func points(store: Store, sweep: String, metric: String, x: [String], by: String?) throws -> Points {
        let trials: [(trial: TrialRecord, metrics: [Metric])]
        do { trials = try store.finishedTrials(sweep: sweep) } catch let e as StoreError {
            throw FitInputError(e.description)
        }
        let total = try store.summary(sweep: sweep)
        guard !trials.isEmpty else {
            throw FitInputError("sweep '\(sweep)' has no finished trials yet (\(total.total) planned, "
                                + "\(total.count(.pending)) pending, \(total.count(.running)) running); run it first with `ablate run`")
        }
        let yColumn = try resolve(metric, in: trials.map(\.metrics), sweep: sweep)
        var keys: [String] = [], seeds: [String] = [], configurations: [String] = [], byValues: [String] = []
        var numbers = [[Double]](repeating: [], count: x.count + 1)
        var skipped = 0
        for (t, metrics) in trials {
            let values = Dictionary(metrics.map { ("\($0.stage).\($0.name)", $0.value) }, uniquingKeysWith: { a, _ in a })
            func value(_ key: String) throws -> Double? {
                guard let v = values[key] else {
                    throw FitInputError("sweep '\(sweep)': trial \(t.key) has no metric \(key) (it records: "
                                        + values.keys.sorted().joined(separator: ", ") + ")")
                }
                return v
            }
            var spec = (try? JSONSerialization.jsonObject(with: Data(t.spec.utf8))) as? [String: Any] ?? [:]
            var cells: [Double?] = []
            for axis in x {
                if let scale = ScaleAxis(rawValue: axis) {
                    cells.append(scale.value(try scale.inputs.map(value)))
                } else if values[axis] == nil, let n = jsonValue(spec, atDottedKey: axis) as? NSNumber, !(n is Bool) {
                    // Not a metric STAGE.NAME: a numeric key of the trial's spec (model.width).
                    cells.append(n.doubleValue)
                } else {
                    cells.append(try value(axis))
                }
            }
            cells.append(try value(yColumn))
            if cells.contains(where: { $0 == nil }) { skipped += 1; continue }
            let byValue = try by.map { key -> String in
                guard let v = jsonValue(spec, atDottedKey: key) else {
                    throw FitInputError("sweep '\(sweep)': trial \(t.key)'s spec has no key '\(key)' for --by "
                                        + "(its top-level keys: \(spec.keys.sorted().joined(separator: ", ")))")
                }
                return text(v)
            }
            spec["seed"] = nil
            keys.append(t.key)
            seeds.append(String(t.seed))
            configurations.append(text(spec))
            for (i, cell) in cells.enumerated() { numbers[i].append(cell!) }
            if let byValue { byValues.append(byValue) }
        }
        var header = ["trial", "seed", "configuration"] + x + [yColumn]
        var columns: [FitTable.Column] = [.text(keys), .text(seeds), .text(configurations)] + numbers.map { .numbers($0) }
        if let by {
            header.append(by)
            columns.append(.text(shortenedVariantLabels(byValues)))
        }
        return Points(table: FitTable(source: "sweep \(sweep)", header: header, columns: columns), yColumn: yColumn, skipped: skipped)
    }

    /// `stage.name` of the metric called `metric` (see `points`).
    static func resolve(_ metric: String, in metrics: [[Metric]], sweep: String) throws -> String {
        var stages: [String: Set<String>] = [:]
        for m in metrics.joined() { stages[m.name, default: []].insert(m.stage) }
        let known = Set(metrics.joined().map { "\($0.stage).\($0.name)" })
        if known.contains(metric) { return metric }
        if let s = stages[metric] {
            if s.contains("eval") { return "eval.\(metric)" }
            if s.count == 1 { return "\(s.first!).\(metric)" }
            throw FitInputError("sweep '\(sweep)': metric '\(metric)' is recorded at several stages ("
                                + s.sorted().joined(separator: ", ") + "); name one as STAGE.\(metric)")
        }
        throw FitInputError("sweep '\(sweep)': no finished trial records the metric '\(metric)'; they record: "
                            + known.sorted().joined(separator: ", "))
    }

    /// A variant resolves to `{"id": …, "params": …}`: the ids alone label the variants when
    /// they tell the values apart; otherwise the labels stay whole.
    private static func shortenedVariantLabels(_ labels: [String]) -> [String] {
        var ids: [String: String] = [:]
        var taken: [String: String] = [:]
        for full in labels {
            guard let o = (try? JSONSerialization.jsonObject(with: Data(full.utf8))) as? [String: Any],
                  let id = o["id"] as? String else { return labels }
            if let other = taken[id], other != full { return labels }
            taken[id] = full
            ids[full] = id
        }
        return labels.map { ids[$0]! }
    }

    /// A JSON value as a label: strings as they are, anything else as canonical JSON.
    private static func text(_ v: Any) -> String {
        if let s = v as? String { return s }
        return canonicalJSONText(v) ?? "\(v)"
    }
}
