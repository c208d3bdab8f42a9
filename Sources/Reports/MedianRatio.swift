import ScalingLaws

/// The ratio of medians of two sets of samples with a percentile-bootstrap interval, for latency.
public enum MedianRatio {
    /// median(candidate) ÷ median(baseline) − 1, with the `level` interval from `resamples`
    /// independent resamples of each side (seeded: the same inputs give the same interval), and
    /// the Mann–Whitney p-value of the shift.
    public static func run(baseline: [Double], candidate: [Double], level: Double = 0.95,
                           resamples: Int = 2000, seed: UInt64 = 0) -> HypothesisTest {
        let a = Sample(baseline), b = Sample(candidate)
        guard a.count > 0, b.count > 0, a.median > 0 else {
            return HypothesisTest(method: "mann-whitney+bootstrap", change: .nan, low: .nan, high: .nan, p: nil)
        }
        let change = b.median / a.median - 1
        var rng = SplitMix64(seed: seed)
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        var ra = [Double](repeating: 0, count: a.count), rb = [Double](repeating: 0, count: b.count)
        for _ in 0..<resamples {
            for i in ra.indices { ra[i] = a.values[rng.below(a.count)] }
            for i in rb.indices { rb[i] = b.values[rng.below(b.count)] }
            ratios.append(Sample(rb).median / Sample(ra).median - 1)
        }
        ratios.sort()
        return HypothesisTest(method: "mann-whitney+bootstrap", change: change,
                              low: Percentile.of(ratios, (1 - level) / 2), high: Percentile.of(ratios, 1 - (1 - level) / 2),
                              p: MannWhitney.pValue(a.values, b.values))
    }
}
