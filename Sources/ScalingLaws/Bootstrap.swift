import Foundation
import Statistics

/// How bootstrap intervals are computed.
public struct BootstrapOptions: Sendable {
    /// Where each resample's refit starts.
    public enum Restart: String, Sendable, Codable {
        /// From the full-data optimum (fast; the usual choice).
        case fromOptimum
        /// From the form's whole start grid (slower; does not understate spread when minima compete).
        case fullGrid
    }

    /// Number of resamples B.
    public var resamples = 1000
    /// Seed; the same seed gives the same draws on any number of threads.
    public var seed: UInt64 = 0
    /// Central coverage of the percentile intervals.
    public var level = 0.95
    /// Where refits start.
    public var restart = Restart.fromOptimum
    /// Warn when an interval is wider than this multiple of its estimate's magnitude.
    public var hugeIntervalRatio = 2.0

    /// Default options (1,000 resamples, seed 0, 95% intervals, restart from the optimum).
    public init() {}
}

/// Bootstrap standard errors and percentile intervals for a fit's parameters and derived quantities.
public struct BootstrapResult: Sendable, Codable {
    /// Number of resamples.
    public var resamples: Int
    /// The seed used.
    public var seed: UInt64
    /// Central coverage of the intervals.
    public var level: Double
    /// Where refits started.
    public var restart: BootstrapOptions.Restart
    /// What was resampled: `points`, or `groups` (whole clusters, within strata when given).
    public var unit: String
    /// Resamples whose refit failed (left out of the summaries).
    public var failed: Int
    /// One summary per reported parameter.
    public var parameters: [IntervalSummary]
    /// One summary per derived quantity.
    public var derived: [IntervalSummary]
    /// Problems: huge intervals, failed refits.
    public var warnings: [String]
    /// The optimizer coordinates of each draw, in draw order (NaN for a failed draw); used for
    /// paired comparisons such as crossovers. Not encoded.
    public var coordinateDraws: [[Double]] = []

    enum CodingKeys: String, CodingKey {
        case resamples, seed, level, restart, unit, failed, parameters, derived, warnings
    }
}

/// Draws bootstrap resamples as per-point multiplicities.
public enum Resampler {
    /// The multiplicity of each point in draw `index`: points (or whole groups, when the data have
    /// groups) drawn with replacement, separately within each stratum when the data have strata.
    public static func weights(_ data: FitData, seed: UInt64, index: Int) -> [Double] {
        var rng = SplitMix64(seed: seed, index: UInt64(index))
        var w = [Double](repeating: 0, count: data.count)
        let strata = data.strata ?? [Int](repeating: 0, count: data.count)
        let groups = data.groups ?? Array(0..<data.count)
        // Clusters of point indices per stratum, in first-appearance order (deterministic).
        var strataOrder: [Int] = []
        var clusters: [Int: [[Int]]] = [:]
        var clusterIndex: [Int: [Int: Int]] = [:]
        for i in 0..<data.count {
            let s = strata[i], g = groups[i]
            if clusters[s] == nil { clusters[s] = []; clusterIndex[s] = [:]; strataOrder.append(s) }
            if let c = clusterIndex[s]![g] {
                clusters[s]![c].append(i)
            } else {
                clusterIndex[s]![g] = clusters[s]!.count
                clusters[s]!.append([i])
            }
        }
        for s in strataOrder {
            let cs = clusters[s]!
            for _ in 0..<cs.count {
                for i in cs[rng.below(cs.count)] { w[i] += 1 }
            }
        }
        return w
    }
}

extension Fitter {
    /// Refits `form` on `options.resamples` resamples of `data` and summarizes every parameter and
    /// derived quantity. `fit` is the full-data fit (its optimum seeds the refits).
    public func bootstrap<F: ScalingLawForm>(_ form: F, data: FitData, fit: ScalingFit,
                                             options b: BootstrapOptions = BootstrapOptions()) -> BootstrapResult {
        let gridStarts: [[Double]] = b.restart == .fullGrid ? (options.starts ?? form.starts(for: data)) : []
        let starts = [fit.coordinates] + gridStarts
        let p = form.coordinateCount
        // Each draw runs on one thread; the threads of the fitter are spent across draws.
        var serial = self
        serial.options.threads = 1
        let draws: [[Double]] = ParallelMap.run(count: b.resamples, threads: options.threads) { index in
            let w = Resampler.weights(data, seed: b.seed, index: index)
            guard let theta = serial.refit(form, data, weights: w, from: starts),
                  theta.allSatisfy({ $0.isFinite }) else { return [Double](repeating: .nan, count: p) }
            return theta
        }
        let good = draws.filter { $0.allSatisfy { $0.isFinite } }
        let paramDraws = good.map { form.parameters($0) }
        let derivedDraws = good.map { form.derived($0, settings: options.derived) }
        let parameters = fit.parameters.enumerated().map { k, nv in
            IntervalSummary(name: nv.name, estimate: nv.value, values: paramDraws.map { $0[k].value }, level: b.level)
        }
        var derived = fit.derived.enumerated().map { k, nv in
            IntervalSummary(name: nv.name, estimate: nv.value, values: derivedDraws.map { $0[k].value }, level: b.level)
        }
        if form is ChinchillaLaw, good.count > 2 {
            derived.append(DeltaMethod.exponentN(fit: fit, draws: good))
        }
        var warnings: [String] = []
        let failed = draws.count - good.count
        if failed > 0 { warnings.append("\(failed) of \(b.resamples) bootstrap refits failed and were left out") }
        for s in parameters + derived where s.draws > 1 {
            let width = s.upper - s.lower
            if !width.isFinite || width > b.hugeIntervalRatio * abs(s.estimate) {
                warnings.append(String(format: "the %g%% interval of %@ (%.4g to %.4g) is huge next to its estimate %.4g",
                                       b.level * 100, s.name, s.lower, s.upper, s.estimate))
            }
        }
        return BootstrapResult(resamples: b.resamples, seed: b.seed, level: b.level, restart: b.restart,
                               unit: data.groups == nil ? "points" : "groups", failed: failed,
                               parameters: parameters, derived: derived, warnings: warnings, coordinateDraws: draws)
    }
}

/// Delta-method standard errors from the bootstrap covariance.
enum DeltaMethod {
    /// SE of `p_N = β/(α+β)` for a Chinchilla fit (coordinates 3 and 4 are α and β), using
    /// `∂p_N/∂α = −β/(α+β)²`, `∂p_N/∂β = α/(α+β)²` and the draws' covariance of (α, β).
    static func exponentN(fit: ScalingFit, draws: [[Double]]) -> IntervalSummary {
        let al = fit.coordinates[3], be = fit.coordinates[4]
        let n = Double(draws.count)
        let ma = draws.reduce(0) { $0 + $1[3] } / n, mb = draws.reduce(0) { $0 + $1[4] } / n
        var caa = 0.0, cab = 0.0, cbb = 0.0
        for d in draws {
            caa += (d[3] - ma) * (d[3] - ma); cab += (d[3] - ma) * (d[4] - mb); cbb += (d[4] - mb) * (d[4] - mb)
        }
        caa /= n - 1; cab /= n - 1; cbb /= n - 1
        let s = al + be
        let ga = -be / (s * s), gb = al / (s * s)
        let variance = ga * ga * caa + 2 * ga * gb * cab + gb * gb * cbb
        let estimate = be / s
        let se = max(variance, 0).squareRoot()
        var summary = IntervalSummary(name: "p_N (delta method)", estimate: estimate, values: [], level: 0.95)
        summary.standardError = se
        summary.lower = estimate - 1.959963984540054 * se
        summary.upper = estimate + 1.959963984540054 * se
        summary.draws = draws.count
        return summary
    }
}
