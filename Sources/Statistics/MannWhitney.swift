/// The Mann–Whitney U (Wilcoxon rank-sum) test, normal approximation with tie and continuity
/// corrections: for skewed samples such as latency.
public enum MannWhitney {
    /// The two-sided p-value for a shift between `a` and `b` (1 when either is empty or all values tie).
    public static func pValue(_ a: [Double], _ b: [Double]) -> Double {
        let na = Double(a.count), nb = Double(b.count)
        guard na > 0, nb > 0 else { return 1 }
        let pooled = (a.map { ($0, 0) } + b.map { ($0, 1) }).sorted { $0.0 < $1.0 }
        let n = pooled.count
        var rankSumB = 0.0
        var tieTerm = 0.0
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && pooled[j + 1].0 == pooled[i].0 { j += 1 }
            let rank = Double(i + j + 2) / 2  // average of the 1-based ranks i+1 … j+1
            for k in i...j where pooled[k].1 == 1 { rankSumB += rank }
            let t = Double(j - i + 1)
            tieTerm += t * t * t - t
            i = j + 1
        }
        let u = rankSumB - nb * (nb + 1) / 2
        let mean = na * nb / 2
        let total = na + nb
        let variance = na * nb / 12 * ((total + 1) - tieTerm / (total * (total - 1)))
        guard variance > 0 else { return 1 }
        let distance = max(0, abs(u - mean) - 0.5)
        return min(1, 2 * (1 - Normal.cdf(distance / variance.squareRoot())))
    }
}
