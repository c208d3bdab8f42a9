import Foundation
import Statistics
import Store

extension ChartBuilder {
    /// The knobs a compression trade-off is plotted against, in the order they are looked for.
    static let compressionKnobs = ["bits", "sparsity", "rank", "bond", "bond_dim"]

    /// Quality against each compression knob (bits, sparsity, rank or bond dimension), one series
    /// per method (`compress:<id>` stage), mean over seeds with the seed range as error bars. The knob
    /// is the stage's metric of that name, else the method's parameter in the trial spec. Empty
    /// when no trial has a compression stage.
    public func compressionCharts() -> [Chart] {
        guard let q = QualityMetric.primary(of: data, policy: policy) else { return [] }
        // knob → method → [(knob value, quality values)]
        var table: [String: [String: [Double: [Double]]]] = [:]
        for t in data.finished {
            for stage in Set(t.metrics.map(\.stage)) {
                guard let method = Stage.compressionLabel(stage) else { continue }
                guard let quality = t.metric(stage: stage, name: q.name) else { continue }
                for knob in Self.compressionKnobs {
                    let value = t.metric(stage: stage, name: knob)
                        ?? Self.compressionParameter(spec: t.trial.spec, method: method, knob: knob)
                    if let value { table[knob, default: [:]][method, default: [:]][value, default: []].append(quality); break }
                }
            }
        }
        return Self.compressionKnobs.compactMap { knob -> Chart? in
            guard let methods = table[knob] else { return nil }
            let blocks = methods.keys.sorted().map { method in
                DataBlock(label: method, rows: methods[method]!.keys.sorted().map { v in
                    let s = Sample(methods[method]![v]!)
                    return [v, s.mean, s.sorted.first!, s.sorted.last!]
                })
            }
            let name = "compression-\(knob.replacingOccurrences(of: "_", with: "-"))"
            var commands = Self.preamble(title: "Compression: \(q.name) vs \(knob)", xLabel: knob, yLabel: q.name,
                                         logX: knob == "rank" || knob.hasPrefix("bond"))
            let plots = blocks.indices.map { i in
                "'\(name).dat' index \(i) using 1:2:3:4 with yerrorlines lw 2 pt 7 lc \(i + 1) title \(Chart.quoted(blocks[i].label))"
            }
            commands += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
            return Chart(name: name, title: "Compression trade-off: \(q.name) against \(knob)",
                         caption: "\(q.name) after each compression method against its \(knob): mean over seeds, bars from the lowest to the highest seed.",
                         commands: commands, data: Chart.dataText(columns: [knob, "mean", "min", "max"], blocks: blocks))
        }
    }

    /// The numeric parameter `knob` of the spec's compression entry with id `method`.
    static func compressionParameter(spec: String, method: String, knob: String) -> Double? {
        guard let o = (try? JSONSerialization.jsonObject(with: Data(spec.utf8))) as? [String: Any],
              let entries = o["compression"] as? [[String: Any]],
              let entry = entries.first(where: { ($0["id"] as? String) == method }),
              let params = entry["params"] as? [String: Any], let n = params[knob] as? NSNumber else { return nil }
        return n.doubleValue
    }
}
