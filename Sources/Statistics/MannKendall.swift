/// The Mann–Kendall test for a monotonic trend in a series.
public enum MannKendall {
    /// The two-sided p-value of a trend in `values` in order (normal approximation with the tie
    /// and continuity corrections; 1 for fewer than four values).
    public static func pValue(_ values: [Double]) -> Double {
        let n = values.count
        guard n >= 4 else { return 1 }
        var s = 0.0
        for i in 0..<n { for j in (i + 1)..<n { s += values[j] > values[i] ? 1 : (values[j] < values[i] ? -1 : 0) } }
        var ties: [Double: Int] = [:]
        for v in values { ties[v, default: 0] += 1 }
        let nd = Double(n)
        var variance = nd * (nd - 1) * (2 * nd + 5)
        for t in ties.values where t > 1 { let td = Double(t); variance -= td * (td - 1) * (2 * td + 5) }
        variance /= 18
        guard variance > 0 else { return 1 }
        let z = (abs(s) - 1) / variance.squareRoot()
        return min(1, 2 * (1 - Normal.cdf(max(0, z))))
    }
}
