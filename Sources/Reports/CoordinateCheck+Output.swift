import Foundation
import Store

extension CoordinateCheck {
    /// One line per parametrization: its name, verdict and the layers that moved.
    public var verdictLines: [String] {
        parametrizations.map { p in
            let moved = offendingLayers(p).compactMap { name in
                p.layers.first { $0.name == name }.flatMap { slope($0, step: steps) }.map { "\(name) \(Self.format($0, "%+.2f"))" }
            }
            return "\(p.name): \(verdict(p).rawValue)" + (moved.isEmpty ? "" : " (" + moved.joined(separator: ", ") + ")")
        }
    }

    /// Plain text: the setting, then per parametrization a table of sizes (a row per layer and
    /// step, a column per width, and the slope of log size on log width), then the verdicts.
    public var text: String {
        var out = "Coordinate check: widths \(widths.map(String.init).joined(separator: ", ")), \(steps) steps at lr "
            + "\(NumberFormat.short(learningRate)), \(seeds) seed\(seeds == 1 ? "" : "s"); size = mean |coordinate|; "
            + "flat when |slope of log size on log width| ≤ \(NumberFormat.short(threshold)) at step \(steps).\n"
        let header = ["layer", "step"] + widths.map { "d=\($0)" } + ["slope"]
        for p in parametrizations {
            out += "\n\(p.label): \(verdict(p).rawValue)\n"
            var rows: [[String]] = []
            for layer in p.layers {
                for step in 0...steps {
                    rows.append([step == 0 ? layer.name : "", String(step)] + layer.sizes.map { Self.format($0[step], "%.3e") }
                                + [slope(layer, step: step).map { Self.format($0, "%+.2f") } ?? "–"])
                }
            }
            out += Self.aligned([header] + rows)
        }
        return out + "\nVerdicts:\n" + verdictLines.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    /// The whole check as JSON (sizes, slopes at the last step, verdicts).
    public var json: String {
        struct Entry: Encodable {
            let name: String, label: String, verdict: Verdict, slopes: [String: Double], layers: [Layer]
        }
        struct Document: Encodable {
            let widths: [Int], steps: Int, seeds: Int, learningRate: Double, threshold: Double, parametrizations: [Entry]
        }
        let entries = parametrizations.map { p in
            Entry(name: p.name, label: p.label, verdict: verdict(p),
                  slopes: Dictionary(uniqueKeysWithValues: p.layers.compactMap { l in slope(l, step: steps).map { (l.name, $0) } }),
                  layers: p.layers)
        }
        return try! JSONCoding.text(Document(widths: widths, steps: steps, seeds: seeds, learningRate: learningRate,
                                             threshold: threshold, parametrizations: entries), .pretty)
    }

    /// A chart per parametrization (`coord-check-<name>`): a panel per layer, size against
    /// width on log–log axes, a line per step.
    public var charts: [Chart] {
        parametrizations.map { p in
            let name = "coord-check-\(p.name)"
            var blocks: [DataBlock] = []
            let columns = Int(Double(p.layers.count).squareRoot().rounded(.up))
            let rows = (p.layers.count + columns - 1) / columns
            var commands = "set termoption noenhanced\nset multiplot layout \(rows),\(columns) title \(Chart.quoted(p.label))\n"
            commands += "set logscale xy\nset format x '%g'\nset xtics (\(widths.map(String.init).joined(separator: ", ")))\n"
            commands += "set grid lc rgb '#dddddd'\nset border 3\nset tics nomirror\nset key top left font ',8'\n"
            for (i, layer) in p.layers.enumerated() {
                let first = blocks.count
                for step in 0...steps {
                    blocks.append(DataBlock(label: "\(layer.name) step \(step)",
                                            rows: widths.indices.compactMap { w in
                                                let v = layer.sizes[w][step]
                                                return v > 0 ? [Double(widths[w]), v] : nil
                                            }))
                }
                commands += "set title \(Chart.quoted(layer.name))\n" + (i == 0 ? "" : "unset key\n")
                commands += "plot " + (0...steps).map { step in
                    "'\(name).dat' index \(first + step) using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc \(step + 1) title 'step \(step)'"
                }.joined(separator: ", \\\n     ") + "\n"
            }
            commands += "unset multiplot\n"
            return Chart(name: name, title: "Coordinate check: \(p.label)",
                         caption: "Mean |coordinate| of each layer against width (log–log), a line per training step; "
                            + "\(verdict(p).rawValue) within slope ±\(NumberFormat.short(threshold)).",
                         commands: commands, data: Chart.dataText(columns: ["width", "size"], blocks: blocks))
        }
    }

    /// Writes `coord-check.txt`, `coord-check.json` and the charts (rendered when `gnuplot` is given) into `folder`.
    public func write(to folder: URL, format: FigureFormat = .svg, gnuplot: Gnuplot?) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("coord-check.txt"), options: .atomic)
        try Data(json.utf8).write(to: folder.appendingPathComponent("coord-check.json"), options: .atomic)
        for chart in charts { try chart.write(to: folder, format: format, gnuplot: gnuplot) }
    }

    private static func format(_ v: Double, _ f: String) -> String { String(format: f, v) }

    /// Rows as left-aligned columns two spaces apart.
    private static func aligned(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            var line = row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
