import Foundation

/// The machine's measured single-precision GEMM throughput, the denominator of MFU.
public enum GEMMPeak {
    /// GFLOP/s of square `n×n×n` `sgemm` calls with the current BLAS thread count:
    /// after `warmup` calls, the median of `samples` timed calls.
    public static func measure(n: Int = 2048, warmup: Int = 2, samples: Int = 7) -> Double {
        let a = Tensor(shape: [n, n]), b = Tensor(shape: [n, n]), c = Tensor(shape: [n, n])
        var rng = RNG(seed: 1)
        a.fillUniform(-1, 1, rng: &rng)
        b.fillUniform(-1, 1, rng: &rng)
        for _ in 0..<warmup { Tensor.matmul(a, b, into: c) }
        var times: [Double] = []
        for _ in 0..<samples {
            let t0 = Clock.now()
            Tensor.matmul(a, b, into: c)
            times.append(Clock.now() - t0)
        }
        let flops = 2.0 * Double(n) * Double(n) * Double(n)
        return flops / Statistics.median(times) / 1e9
    }
}

/// A monotonic clock in seconds.
public enum Clock {
    /// Seconds since an arbitrary fixed point, from `CLOCK_MONOTONIC`.
    @inline(__always)
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// Small order statistics used by measurements.
public enum Statistics {
    /// The median (the mean of the two middle values for an even count).
    public static func median(_ xs: [Double]) -> Double {
        precondition(!xs.isEmpty, "median of no values")
        let s = xs.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
    }
}
