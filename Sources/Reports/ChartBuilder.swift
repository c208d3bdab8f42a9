import Foundation
import Metrics

/// Builds the figures a sweep's data support (each builder returns nil when they do not).
public struct ChartBuilder: Sendable {
    /// The sweep.
    public let data: SweepData
    /// Polarity of metrics.
    public let policy: MetricPolicy

    /// A builder over `data`.
    public init(data: SweepData, policy: MetricPolicy = MetricPolicy()) {
        self.data = data
        self.policy = policy
    }

    /// Every chart the data support, in report order: scaling curves, Pareto fronts, compression
    /// trade-offs, learning-rate sensitivity, training curves, mechanism metrics.
    public func charts() -> [Chart] {
        let fronts = [paretoChart(x: .latency), paretoChart(x: .modelBytes)].compactMap { $0 }
        let training = [learningRateChart(), trainingCurvesChart()].compactMap { $0 }
        return scalingCharts() + fronts + compressionCharts() + training + internalsCharts()
    }

    /// The common preamble of every chart: grid, key and the palette.
    static func preamble(title: String, xLabel: String, yLabel: String, logX: Bool = false, logY: Bool = false) -> String {
        var s = "set title \(Chart.quoted(title))\n"
        s += "set xlabel \(Chart.quoted(xLabel))\nset ylabel \(Chart.quoted(yLabel))\n"
        s += "set grid lc rgb '#dddddd'\nset key outside right top box opaque font ',10'\nset border 3\nset tics nomirror\n"
        // Labels are shown as written (underscores in metric names are not subscripts).
        s += "set termoption noenhanced\n"
        if logX { s += "set logscale x\nset format x '%g'\n" }
        if logY { s += "set logscale y\n" }
        return s
    }

    /// The configuration labels without the axes in `dropping` (series names when an axis is the x axis).
    static func seriesLabel(_ axes: String, dropping: Set<String>) -> String {
        let values = SweepData.axisValues(axes).filter { $0.key != "seed" && !dropping.contains($0.key) }
        guard !values.isEmpty else { return "all" }
        return values.keys.sorted().map { "\(shortKey($0))=\(shortValue(values[$0]!))" }.joined(separator: " ")
    }

    /// A registry id without its family (`norm.rmsnorm` → `rmsnorm`); numbers and other text as they are.
    static func shortValue(_ value: String) -> String {
        guard Double(value) == nil, let dot = value.firstIndex(of: "."), value.first?.isLetter == true else { return value }
        return String(value[value.index(after: dot)...])
    }

    /// The last part of a dotted key (`model.norm` → `norm`).
    static func shortKey(_ key: String) -> String { key.split(separator: ".").last.map(String.init) ?? key }
}
