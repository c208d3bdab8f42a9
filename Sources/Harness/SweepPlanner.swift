import Configuration
import Foundation
import Reports
import Store
import Tensor

/// One trial of a plan: its spec, content key, the sweep-axis values that set it, and its phase.
public struct PlannedSpec: Sendable {
    public let spec: TrialSpec
    public let key: String
    /// (dotted key, value) for every axis, `seed` last.
    public let axes: [(String, SuiteNode)]
    /// Tuning or final.
    public var phase: TrialPhase = .final

    /// The axis values as a JSON object text, keys sorted.
    public var axesJSON: String { Self.json(axes) }

    /// Axis values as a JSON object text, keys sorted.
    static func json(_ axes: [(String, SuiteNode)]) -> String {
        var object: [String: Any] = [:]
        for (k, v) in axes { object[k] = v.json }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}

/// One configuration of a sweep before seeds: the axis values that set it, its trial
/// document and the variants it resolves to.
public struct SweepPoint: Sendable {
    /// (dotted key, value) for every axis but `seed`.
    public let axes: [(String, SuiteNode)]
    let document: SuiteNode
    let variants: [String: VariantSpec]

    /// `key=value` pairs of its axes, sorted by key, as reports label a configuration.
    public var label: String { SweepData.label(axes: PlannedSpec.json(axes)) }
}

/// The expanded sweep of a suite.
public struct SweepPlan: Sendable {
    public let suite: Suite
    /// The axes and how many values each has, in expansion order (`seed` last).
    public let axes: [(name: String, count: Int)]
    /// Distinct trials in sweep order (identical specs collapse into one).
    public let trials: [PlannedSpec]
    /// The run tag every trial carries (`ablate run --tag`), or nil.
    public var tag: String? = nil
    /// For a tuned suite, the first round of tuning trials that run before these (whose
    /// tuned keys then take each configuration's selected values); nil otherwise.
    public var tuningTrials: [PlannedSpec] = []

    /// The sweep id in the store: the suite's name, with `@tag` for a tagged run.
    public var sweepId: String { tag.map { "\(suite.name)@\($0)" } ?? suite.name }
}

/// The configurations of a sweep and its seeds, before they are crossed.
public struct SweepPoints: Sendable {
    public let points: [SweepPoint]
    /// The axes and how many values each has, in expansion order (without `seed`).
    public let axes: [(name: String, count: Int)]
    /// The replicate seeds, and where the suite sets them.
    public let seeds: [Int]
    let seedLocation: SourceLocation
}

/// Expands a suite's sweep: grid (cartesian, first axis outermost) × zip (advanced
/// together) × random samples × seeds (innermost), then checks every value the sweep sets
/// and decodes every trial's spec, so that any bad value fails before anything runs.
public enum SweepPlanner {
    /// `tag` (see `TrialSpec.tag`) goes into every trial's spec, and so into its key. The
    /// suite's `tune:`, `baseline:` and `claims:` are checked against the plan too.
    public static func plan(_ suite: Suite, tag: String? = nil) throws -> SweepPlan {
        let expanded = try points(suite)
        var trials: [PlannedSpec] = []
        var seen = Set<String>()
        for point in expanded.points {
            for seed in expanded.seeds {
                var spec = try TrialSpec.from(document: point.document, variants: point.variants, seed: seed)
                spec.tag = tag
                let key = spec.key
                guard seen.insert(key).inserted else { continue }
                trials.append(PlannedSpec(spec: spec, key: key, axes: point.axes + [("seed", SuiteNode(.int(seed), at: expanded.seedLocation))]))
            }
        }
        let plan = SweepPlan(suite: suite, axes: expanded.axes + [("seed", expanded.seeds.count)], trials: trials, tag: tag)
        if let tuning = suite.tuning { try TuningPlanner.check(tuning, suite: suite, points: expanded) }
        try ClaimPlanner.check(suite, plan: plan)
        return plan
    }

    /// The sweep's configurations (grid × zip × random, each swept value checked) and its seeds.
    public static func points(_ suite: Suite) throws -> SweepPoints {
        let doc = suite.document
        let sweep = doc["sweep"]
        if let sweep, sweep.entries.isEmpty {
            throw SuiteError(at: sweep.location, key: "sweep", "the sweep is empty; give grid, zip, random or seeds (or leave out the key for one trial)")
        }
        // Each factor is a list of points; a point is a list of (key, value) assignments.
        typealias Point = [(String, SuiteNode)]
        var factors: [(name: String, points: [Point])] = []
        for e in sweep?["grid"]?.entries ?? [] {
            try checkAxis(e.key, at: e.keyLocation, section: "sweep.grid")
            guard case .list(let values) = e.value.value else { continue }
            factors.append((e.key, values.map { [(e.key, $0)] }))
        }
        if let zip = sweep?["zip"], !zip.entries.isEmpty {
            var length: Int?
            for e in zip.entries {
                try checkAxis(e.key, at: e.keyLocation, section: "sweep.zip")
                guard case .list(let values) = e.value.value else { continue }
                if let l = length, l != values.count {
                    throw SuiteError(at: e.value.location, key: "sweep.zip." + e.key,
                                     "zip lists must have equal lengths: this one has \(values.count), the first has \(l)")
                }
                length = values.count
            }
            let points: [Point] = (0..<(length ?? 0)).map { i in
                zip.entries.map { e -> (String, SuiteNode) in
                    guard case .list(let values) = e.value.value else { preconditionFailure() }
                    return (e.key, values[i])
                }
            }
            factors.append((zip.entries.map(\.key).joined(separator: "+"), points))
        }
        if let random = sweep?["random"] {
            factors.append(("random", try randomPoints(random)))
        }
        let seedsNode = SchemaSection("sweep", of: doc, SuiteSchema.sweep).node("seeds")
        let seeds: [Int]
        if case .list(let items) = seedsNode.value {
            seeds = items.map { SchemaSection.integer($0, "sweep.seeds") }
        } else {
            seeds = Array(0..<SchemaSection.integer(seedsNode, "sweep.seeds"))
        }
        // A combination picks one point of each factor.
        var combos: [[Int]] = [[]]
        for f in factors {
            combos = combos.flatMap { c in f.points.indices.map { c + [$0] } }
        }
        var points: [SweepPoint] = []
        var checked: [String: [String: VariantSpec]] = [:]
        for choice in combos {
            let assignments = zip(factors.indices, choice).flatMap { f, i in
                factors[f].points[i].map { SweptValue(path: $0.0.split(separator: ".").map(String.init), node: $0.1, origin: "\(f)/\(i)") }
            }
            let combo = assignments.map { ($0.path.joined(separator: "."), $0.node) }
            var trialDoc = doc.removing(["sweep"])
            for a in assignments { trialDoc = trialDoc.setting(a.path, to: a.node) }
            let variants = try checkSweptValues(assignments, in: trialDoc, variants: suite.variants, checked: &checked)
            points.append(SweepPoint(axes: combo, document: trialDoc, variants: variants))
        }
        return SweepPoints(points: points, axes: factors.map { ($0.name, $0.points.count) }, seeds: seeds,
                           seedLocation: sweep?["seeds"]?.location ?? doc.location)
    }

    /// Every dotted key a sweep may vary: the schema's leaves, and any task parameter.
    public static var axisKeys: [String] {
        func leaves(_ fields: [SchemaField], _ prefix: String) -> [String] {
            fields.flatMap { f -> [String] in
                let key = prefix.isEmpty ? f.name : prefix + "." + f.name
                if ["sweep", "report", "fits", "compression", "name", "description", "tune", "baseline", "claims", "gates"].contains(key) { return [] }
                if case .object(let sub) = f.type { return leaves(sub, key) }
                return [key]
            }
        }
        return leaves(SuiteSchema.root, "")
    }

    /// A value a sweep point sets: its path, and which point of which factor (`factor/point`) set it.
    private struct SweptValue {
        let path: [String]
        let node: SuiteNode
        let origin: String
    }

    /// Checks the values a sweep point set in its trial document (the rest of the suite was
    /// checked when it was loaded), in document order, the order a whole-document check meets
    /// them; a value an earlier combination already checked (`checked`, by key and origin) is
    /// not checked again. Returns the suite's `variants` with those the swept values replace.
    private static func checkSweptValues(_ assignments: [SweptValue], in trialDoc: SuiteNode, variants: [String: VariantSpec],
                                         checked: inout [String: [String: VariantSpec]]) throws -> [String: VariantSpec] {
        func position(_ path: [String]) -> [Int] {
            var node = trialDoc
            return path.compactMap { part in
                guard let i = node.entries.firstIndex(where: { $0.key == part }) else { return nil }
                node = node.entries[i].value
                return i
            }
        }
        var origins: [[String]: String] = [:]
        for a in assignments { origins[a.path] = a.origin }
        var variants = variants
        for path in origins.keys.sorted(by: { position($0).lexicographicallyPrecedes(position($1)) }) {
            let key = path.joined(separator: "."), memo = key + "@" + origins[path]!
            let resolved = try checked[memo] ?? SuiteValidator.check(trialDoc.node(at: path)!, SuiteSchema.type(at: path)!, key: key)
            checked[memo] = resolved
            variants = variants.filter { $0.key != key && !$0.key.hasPrefix(key + "[") }.merging(resolved) { $1 }
        }
        return variants
    }

    private static func checkAxis(_ key: String, at location: SourceLocation, section: String) throws {
        if key.hasPrefix("task.params.") && key.split(separator: ".").count == 3 { return }
        if axisKeys.contains(key) && key != "task.params" { return }
        throw SuiteError(at: location, key: section + "." + key, "'\(key)' is not a key a sweep can vary",
                         allowed: "task.params.<name>, " + axisKeys.filter { $0 != "task.params" }.joined(separator: ", "),
                         suggestion: Nearest.match(key, in: axisKeys))
    }

    private static func randomPoints(_ random: SuiteNode) throws -> [[(String, SuiteNode)]] {
        let section = SchemaSection("sweep.random", mapping: random, SuiteSchema.random)
        let (n, seed) = (section.int("n"), section.int("seed"))
        let axes = section.node("axes").entries
        for e in axes { try checkAxis(e.key, at: e.keyLocation, section: "sweep.random.axes") }
        let root = RNG(seed: UInt64(seed)).derived("sweep.random")
        return try (0..<n).map { i in
            try axes.map { e -> (String, SuiteNode) in
                var rng = root.derived("\(i)").derived(e.key)
                let at = e.value.location
                if case .list(let choices)? = e.value["choice"]?.value {
                    return (e.key, choices[rng.int(below: choices.count)])
                }
                let log = e.value["log-uniform"] != nil
                guard case .list(let bounds)? = (e.value["uniform"] ?? e.value["log-uniform"])?.value, bounds.count == 2 else {
                    throw SuiteError(at: at, key: "sweep.random.axes." + e.key, "expected choice, uniform or log-uniform")
                }
                func num(_ n: SuiteNode) -> Double {
                    switch n.value { case .int(let i): return Double(i); case .double(let d): return d; default: return .nan }
                }
                let (lo, hi) = (num(bounds[0]), num(bounds[1]))
                guard hi >= lo, !log || lo > 0 else {
                    throw SuiteError(at: at, key: "sweep.random.axes." + e.key,
                                     "bounds [\(lo), \(hi)] must be increasing" + (log ? " and positive for log-uniform" : ""))
                }
                let u = rng.uniformDouble()
                let v = log ? Foundation.exp(Foundation.log(lo) + u * (Foundation.log(hi) - Foundation.log(lo))) : lo + u * (hi - lo)
                return (e.key, SuiteNode(.double(v), at: at))
            }
        }
    }
}
