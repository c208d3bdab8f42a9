import Foundation
import Metrics
import Statistics
import Store

/// Settings of `ablate compare` and `ablate check`.
public struct ComparisonOptions: Sendable {
    /// The false-discovery rate controlled across all comparisons (Benjamini–Hochberg).
    public var alpha = 0.05
    /// Coverage of the reported intervals.
    public var level = 0.95
    /// Metrics to compare, as names or `stage.name` (`latency` is the latency samples); nil for
    /// every metric with a better direction in the eval and compression stages.
    public var metrics: [String]?
    /// Polarity and minimum relevant change of each metric.
    public var policy = MetricPolicy()
    /// Bootstrap resamples for the interval of the latency ratio.
    public var resamples = 2000
    /// Seed of the bootstrap.
    public var seed: UInt64 = 0

    /// The defaults.
    public init() {}
}

/// One compared metric of one configuration.
public struct Change: Sendable, Codable, Equatable {
    /// The configuration's axis values (`model.norm=norm.rmsnorm`).
    public var configuration: String
    /// `stage.name` (`eval.latency` for the latency samples).
    public var metric: String
    public var unit: String
    public var polarity: Polarity
    /// Baseline and candidate centres: medians of samples, means of seed replicates.
    public var baseline: Double
    public var candidate: Double
    /// Values behind each centre (samples or seeds).
    public var baselineCount: Int
    public var candidateCount: Int
    /// The test: relative change, interval, raw p-value.
    public var test: HypothesisTest
    /// The Benjamini–Hochberg adjusted p-value.
    public var q: Double?
    /// The minimum relevant relative change.
    public var threshold: Double
    public var verdict: Verdict
}

/// A comparison of a candidate sweep with a baseline sweep, trial configurations paired by spec.
public struct Comparison: Sendable {
    public var baseline: String
    public var candidate: String
    public var options: ComparisonOptions
    /// Every compared metric, by configuration (candidate order) then metric.
    public var changes: [Change]
    /// Configurations finished in only one of the sweeps (not compared).
    public var baselineOnly: Int
    public var candidateOnly: Int

    /// The exit status: 2 with any regression, 4 with improvements only, 0 otherwise.
    public var outcome: Outcome { Outcome(changes.map(\.verdict)) }

    /// Pairs the configurations of `candidate` with those of `baseline` that have the same spec
    /// (seed and engine version aside), tests each metric, and controls the FDR across all of them.
    public static func run(baseline: SweepData, candidate: SweepData, options: ComparisonOptions = ComparisonOptions()) -> Comparison {
        let base = Dictionary(baseline.configurations.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let cand = candidate.configurations
        var changes: [Change] = []
        for c in cand {
            guard let b = base[c.key] else { continue }
            changes += compare(b, c, options: options)
        }
        let q = BenjaminiHochberg.adjust(changes.map(\.test.p))
        for i in changes.indices {
            changes[i].q = q[i]
            let test = changes[i].test
            changes[i].verdict = Verdict.judge(change: test.change, q: q[i], alpha: options.alpha,
                                               threshold: changes[i].threshold, polarity: changes[i].polarity,
                                               interval: (test.low, test.high))
        }
        let candidateKeys = Set(cand.map(\.key))
        return Comparison(baseline: baseline.sweep.id, candidate: candidate.sweep.id, options: options, changes: changes,
                          baselineOnly: base.keys.filter { !candidateKeys.contains($0) }.count,
                          candidateOnly: cand.filter { base[$0.key] == nil }.count)
    }

    /// Whether metric `stage.name` is compared under `options`.
    static func selected(_ stage: String, _ name: String, options: ComparisonOptions) -> Bool {
        if let wanted = options.metrics { return wanted.contains(name) || wanted.contains("\(stage).\(name)") }
        guard stage == "eval" || Stage.compressionLabel(stage) != nil else { return false }
        // The latency summaries are compared through their samples.
        return options.policy.polarity(name) != .neutral && !name.hasPrefix("latency_")
    }

    /// The tests of one pair of configurations: every sample series (all samples pooled over seeds;
    /// ratio of medians, Mann–Whitney), then every metric (seed replicates; Welch t).
    static func compare(_ b: Configuration, _ c: Configuration, options: ComparisonOptions) -> [Change] {
        var out: [Change] = []
        let policy = options.policy
        var series: [String: (stage: String, name: String, unit: String)] = [:]
        for t in c.trials { for s in t.samples { series["\(s.stage).\(s.name)"] = (s.stage, s.name, s.unit) } }
        for key in series.keys.sorted() {
            let (stage, name, unit) = series[key]!
            guard selected(stage, name, options: options) else { continue }
            let x = b.samples(stage: stage, name: name), y = c.samples(stage: stage, name: name)
            guard !x.isEmpty, !y.isEmpty else { continue }
            let test = MedianRatio.run(baseline: x, candidate: y, level: options.level, resamples: options.resamples, seed: options.seed)
            out.append(Change(configuration: c.label, metric: key, unit: unit, polarity: policy.polarity(name),
                              baseline: Sample(x).median, candidate: Sample(y).median, baselineCount: x.count, candidateCount: y.count,
                              test: test, q: nil, threshold: policy.threshold(name), verdict: .untested))
        }
        var metrics: [String: (stage: String, name: String, unit: String)] = [:]
        for t in c.trials { for m in t.metrics { metrics["\(m.stage).\(m.name)"] = (m.stage, m.name, m.unit) } }
        for key in metrics.keys.sorted() {
            let (stage, name, unit) = metrics[key]!
            guard selected(stage, name, options: options), series[key] == nil else { continue }
            let x = Sample(b.values(stage: stage, name: name)), y = Sample(c.values(stage: stage, name: name))
            guard x.count > 0, y.count > 0 else { continue }
            let test = WelchTest.run(baseline: x, candidate: y, level: options.level)
            out.append(Change(configuration: c.label, metric: key, unit: unit, polarity: policy.polarity(name),
                              baseline: x.mean, candidate: y.mean, baselineCount: x.count, candidateCount: y.count,
                              test: test, q: nil, threshold: policy.threshold(name), verdict: .untested))
        }
        return out
    }
}
