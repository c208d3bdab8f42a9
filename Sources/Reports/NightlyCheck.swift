import Foundation
import Statistics

/// How one nightly series (a metric of a configuration across sweeps) is judged.
public enum SeriesVerdict: String, Sendable, Codable {
    /// The newest value left the history's level (or its trend) by more than the night-to-night
    /// scatter and its own replicate noise allow, beyond the threshold, in the worse direction.
    case stepRegression = "step-regression"
    /// The same in the better direction.
    case stepImprovement = "step-improvement"
    /// No step, but a significant monotonic trend over the window beyond the threshold, worse.
    case driftWorse = "drift-worse"
    /// A significant trend, better.
    case driftBetter = "drift-better"
    /// Within the history's scatter.
    case stable
    /// Fewer than three earlier values: nothing to judge against.
    case insufficientHistory = "insufficient-history"
}

/// One series of `ablate check`.
public struct SeriesCheck: Sendable, Codable, Equatable {
    public var configuration: String
    public var metric: String
    public var unit: String
    /// One value per sweep, oldest first, the newest last (NaN where a sweep lacks it).
    public var values: [Double]
    /// What the history predicts for the newest sweep (its trend line at the newest position).
    public var expected: Double
    /// newest ÷ expected − 1.
    public var change: Double
    /// The p-value of the step and its Benjamini–Hochberg adjustment across series.
    public var p: Double?
    public var q: Double?
    /// The Mann–Kendall trend p-value over the whole window, and the trend's total relative change over it.
    public var trendP: Double
    public var trendChange: Double
    /// Earlier nights more than four robust deviations off the trend (isolated noisy nights, ignored).
    public var noisyNights: Int
    public var verdict: SeriesVerdict
}

/// `ablate check`: the newest sweep of a suite against the earlier ones, series by series.
///
/// For each (configuration, metric) the nightly value is the mean over seeds (the median of all
/// samples for latency). The history's level is a Theil–Sen line, so a slow drift predicts the
/// newest night instead of looking like a step, and an isolated noisy night barely moves it; the
/// scatter is the robust deviation (1.4826 × MAD) of the history around that line, combined with the
/// newest night's own replicate standard error, so a night that is merely noisier is not a step.
/// The step's t statistic (df = history − 2) gives a p-value; Benjamini–Hochberg controls the FDR
/// across series; a step also needs the relative change to pass the metric's threshold.
public struct NightlyCheck: Sendable {
    public var suite: String
    /// Sweep ids, oldest first; the last is the one checked.
    public var sweeps: [String]
    public var series: [SeriesCheck]
    public var options: ComparisonOptions
    /// Whether a drift in the worse direction fails the check like a regression.
    public var failOnDrift: Bool

    /// The exit status: 2 with a step regression (or a worse drift when `failOnDrift`), 4 with
    /// improvements only, 0 otherwise.
    public var outcome: Outcome {
        var verdicts: [Verdict] = []
        for s in series {
            switch s.verdict {
            case .stepRegression: verdicts.append(.regression)
            case .stepImprovement: verdicts.append(.improvement)
            case .driftWorse where failOnDrift: verdicts.append(.regression)
            default: break
            }
        }
        return Outcome(verdicts)
    }

    /// Checks the last of `sweeps` (oldest first) against the others.
    public static func run(suite: String, sweeps: [SweepData], options: ComparisonOptions = ComparisonOptions(),
                           failOnDrift: Bool = false) -> NightlyCheck {
        guard let newest = sweeps.last else {
            return NightlyCheck(suite: suite, sweeps: [], series: [], options: options, failOnDrift: failOnDrift)
        }
        // Per sweep: configuration key → metric key → (value, standard error).
        let tables = sweeps.map(nightlyValues(options: options))
        var series: [SeriesCheck] = []
        for c in newest.configurations {
            guard let newestMetrics = tables.last![c.key] else { continue }
            for metric in newestMetrics.keys.sorted() {
                let (newestValue, newestError, unit) = newestMetrics[metric]!
                let history = tables.dropLast().map { $0[c.key]?[metric]?.value ?? .nan }
                series.append(judge(configuration: c.label, metric: metric, unit: unit, history: history,
                                    newest: newestValue, newestError: newestError, options: options))
            }
        }
        let q = BenjaminiHochberg.adjust(series.map(\.p))
        let policy = options.policy
        for i in series.indices {
            series[i].q = q[i]
            let s = series[i]
            let name = String(s.metric.split(separator: ".").last ?? "")
            guard s.verdict != .insufficientHistory else { continue }
            let step = Verdict.judge(change: s.change, q: q[i], alpha: options.alpha, threshold: policy.threshold(name),
                                     polarity: policy.polarity(name))
            if step == .regression { series[i].verdict = .stepRegression; continue }
            if step == .improvement { series[i].verdict = .stepImprovement; continue }
            let drift = Verdict.judge(change: s.trendChange, q: s.trendP, alpha: options.alpha, threshold: policy.threshold(name),
                                      polarity: policy.polarity(name))
            series[i].verdict = drift == .regression ? .driftWorse : drift == .improvement ? .driftBetter : .stable
        }
        return NightlyCheck(suite: suite, sweeps: sweeps.map(\.sweep.id), series: series, options: options, failOnDrift: failOnDrift)
    }

    /// The nightly value and its standard error of every compared metric of every configuration of a sweep.
    private static func nightlyValues(options: ComparisonOptions) -> (SweepData) -> [String: [String: (value: Double, error: Double, unit: String)]] {
        { data in
            var table: [String: [String: (value: Double, error: Double, unit: String)]] = [:]
            for c in data.configurations {
                var row: [String: (value: Double, error: Double, unit: String)] = [:]
                for t in c.trials {
                    for s in t.samples where row["\(s.stage).\(s.name)"] == nil && Comparison.selected(s.stage, s.name, options: options) {
                        let all = Sample(c.samples(stage: s.stage, name: s.name))
                        // The standard error of a median of normal-ish data: 1.2533 σ / √n, σ from the MAD.
                        row["\(s.stage).\(s.name)"] = (all.median, 1.2533 * 1.4826 * all.mad / Double(max(1, all.count)).squareRoot(), s.unit)
                    }
                    for m in t.metrics where row["\(m.stage).\(m.name)"] == nil && Comparison.selected(m.stage, m.name, options: options) {
                        let v = Sample(c.values(stage: m.stage, name: m.name))
                        guard v.count > 0 else { continue }
                        let se = v.count > 1 ? v.standardDeviation / Double(v.count).squareRoot() : 0
                        row["\(m.stage).\(m.name)"] = (v.mean, se, m.unit)
                    }
                }
                table[c.key] = row
            }
            return table
        }
    }

    /// The step and trend statistics of one series.
    static func judge(configuration: String, metric: String, unit: String, history allHistory: [Double], newest: Double,
                      newestError: Double, options: ComparisonOptions) -> SeriesCheck {
        let history = allHistory.filter(\.isFinite)
        var check = SeriesCheck(configuration: configuration, metric: metric, unit: unit, values: allHistory + [newest],
                                expected: .nan, change: .nan, p: nil, q: nil, trendP: 1, trendChange: 0, noisyNights: 0,
                                verdict: .insufficientHistory)
        guard history.count >= 3, newest.isFinite else { return check }
        let line = TheilSen.line(history)
        let residuals = history.enumerated().map { $0.element - (line.intercept + line.slope * Double($0.offset)) }
        let scatter = 1.4826 * Sample(residuals).mad
        let expected = line.intercept + line.slope * Double(history.count)
        let noise = (scatter * scatter + newestError * newestError).squareRoot()
        check.expected = expected
        check.change = expected != 0 ? newest / expected - 1 : .nan
        check.noisyNights = scatter > 0 ? residuals.filter { abs($0) > 4 * scatter }.count : 0
        let deviation = newest - expected
        if noise > 0 {
            check.p = StudentT.twoSidedP(deviation / noise, df: Double(max(1, history.count - 2)))
        } else {
            check.p = deviation == 0 ? 1 : 0
        }
        let whole = history + [newest]
        check.trendP = MannKendall.pValue(whole)
        let trend = TheilSen.line(whole)
        let start = trend.intercept
        check.trendChange = start != 0 ? trend.slope * Double(whole.count - 1) / abs(start) : 0
        check.verdict = .stable
        return check
    }
}
