import Metrics
import Statistics
import Store

/// The mechanism statistics (`measurement.internals`) a sweep's finished trials recorded: which
/// statistics, at which layers, their final values (stage `internals`) and curves.
struct InternalsSummary {
    /// One statistic with the layers it was recorded at (nil: the model as a whole), sorted.
    struct Statistic {
        let name: String
        let layers: [Int?]
        /// Whether it is recorded per layer.
        var perLayer: Bool { layers.contains { $0 != nil } }
    }

    let data: SweepData
    /// The recorded statistics: the catalogue's in catalogue order, then others by name.
    let statistics: [Statistic]

    /// The summary of `data`, nil when no finished trial recorded internals.
    init?(_ data: SweepData) {
        var layers: [String: Set<Int>] = [:], whole = Set<String>()
        for t in data.finished {
            for m in t.metrics where m.stage == Stage.internals {
                let (statistic, layer) = MetricSpec.internalsLayer(of: m.name)
                if let layer { layers[statistic, default: []].insert(layer) } else { whole.insert(statistic) }
            }
        }
        let names = Set(layers.keys).union(whole)
        guard !names.isEmpty else { return nil }
        let known = MetricSpec.internals.map(\.name).filter(names.contains)
        let ordered = known + names.subtracting(known).sorted()
        self.data = data
        statistics = ordered.map { name in
            Statistic(name: name, layers: (whole.contains(name) ? [nil] : []) + (layers[name] ?? []).sorted().map { $0 })
        }
    }

    /// The metric or curve name of `statistic` at `layer` (without the stage).
    static func name(_ statistic: String, layer: Int?) -> String {
        layer.map { "\(statistic).L\($0)" } ?? statistic
    }

    /// The final values of `statistic` at `layer` over `c`'s seeds (undefined ones left out).
    func finalValues(_ c: Configuration, _ statistic: String, layer: Int?) -> [Double] {
        c.values(stage: Stage.internals, name: Self.name(statistic, layer: layer))
    }

    /// (step, mean over seeds and layers) of `statistic`'s curves in `c`.
    func curve(_ c: Configuration, _ statistic: Statistic) -> [(step: Int, value: Double)] {
        let names = Set(statistic.layers.map { Stage.internals + "." + Self.name(statistic.name, layer: $0) })
        var byStep: [Int: [Double]] = [:]
        for t in c.trials {
            for p in t.curves where names.contains(p.name) { if let v = p.value, v.isFinite { byStep[p.step, default: []].append(v) } }
        }
        return byStep.keys.sorted().map { (step: $0, value: Sample(byStep[$0]!).mean) }
    }
}
