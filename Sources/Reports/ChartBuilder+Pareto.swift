import Metrics
import Statistics
import Store

extension ChartBuilder {
    /// The cost axis of a Pareto front.
    public enum CostAxis: String, Sendable {
        case latency, modelBytes = "model_bytes"

        var metric: String { self == .latency ? MetricSpec.latencyMedian.name : MetricSpec.modelBytes.name }
        var label: String { self == .latency ? "median latency (s)" : "model size (bytes)" }
    }

    /// One point of a Pareto front: a configuration (and compression stage) with its cost and quality.
    public struct ParetoPoint: Sendable, Equatable {
        public var label: String
        /// The shorter label drawn next to the point.
        public var chartLabel: String
        public var stage: String
        public var cost: Double
        public var quality: Double
        /// Whether the cost was simulated (analytic, no real kernel) rather than measured.
        public var simulated: Bool
        /// Whether no other point is at least as good in both and better in one.
        public var onFrontier: Bool
    }

    /// The points of every configuration and stage (eval and `compress:<id>`) that have both the
    /// cost and the quality metric, with the non-dominated ones marked.
    public func paretoPoints(x: CostAxis) -> [ParetoPoint] {
        guard let q = QualityMetric.primary(of: data, policy: policy) else { return [] }
        var points: [ParetoPoint] = []
        let stages = Set(data.metricNames.map(\.stage)).filter { $0 == "eval" || Stage.compressionLabel($0) != nil }.sorted()
        for c in data.configurations {
            for stage in stages {
                let cost = Sample(c.values(stage: stage, name: x.metric)), quality = Sample(c.values(stage: stage, name: q.name))
                guard cost.count > 0, quality.count > 0 else { continue }
                let label = stage == "eval" ? c.label : "\(c.label) \(stage)"
                let short = Self.seriesLabel(c.trials[0].axes, dropping: [])
                points.append(ParetoPoint(label: label, chartLabel: stage == "eval" ? short : "\(short) \(stage)", stage: stage, cost: cost.median, quality: quality.mean,
                                          simulated: c.isSimulated(stage: stage, name: x.metric), onFrontier: false))
            }
        }
        for i in points.indices {
            points[i].onFrontier = !points.indices.contains { j in
                j != i && points[j].cost <= points[i].cost && !q.better(points[i].quality, than: points[j].quality)
                    && (points[j].cost < points[i].cost || q.better(points[j].quality, than: points[i].quality))
            }
        }
        return points
    }

    /// Quality against cost (log x), every configuration a point, the frontier joined and highlighted,
    /// simulated costs drawn as open symbols. Nil with fewer than two points.
    public func paretoChart(x: CostAxis) -> Chart? {
        guard let q = QualityMetric.primary(of: data, policy: policy) else { return nil }
        let points = paretoPoints(x: x)
        guard points.count >= 2 else { return nil }
        let name = "pareto-\(x.rawValue.replacingOccurrences(of: "_", with: "-"))"
        let row = { (p: ParetoPoint) in [p.cost, p.quality] }
        let blocks = [
            DataBlock(label: "measured", rows: points.filter { !$0.simulated }.map(row)),
            DataBlock(label: "simulated", rows: points.filter(\.simulated).map(row)),
            DataBlock(label: "frontier", rows: points.filter(\.onFrontier).sorted { $0.cost < $1.cost }.map(row)),
        ]
        var commands = Self.preamble(title: "Pareto front: \(q.name) vs \(x.rawValue)", xLabel: x.label,
                                     yLabel: "eval.\(q.name)" + (q.unit.isEmpty ? "" : " (\(q.unit))"), logX: true)
        // Point labels: one per point, from a text block in the script (the data file stays numeric).
        for (i, p) in points.enumerated() {
            commands += "set label \(i + 1) \(Chart.quoted(p.chartLabel)) at \(NumberFormat.data(p.cost)),\(NumberFormat.data(p.quality)) "
                + "offset 0.6,0.4 font ',8' tc rgb '#555555'\n"
        }
        var plots = ["'\(name).dat' index 2 using 1:2 with linespoints lw 2 pt 7 ps 1.6 lc rgb '#d95f02' title 'frontier'"]
        if !blocks[0].rows.isEmpty { plots.append("'' index 0 using 1:2 with points pt 7 ps 1 lc rgb '#1b9e77' title 'measured'") }
        if !blocks[1].rows.isEmpty { plots.append("'' index 1 using 1:2 with points pt 6 ps 1.4 lc rgb '#7570b3' title 'simulated (analytic cost)'") }
        commands += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
        return Chart(name: name, title: "Pareto front: \(q.name) against \(x.rawValue)",
                     caption: "Each point is a configuration (mean \(q.name) over seeds, median \(x.metric)); the frontier holds the "
                        + "points no other point beats on both axes. Open symbols are simulated costs, not measured on a real kernel.",
                     commands: commands, data: Chart.dataText(columns: [x.metric, q.name], blocks: blocks))
    }
}
