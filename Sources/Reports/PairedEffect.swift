import Foundation
import Metrics
import Statistics

/// How paired intervals are made: coverage, bootstrap draws and seed, and the fewest pairs an
/// interval needs.
public struct EffectSettings: Sendable, Codable, Equatable {
    public var level = 0.95
    public var draws = 2000
    public var seed: UInt64 = 0
    /// Below this many seeds no interval is given (only the range) and any claim is inconclusive.
    public var minimumPairs = 3

    public init() {}

    /// The method, in words, for reports.
    public var method: String {
        "paired by seed; \(NumberFormat.short(level * 100))% percentile bootstrap of the mean difference (\(draws) draws, seed \(seed)), "
            + "widened to the Student-t interval where that is wider (the bootstrap alone is too narrow over a few seeds); "
            + "no interval below \(minimumPairs) seeds"
    }
}

/// The effect of one configuration against another on one metric, paired by seed.
public struct PairedEffect: Sendable, Codable, Equatable {
    /// The configurations' axis values (`model.norm=norm.rmsnorm model.width=32`).
    public var subject: String
    public var reference: String
    /// `stage.name` and its unit.
    public var metric: String
    public var unit: String
    /// The seeds both sides finished, and each side's value per seed.
    public var seeds: [Int]
    public var subjectValues: [Double]
    public var referenceValues: [Double]
    /// mean(subject − reference), and its interval (nil below `minimumPairs`).
    public var difference: Double
    public var interval: Interval?
    /// mean over seeds of subject ÷ reference − 1, and its interval (nil when a reference value is 0).
    public var relative: Double?
    public var relativeInterval: Interval?
    /// The geometric mean over seeds of subject ÷ reference (costs are read as ratios), and its interval.
    public var ratio: Double?
    public var ratioInterval: Interval?
    /// Whether every seed gave the same difference (a parameter count, bytes): no ± applies.
    public var deterministic: Bool

    /// The number of pairs.
    public var n: Int { seeds.count }

    /// The smallest and largest per-seed difference.
    public var range: (low: Double, high: Double) {
        let d = zip(subjectValues, referenceValues).map { $0 - $1 }
        return (d.min() ?? .nan, d.max() ?? .nan)
    }

    /// Pairs `subject` with `reference` by seed on metric `stage.name`; nil when no seed has both.
    public static func measure(subject: Configuration, reference: Configuration, stage: String, name: String,
                               settings: EffectSettings) -> PairedEffect? {
        func bySeed(_ c: Configuration) -> [Int: Double] {
            var out: [Int: Double] = [:]
            for t in c.trials { if let v = t.metric(stage: stage, name: name), v.isFinite { out[t.trial.seed] = v } }
            return out
        }
        let s = bySeed(subject), r = bySeed(reference)
        let seeds = s.keys.filter { r[$0] != nil }.sorted()
        guard !seeds.isEmpty else { return nil }
        let sv = seeds.map { s[$0]! }, rv = seeds.map { r[$0]! }
        let unit = subject.trials.lazy.compactMap { $0.metrics.first(stage: stage, name: name)?.unit }.first ?? ""
        // A difference of two values in [lo, hi] lies in [lo − hi, hi − lo].
        let bounds = (MetricSpec.named(name)?.valueRange).map { ($0.lowerBound - $0.upperBound)...($0.upperBound - $0.lowerBound) }
        let diffs = zip(sv, rv).map { $0 - $1 }
        let deterministic = Set(diffs).count == 1
        var effect = PairedEffect(subject: subject.label, reference: reference.label, metric: "\(stage).\(name)", unit: unit,
                                  seeds: seeds, subjectValues: sv, referenceValues: rv, difference: Descriptive.mean(diffs),
                                  interval: interval(diffs, settings: settings, bounds: bounds, salt: 0),
                                  deterministic: deterministic)
        if rv.allSatisfy({ $0 != 0 }) {
            let relative = zip(sv, rv).map { $0 / $1 - 1 }
            effect.relative = Descriptive.mean(relative)
            effect.relativeInterval = interval(relative, settings: settings, bounds: nil, salt: 1)
        }
        if sv.allSatisfy({ $0 > 0 }) && rv.allSatisfy({ $0 > 0 }) {
            // Ratios on the log scale, by the same interval method: a geometric mean of per-seed ratios.
            let logs = zip(sv, rv).map { Foundation.log($0 / $1) }
            effect.ratio = Foundation.exp(Descriptive.mean(logs))
            effect.ratioInterval = interval(logs, settings: settings, bounds: nil, salt: 2)
                .map { Interval(low: Foundation.exp($0.low), high: Foundation.exp($0.high)) }
        }
        return effect
    }

    /// The interval of the mean of paired differences `d`: the percentile bootstrap widened to the
    /// Student-t interval, clamped to `bounds`; exact when every difference is equal; nil when too few.
    public static func interval(_ d: [Double], level: Double? = nil, settings: EffectSettings, bounds: ClosedRange<Double>?, salt: UInt64) -> Interval? {
        guard d.count >= settings.minimumPairs else { return nil }
        let level = level ?? settings.level
        if Set(d).count == 1 { return Interval(low: d[0], high: d[0]) }
        let boot = Bootstrap.meanInterval(d, level: level, draws: settings.draws, seed: settings.seed &+ salt)
        var low = boot.low, high = boot.high
        if let t = StudentT.meanInterval(d, level: level) {
            low = min(low, t.low)
            high = max(high, t.high)
        }
        if let bounds {
            low = max(low, bounds.lowerBound)
            high = min(high, bounds.upperBound)
        }
        return Interval(low: low, high: high)
    }
}
