import Foundation
import Store

/// One sweep's stored results, as reports, comparisons and checks read them.
public struct SweepData: Sendable {
    /// The sweep record.
    public let sweep: SweepRecord
    /// Every trial in sweep order, whatever its status.
    public let trials: [TrialResults]
    /// The scaling-law fits saved for the sweep, oldest first.
    public let fits: [FitRecord]
    /// The provenance JSON texts recorded for the sweep, oldest first.
    public let provenance: [String]
    /// Each configuration's tuning selection (empty when the suite does not tune).
    public var tunings: [TuningRecord] = []
    /// The verdicts of the suite's claims as last checked (empty when it states none).
    public var claims: [ClaimVerdict] = []

    /// Reads sweep `id` from `store` (its final trials; tuning trials are summarized by `tunings`).
    public static func load(store: Store, sweep id: String) throws -> SweepData {
        var data = SweepData(sweep: try store.sweep(id), trials: try store.results(sweep: id), fits: try store.fits(sweep: id),
                             provenance: try store.provenance(sweep: id))
        let decoder = JSONCoding.decoder()
        data.tunings = try store.tunings(sweep: id).compactMap { try? decoder.decode(TuningRecord.self, from: Data($0.json.utf8)) }
        data.claims = try store.claims(sweep: id).compactMap { try? decoder.decode(ClaimVerdict.self, from: Data($0.json.utf8)) }
        return data
    }

    /// The trials that finished (`done`).
    public var finished: [TrialResults] { trials.filter { $0.trial.status == .done } }

    /// The finished trials grouped by configuration (their spec without seed and engine version),
    /// in sweep order of each configuration's first trial.
    public var configurations: [Configuration] {
        var order: [String] = []
        var groups: [String: [TrialResults]] = [:]
        for t in finished {
            let key = Self.configurationKey(t.trial.spec)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(t)
        }
        return order.map { Configuration(key: $0, label: Self.label(axes: groups[$0]![0].axes), trials: groups[$0]!) }
    }

    /// Every (stage, name, unit) of a finished trial's metrics, sorted by stage then name.
    public var metricNames: [MetricName] {
        var seen: [String: MetricName] = [:]
        for t in finished {
            for m in t.metrics where seen["\(m.stage).\(m.name)"] == nil {
                seen["\(m.stage).\(m.name)"] = MetricName(stage: m.stage, name: m.name, unit: m.unit)
            }
        }
        return seen.keys.sorted().map { seen[$0]! }
    }

    /// The recorded metric whose `stage.name` is `qualified`. Stage and name can both hold dots
    /// (`compress:prune.nm>quant.int4`, `layer_error:blocks.0.ffn.up`), so the text alone is ambiguous.
    public func metricName(qualified: String) -> MetricName? {
        metricNames.first { $0.qualified == qualified }
    }

    /// The newest provenance record as a JSON object (empty when none was recorded).
    public var latestProvenance: [String: Any] {
        guard let text = provenance.last,
              let o = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [:] }
        return o
    }

    /// The sweep axes (dotted keys) other than `seed`, sorted.
    public var axisNames: [String] {
        var names = Set<String>()
        for t in trials { names.formUnion(Self.axisValues(t.axes).keys) }
        names.remove("seed")
        return names.sorted()
    }

    /// The canonical spec text without its `seed`, `engine` and `tag` keys: trials with the same
    /// key are replicates of one configuration, across sweeps, engine versions and tagged runs.
    public static func configurationKey(_ spec: String) -> String {
        guard var o = (try? JSONSerialization.jsonObject(with: Data(spec.utf8))) as? [String: Any] else { return spec }
        o["seed"] = nil
        o["engine"] = nil
        o["tag"] = nil
        return canonical(o)
    }

    /// A trial's axis values by dotted key: strings as they are, numbers and booleans as JSON text,
    /// a variant object by its `id` and the parameters it sets (`attn.softmax(qk_norm=true)`), a
    /// list element by element.
    public static func axisValues(_ axes: String) -> [String: String] {
        guard let o = (try? JSONSerialization.jsonObject(with: Data(axes.utf8))) as? [String: Any] else { return [:] }
        return o.mapValues(text)
    }

    /// `key=value` pairs of the axes other than seed, sorted by key (`all` when the sweep has no axes).
    public static func label(axes: String) -> String {
        let values = axisValues(axes).filter { $0.key != "seed" }
        guard !values.isEmpty else { return "all" }
        return values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: " ")
    }

    /// The value at dotted key `key` of a JSON spec text, as text (see `axisValues`).
    public static func specValue(_ spec: String, _ key: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(spec.utf8)),
              let value = jsonValue(object, atDottedKey: key) else { return nil }
        return text(value)
    }

    static func text(_ v: Any) -> String {
        if let s = v as? String { return s }
        if let o = v as? [String: Any], let id = o["id"] as? String {
            // Parameters tell apart configurations of one variant (qk-norm on or off).
            guard let params = o["params"] as? [String: Any], !params.isEmpty else { return id }
            return id + "(" + params.keys.sorted().map { "\($0)=\(text(params[$0]!))" }.joined(separator: ", ") + ")"
        }
        if let list = v as? [Any] { return "[" + list.map(text).joined(separator: ", ") + "]" }
        if let n = v as? NSNumber {
            // JSON booleans arrive as NSNumbers of type char.
            if String(cString: n.objCType) == "c" { return n.boolValue ? "true" : "false" }
            return NumberFormat.short(n.doubleValue)
        }
        return canonical(v)
    }

    static func canonical(_ v: Any) -> String { canonicalJSONText(v) ?? "\(v)" }
}

/// The finished replicates (seeds) of one configuration.
public struct Configuration: Sendable {
    /// The configuration key (`SweepData.configurationKey`).
    public let key: String
    /// Its sweep-axis values other than seed (`model.norm=norm.rmsnorm`), or `all`.
    public let label: String
    /// Its finished trials, in sweep order.
    public let trials: [TrialResults]

    /// The values of metric `stage.name` over the replicates (unmeasured ones left out).
    public func values(stage: String, name: String) -> [Double] {
        trials.compactMap { $0.metric(stage: stage, name: name) }
    }

    /// Every sample of series `stage.name` over the replicates, pooled.
    public func samples(stage: String, name: String) -> [Double] {
        trials.flatMap { t in t.samples.first { $0.stage == stage && $0.name == name }?.values ?? [] }
    }

    /// Whether any replicate's metric `stage.name` is labelled simulated.
    public func isSimulated(stage: String, name: String) -> Bool {
        trials.contains { $0.metrics.first(stage: stage, name: name)?.label == "simulated" }
    }
}

/// A metric's stage, name and unit.
public struct MetricName: Sendable, Hashable {
    public let stage: String
    public let name: String
    public let unit: String

    /// `stage.name`.
    public var qualified: String { "\(stage).\(name)" }
}
