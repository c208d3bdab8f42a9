import Foundation

/// Welch's unequal-variance t-test on replicate values (one per seed), for quality metrics.
public enum WelchTest {
    /// Tests whether `candidate`'s mean differs from `baseline`'s; the change is relative to the
    /// baseline mean, with its Welch interval at `level`. With fewer than two values on a side only
    /// exact equality can be told (p = 1); otherwise p is nil.
    public static func run(baseline: Sample, candidate: Sample, level: Double = 0.95) -> HypothesisTest {
        let scale = abs(baseline.mean) > 0 ? abs(baseline.mean) : 1
        let diff = candidate.mean - baseline.mean
        let relative = diff / scale
        guard baseline.count > 1, candidate.count > 1 else {
            let same = baseline.sorted == candidate.sorted && !baseline.values.isEmpty
            return HypothesisTest(method: "welch-t", change: relative, low: relative, high: relative, p: same ? 1 : nil)
        }
        let va = baseline.variance / Double(baseline.count), vb = candidate.variance / Double(candidate.count)
        let se = (va + vb).squareRoot()
        guard se > 0 else {
            // Bitwise-identical replicates (same seeds, same build): any difference is exact.
            return HypothesisTest(method: "welch-t", change: relative, low: relative, high: relative, p: diff == 0 ? 1 : 0)
        }
        let df = (va + vb) * (va + vb) / (va * va / Double(baseline.count - 1) + vb * vb / Double(candidate.count - 1))
        let t = diff / se
        let q = Distributions.studentQuantile(1 - (1 - level) / 2, df: df)
        return HypothesisTest(method: "welch-t", change: relative, low: (diff - q * se) / scale, high: (diff + q * se) / scale,
                              p: Distributions.studentTwoSided(t, df: df))
    }
}
