/// The Theil–Sen line, robust to outliers.
public enum TheilSen {
    /// The line through (x[i], y[i]): the median of the pairwise slopes (pairs with equal x left
    /// out) and the median of y − slope·x. One point gives that value and slope 0; none gives NaN.
    public static func line(x: [Double], y: [Double]) -> (intercept: Double, slope: Double) {
        precondition(x.count == y.count, "a line needs as many x as y")
        guard y.count > 1 else { return (y.first ?? .nan, 0) }
        var slopes: [Double] = []
        for i in y.indices {
            for j in y.indices where j > i && x[j] != x[i] { slopes.append((y[j] - y[i]) / (x[j] - x[i])) }
        }
        let slope = slopes.isEmpty ? 0 : Descriptive.median(slopes)
        let intercept = Descriptive.median(zip(x, y).map { $1 - slope * $0 })
        return (intercept, slope)
    }

    /// The line through the series (i, values[i]).
    public static func line(_ values: [Double]) -> (intercept: Double, slope: Double) {
        line(x: values.indices.map(Double.init), y: values)
    }
}
