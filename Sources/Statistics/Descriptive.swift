/// Descriptive statistics of a list of values.
public enum Descriptive {
    /// The arithmetic mean (NaN when empty).
    public static func mean(_ x: [Double]) -> Double {
        x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count)
    }

    /// The median, the 0.5 quantile (NaN when empty).
    public static func median(_ x: [Double]) -> Double {
        quantile(sorted: x.sorted(), 0.5)
    }

    /// The unbiased sample variance, divided by n − 1 (NaN with fewer than two values).
    public static func variance(_ x: [Double]) -> Double {
        guard x.count > 1 else { return .nan }
        let m = mean(x)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
    }

    /// The sample standard deviation, with n − 1 (NaN with fewer than two values).
    public static func standardDeviation(_ x: [Double]) -> Double {
        variance(x).squareRoot()
    }

    /// The median absolute deviation from the median (NaN when empty).
    public static func medianAbsoluteDeviation(_ x: [Double]) -> Double {
        let center = median(x)
        return median(x.map { abs($0 - center) })
    }

    /// The q-quantile (0 ≤ q ≤ 1) of ascending `sorted` values, linearly interpolated between
    /// order statistics (numpy's default, Hyndman–Fan type 7); NaN when empty.
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = q * Double(sorted.count - 1)
        let i = Int(h.rounded(.down))
        if i + 1 >= sorted.count { return sorted[sorted.count - 1] }
        return sorted[i] + (h - Double(i)) * (sorted[i + 1] - sorted[i])
    }
}
