/// Percentile-bootstrap intervals, seeded: the same inputs and seed give the same interval.
public enum Bootstrap {
    /// Percentile interval of `statistic` over `draws` resamples of `x` with replacement
    /// (undefined when `x` is empty or `draws` < 1).
    public static func interval(_ x: [Double], level: Double, draws: Int, seed: UInt64,
                                statistic: ([Double]) -> Double) -> Interval {
        indexInterval(count: x.count, level: level, draws: draws, seed: seed) { chosen in statistic(chosen.map { x[$0] }) }
    }

    /// Percentile interval of the mean of `x` over `draws` resamples; clamped to `bounds` when given.
    public static func meanInterval(_ x: [Double], level: Double, draws: Int, seed: UInt64,
                                    bounds: ClosedRange<Double>? = nil) -> Interval {
        let found = interval(x, level: level, draws: draws, seed: seed, statistic: Descriptive.mean)
        guard let bounds else { return found }
        return Interval(low: min(max(found.low, bounds.lowerBound), bounds.upperBound),
                        high: min(max(found.high, bounds.lowerBound), bounds.upperBound))
    }

    /// Percentile interval of the median of `x` over `draws` resamples.
    public static func medianInterval(_ x: [Double], level: Double, draws: Int, seed: UInt64) -> Interval {
        interval(x, level: level, draws: draws, seed: seed, statistic: Descriptive.median)
    }

    /// Paired: resamples pair indices; percentile interval of mean(candidate[i] - baseline[i]).
    public static func pairedMeanDifference(baseline: [Double], candidate: [Double], level: Double,
                                            draws: Int, seed: UInt64) -> Interval {
        precondition(baseline.count == candidate.count, "paired samples need equal counts")
        let differences = zip(baseline, candidate).map { $1 - $0 }
        return interval(differences, level: level, draws: draws, seed: seed, statistic: Descriptive.mean)
    }

    /// Paired: percentile interval of mean(candidate)/mean(baseline) over resampled pairs.
    public static func pairedRatio(baseline: [Double], candidate: [Double], level: Double,
                                   draws: Int, seed: UInt64) -> Interval {
        precondition(baseline.count == candidate.count, "paired samples need equal counts")
        let pairs = Array(baseline.indices)
        return indexInterval(count: pairs.count, level: level, draws: draws, seed: seed) { chosen in
            Descriptive.mean(chosen.map { candidate[$0] }) / Descriptive.mean(chosen.map { baseline[$0] })
        }
    }

    /// Clustered (e.g. by seed): resamples whole clusters; percentile interval of the pooled mean.
    public static func clusteredMean(_ clusters: [[Double]], level: Double, draws: Int, seed: UInt64) -> Interval {
        indexInterval(count: clusters.count, level: level, draws: draws, seed: seed) { chosen in
            Descriptive.mean(chosen.flatMap { clusters[$0] })
        }
    }

    /// Two independent samples: percentile interval of `statistic(baseline*, candidate*)` over
    /// `draws` draws that resample each side separately (undefined when a side is empty).
    public static func twoSample(baseline: [Double], candidate: [Double], level: Double, draws: Int, seed: UInt64,
                                 statistic: ([Double], [Double]) -> Double) -> Interval {
        guard !baseline.isEmpty, !candidate.isEmpty, draws > 0 else { return .undefined }
        var rng = SplitMix64(seed: seed)
        var a = [Double](repeating: 0, count: baseline.count), b = [Double](repeating: 0, count: candidate.count)
        var values: [Double] = []
        values.reserveCapacity(draws)
        for _ in 0..<draws {
            for i in a.indices { a[i] = baseline[rng.below(baseline.count)] }
            for i in b.indices { b[i] = candidate[rng.below(candidate.count)] }
            values.append(statistic(a, b))
        }
        return percentileInterval(values, level: level)
    }

    /// The central `level` percentile interval of bootstrap `draws` (non-finite draws are
    /// left out; undefined when none is finite).
    public static func percentileInterval(_ draws: [Double], level: Double) -> Interval {
        let sorted = draws.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return .undefined }
        return Interval(low: Descriptive.quantile(sorted: sorted, (1 - level) / 2),
                        high: Descriptive.quantile(sorted: sorted, 1 - (1 - level) / 2))
    }

    /// Percentile interval of `statistic` over `draws` draws of `count` indices with replacement.
    private static func indexInterval(count: Int, level: Double, draws: Int, seed: UInt64,
                                      statistic: ([Int]) -> Double) -> Interval {
        guard count > 0, draws > 0 else { return .undefined }
        var rng = SplitMix64(seed: seed)
        var chosen = [Int](repeating: 0, count: count)
        var values: [Double] = []
        values.reserveCapacity(draws)
        for _ in 0..<draws {
            for i in chosen.indices { chosen[i] = rng.below(count) }
            values.append(statistic(chosen))
        }
        return percentileInterval(values, level: level)
    }
}
