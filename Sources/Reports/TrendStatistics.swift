import Foundation

/// Robust trend statistics of a short series of nightly values.
public enum TrendStatistics {
    /// The Theil–Sen line through (i, values[i]): the median of pairwise slopes and the median intercept.
    public static func theilSen(_ values: [Double]) -> (intercept: Double, slope: Double) {
        guard values.count > 1 else { return (values.first ?? .nan, 0) }
        var slopes: [Double] = []
        for i in values.indices { for j in values.indices where j > i { slopes.append((values[j] - values[i]) / Double(j - i)) } }
        let slope = Sample(slopes).median
        let intercept = Sample(values.enumerated().map { $0.element - slope * Double($0.offset) }).median
        return (intercept, slope)
    }

    /// The two-sided p-value of the Mann–Kendall test for a monotonic trend (normal approximation
    /// with the tie correction; 1 for fewer than four values).
    public static func mannKendall(_ values: [Double]) -> Double {
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
        return min(1, 2 * (1 - Distributions.normalCDF(max(0, z))))
    }
}
