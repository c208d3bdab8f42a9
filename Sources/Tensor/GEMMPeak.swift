import Foundation

/// The machine's measured single-precision GEMM throughput, the denominator of MFU.
public enum GEMMPeak {
    /// GFLOP/s of square `n×n×n` `sgemm` calls with the current BLAS thread count: after
    /// `warmup` calls, the fastest of `samples` timed calls. A peak is what the hardware can
    /// do, so the best sample is the estimate; on a busy machine the median would understate
    /// it and inflate MFU.
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
        return flops / times.min()! / 1e9
    }
}
