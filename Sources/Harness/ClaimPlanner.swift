import Configuration
import Foundation
import Metrics
import Reports
import Store

/// Checks a suite's `baseline:`, `claims:` and `gates:` against its plan before anything runs:
/// every axis and value a claim names exists in the sweep, every metric is one the trials
/// record, every fit and curve exists, and what the claimed gates need is measured.
enum ClaimPlanner {
    static func check(_ suite: Suite, plan: SweepPlan) throws {
        var values: [String: [String]] = [:]
        for t in plan.trials {
            for (k, v) in SweepData.axisValues(t.axesJSON) where k != "seed" {
                if !(values[k]?.contains(v) ?? false) { values[k, default: []].append(v) }
            }
        }
        func checkSelector(_ node: SuiteNode, key: String) throws {
            guard case .map(let entries) = node.value, !entries.isEmpty else {
                throw SuiteError(at: node.location, key: key, "expected a mapping of sweep axis → value",
                                 allowed: values.keys.sorted().joined(separator: ", "))
            }
            for e in entries {
                guard let known = values[e.key] else {
                    throw SuiteError(at: e.keyLocation, key: key + "." + e.key, "'\(e.key)' is not an axis of this sweep",
                                     allowed: values.isEmpty ? "(the sweep has no axes)" : values.keys.sorted().joined(separator: ", "),
                                     suggestion: Nearest.match(e.key, in: Array(values.keys)))
                }
                let v = Suite.text(e.value)
                guard known.contains(v) else {
                    throw SuiteError(at: e.value.location, key: key + "." + e.key, "'\(v)' is not a value of \(e.key) in this sweep",
                                     allowed: known.joined(separator: ", "), suggestion: Nearest.match(v, in: known))
                }
            }
        }
        if let baseline = suite.document["baseline"] { try checkSelector(baseline, key: "baseline") }
        guard case .list(let items)? = suite.document["claims"]?.value else { return }
        let metrics = knownMetrics(suite, plan: plan)
        let fits = suite.fits
        let kinds = Claim.Kind.allCases.map(\.rawValue)
        for (i, item) in items.enumerated() {
            let key = "claims[\(i)]"
            let given = kinds.filter { item[$0] != nil }
            guard given.count == 1 else {
                throw SuiteError(at: item.location, key: key, given.isEmpty ? "a claim needs one kind" : "a claim has one kind, found \(given.joined(separator: ", "))",
                                 allowed: kinds.joined(separator: ", "))
            }
            let kind = Claim.Kind(rawValue: given[0])!
            func require(_ field: String, _ why: String) throws -> SuiteNode {
                guard let node = item[field] else { throw SuiteError(at: item.location, key: key, "a \(kind.rawValue) claim needs '\(field)' (\(why))") }
                return node
            }
            func checkMetric(needsDirection: Bool) throws {
                let node = try require("metric", "stage.name, e.g. eval.loss")
                guard case .string(let m) = node.value, let name = metrics[m] else {
                    throw SuiteError(at: node.location, key: key + ".metric", "'\(node.flowText)' is not a metric the trials record",
                                     allowed: metrics.keys.sorted().joined(separator: ", "), suggestion: Nearest.match(node.flowText, in: Array(metrics.keys)))
                }
                if needsDirection, MetricPolicy().polarity(name) == .neutral {
                    throw SuiteError(at: node.location, key: key + ".metric", "'\(m)' has no better direction; use an equivalent claim or another metric")
                }
            }
            if let margin = item["margin"], case .string(let s) = margin.value {
                guard s.hasSuffix("%"), let p = Double(s.dropLast().trimmingCharacters(in: .whitespaces)), p >= 0 else {
                    throw SuiteError(at: margin.location, key: key + ".margin", "'\(s)' is not a margin", allowed: "a number ≥ 0, or a percentage such as \"5%\"")
                }
            }
            switch kind {
            case .better, .worse, .equivalent:
                try checkSelector(item[kind.rawValue]!, key: key + "." + kind.rawValue)
                if let than = item["than"] { try checkSelector(than, key: key + ".than") } else if suite.document["baseline"] == nil {
                    throw SuiteError(at: item.location, key: key, "a \(kind.rawValue) claim compares with `than` or the suite's `baseline:`; give one")
                }
                try checkMetric(needsDirection: kind != .equivalent)
                if kind == .equivalent { _ = try require("margin", "the largest difference that still counts as equivalent") }
            case .order:
                if case .list(let ranked) = item["order"]!.value {
                    for (j, r) in ranked.enumerated() { try checkSelector(r, key: "\(key).order[\(j)]") }
                }
                try checkMetric(needsDirection: true)
            case .monotone:
                let node = item["monotone"]!
                let axis = Suite.text(node)
                guard let known = values[axis], known.count >= 2 else {
                    throw SuiteError(at: node.location, key: key + ".monotone", "'\(axis)' is not an axis of this sweep with two or more values",
                                     allowed: values.filter { $0.value.count >= 2 }.keys.sorted().joined(separator: ", "))
                }
                _ = try require("direction", "increasing or decreasing")
                if let filter = item["where"] { try checkSelector(filter, key: key + ".where") }
                try checkMetric(needsDirection: false)
            case .slope, .crossover:
                let index = (item["fit"].map { SchemaSection.integer($0, key + ".fit") } ?? 1) - 1
                guard fits.indices.contains(index) else {
                    throw SuiteError(at: item["fit"]?.location ?? item.location, key: key + ".fit",
                                     "the suite has \(fits.count) fit(s); fit \(index + 1) does not exist", allowed: fits.isEmpty ? "(add a fits: entry)" : "1...\(fits.count)")
                }
                let by = fits[index].request.by
                let curves = by.flatMap { values[$0] } ?? []
                let node = item[kind.rawValue]!
                let names: [(String, SuiteNode)] = {
                    if case .list(let l) = node.value { return l.map { (Suite.text($0), $0) } }
                    return [(Suite.text(node), node)]
                }()
                for (name, n) in names where !(by == nil ? name == "all" : curves.contains(name)) {
                    throw SuiteError(at: n.location, key: key + "." + kind.rawValue, "fit \(index + 1) has no curve '\(name)'",
                                     allowed: by == nil ? "all" : curves.joined(separator: ", "))
                }
                if kind == .slope, item["above"] == nil, item["below"] == nil {
                    throw SuiteError(at: item.location, key: key, "a slope claim needs 'above' and/or 'below'")
                }
                if kind == .crossover {
                    let within = try require("within", "the x range [low, high] the curves cross in")
                    if case .list(let r) = within.value, Suite.number(r[0]) >= Suite.number(r[1]) {
                        throw SuiteError(at: within.location, key: key + ".within", "the range must be increasing")
                    }
                }
            }
        }
        try checkGateMeasurements(suite, plan: plan)
    }

    /// Every `stage.name` a trial of this suite records that claims can use, with its metric name
    /// (a compression stage's name holds dots, so the text alone does not split).
    static func knownMetrics(_ suite: Suite, plan: SweepPlan) -> [String: String] {
        var names: [String: String] = [:]
        let all = suite.taskMetricNames + MetricSpec.catalogue.map(\.name)
        var stages: Set<String> = ["eval", "train", Stage.validation]
        for t in plan.trials {
            for pipeline in t.spec.compression {
                for count in 1...max(1, pipeline.count) { stages.insert(CompressionStages.stageName(pipeline, count: count)) }
            }
        }
        for stage in stages { for m in all { names["\(stage).\(m)"] = m } }
        return names
    }

    /// A claim requiring `converged` needs a validation point at or before 80% of training.
    static func checkGateMeasurements(_ suite: Suite, plan: SweepPlan) throws {
        guard suite.claims.contains(where: { $0.gates.contains(.converged) }) else { return }
        for t in plan.trials {
            guard let steps = t.spec.training.steps else { continue }
            let every = t.spec.training.eval_every
            if every == 0 || Double(every) > 0.8 * Double(steps) {
                let node = suite.document.node(at: ["training", "eval_every"]) ?? suite.document["training"] ?? suite.document
                throw SuiteError(at: node.location, key: "training.eval_every",
                                 "the converged gate compares the validation loss at 80% of training with the end; evaluate at least that often",
                                 allowed: "1...\(Int(0.8 * Double(steps))) (or leave converged out of gates.require)")
            }
        }
    }
}
