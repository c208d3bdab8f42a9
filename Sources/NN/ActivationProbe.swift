import Tensor

/// Statistics of the activations a model passes on at one depth (a block's output, the
/// residual stream; a hidden layer's output), for `measurement.internals`: `residual.rms`,
/// `activations.kurtosis` and `activations.max_median`, averaged over the passes observed.
///
/// The model calls `observe` only while `recordsInternals` is on, so a probe costs one Bool
/// check per pass otherwise.
public final class ActivationProbe: InternalsReporting {
    public var recordsInternals = false
    private var averages = InternalsAverage()
    /// |x| of the last observed tensor, for the median (kept to reuse its storage).
    private var magnitudes: [Float] = []

    public init() {}

    /// Adds the statistics of `x` (all its elements) to the running averages.
    public func observe(_ x: Tensor) {
        let n = x.count
        guard n > 0 else { return }
        let moments = Self.moments(n, x.data)
        averages.add("residual.rms", moments.rms)
        averages.add("activations.kurtosis", moments.kurtosis)
        magnitudes.removeAll(keepingCapacity: true)
        magnitudes.append(contentsOf: UnsafeBufferPointer(start: x.data, count: n).lazy.map { abs($0) })
        averages.add("activations.max_median", Self.maxOverMedian(&magnitudes))
    }

    public func takeInternals() -> [String: Double] { averages.take() }

    /// The root mean square of `x[0..<n]`, and its plain (Pearson) kurtosis m₄ / m₂² about the
    /// mean: 3 for a Gaussian, 1.8 for a uniform, large for heavy outliers; nil when the
    /// variance is zero (a constant tensor has no kurtosis).
    public static func moments(_ n: Int, _ x: UnsafePointer<Float>) -> (rms: Double, kurtosis: Double?) {
        var sum = 0.0, squares = 0.0
        for i in 0..<n {
            let v = Double(x[i])
            sum += v
            squares += v * v
        }
        let mean = sum / Double(n)
        var m2 = 0.0, m4 = 0.0
        for i in 0..<n {
            let d = Double(x[i]) - mean, d2 = d * d
            m2 += d2
            m4 += d2 * d2
        }
        m2 /= Double(n)
        m4 /= Double(n)
        return ((squares / Double(n)).squareRoot(), m2 > 0 ? m4 / (m2 * m2) : nil)
    }

    /// max / median of non-negative `values` (reordered in place); nil when the median is 0.
    /// The median of an even count is the mean of the two middle values.
    public static func maxOverMedian(_ values: inout [Float]) -> Double? {
        guard !values.isEmpty else { return nil }
        values.sort()
        let n = values.count
        let median = n % 2 == 1 ? Double(values[n / 2]) : (Double(values[n / 2 - 1]) + Double(values[n / 2])) / 2
        return median > 0 ? Double(values[n - 1]) / median : nil
    }
}
