import Foundation
import Statistics
import Tensor

/// The latency protocol of DESIGN.md ("Measurement protocol"), reusable by every stage that
/// times inference (the trained model now, compressed variants later):
/// warm up (≥ `warmupIterations` and ≥ `warmupSeconds`), then take ≥ `minSamples` samples
/// over ≥ `minSeconds`, each sample long enough to dwarf the timer's resolution; the
/// variants compared are interleaved (A B A B …) so that drift affects all alike.
public struct LatencyProtocol: Sendable, Equatable {
    public var warmupIterations: Int
    public var warmupSeconds: Double
    public var minSamples: Int
    public var minSeconds: Double
    public var bootstrapResamples: Int
    /// The shortest sample: calls are repeated within a sample until it lasts this long.
    public var minSampleSeconds: Double

    public init(warmupIterations: Int = 10, warmupSeconds: Double = 0.2, minSamples: Int = 30, minSeconds: Double = 1,
                bootstrapResamples: Int = 1000, minSampleSeconds: Double = 2e-3) {
        self.warmupIterations = warmupIterations
        self.warmupSeconds = warmupSeconds
        self.minSamples = minSamples
        self.minSeconds = minSeconds
        self.bootstrapResamples = bootstrapResamples
        self.minSampleSeconds = minSampleSeconds
    }
}

/// The summary of one variant's latency samples.
public struct LatencySummary: Sendable, Equatable {
    /// Seconds per call, one per sample, in the order taken (all kept).
    public var samples: [Double]
    /// Calls averaged within each sample.
    public var callsPerSample: Int
    public var median: Double
    public var p90: Double
    /// Only with ≥ 100 samples.
    public var p99: Double?
    /// Median absolute deviation from the median.
    public var mad: Double
    /// Bootstrap 95% percentile interval of the median.
    public var medianLow: Double
    public var medianHigh: Double
}

/// Measures the latency of one or more named calls under a `LatencyProtocol`.
public enum LatencyMeasurement {
    /// Runs the protocol over `variants` (name, call) interleaved, and summarizes each.
    /// `seed` seeds the bootstrap.
    public static func measure(_ variants: [(name: String, call: () -> Void)], protocol p: LatencyProtocol,
                               seed: UInt64 = 0) -> [String: LatencySummary] {
        precondition(!variants.isEmpty, "nothing to measure")
        // Warm-up, interleaved; it also calibrates how many calls make one sample.
        var calls = [Int](repeating: 1, count: variants.count)
        var iterations = 0
        let warmStart = Clock.now()
        var warmTimes = [[Double]](repeating: [], count: variants.count)
        while iterations < p.warmupIterations || Clock.now() - warmStart < p.warmupSeconds {
            for (i, v) in variants.enumerated() {
                let t0 = Clock.now()
                v.call()
                warmTimes[i].append(Clock.now() - t0)
            }
            iterations += 1
        }
        // Calibrate from the median warm-up call (one preempted call must not set it), so
        // that samples last ≥ minSampleSeconds and their count (and the bootstrap) stays bounded.
        for i in variants.indices {
            calls[i] = max(1, Int((p.minSampleSeconds / max(Descriptive.median(warmTimes[i]), 1e-9)).rounded(.up)))
        }
        var samples = [[Double]](repeating: [], count: variants.count)
        let start = Clock.now()
        while samples[0].count < p.minSamples || Clock.now() - start < p.minSeconds {
            for (i, v) in variants.enumerated() {
                let t0 = Clock.now()
                for _ in 0..<calls[i] { v.call() }
                samples[i].append((Clock.now() - t0) / Double(calls[i]))
            }
        }
        var out: [String: LatencySummary] = [:]
        for (i, v) in variants.enumerated() {
            out[v.name] = summarize(samples[i], callsPerSample: calls[i], resamples: p.bootstrapResamples, seed: seed)
        }
        return out
    }

    /// Order statistics, MAD and a bootstrap interval of the median of `samples`.
    public static func summarize(_ samples: [Double], callsPerSample: Int = 1, resamples: Int = 1000, seed: UInt64 = 0) -> LatencySummary {
        let sorted = samples.sorted()
        let median = Descriptive.quantile(sorted: sorted, 0.5)
        let interval = Bootstrap.medianInterval(samples, level: 0.95, draws: resamples, seed: seed)
        return LatencySummary(
            samples: samples, callsPerSample: callsPerSample, median: median,
            p90: Descriptive.quantile(sorted: sorted, 0.90),
            p99: samples.count >= 100 ? Descriptive.quantile(sorted: sorted, 0.99) : nil,
            mad: Descriptive.medianAbsoluteDeviation(samples),
            medianLow: interval.low, medianHigh: interval.high)
    }

}
