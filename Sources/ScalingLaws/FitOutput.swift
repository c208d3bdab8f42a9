import Foundation

/// What one fit request produced: one report, or one per variant with their crossovers.
public enum FitOutput: Sendable {
    case single(FitReport)
    case variants(VariantFits)

    /// Every report with its variant value (empty for a single fit), in order.
    public var reports: [(variant: String, report: FitReport)] {
        switch self {
        case .single(let r): return [("", r)]
        case .variants(let v): return v.variants.map { ($0.value, $0.report) }
        }
    }
}

/// One variant's fit in a per-variant request.
public struct VariantFit: Sendable, Encodable {
    /// The variant's value in the `by` column.
    public let value: String
    /// The fit of its rows.
    public let report: FitReport
}

/// Where two variants' curves cross.
public struct VariantCrossover: Sendable, Encodable {
    public let first: String
    public let second: String
    public let crossover: CrossoverResult
}

/// The fits of a per-variant request (`by`): one per variant, and every pair's crossover.
public struct VariantFits: Sendable, Encodable {
    /// The column naming the variants.
    public let by: String
    public let variants: [VariantFit]
    public let crossovers: [VariantCrossover]
    /// The crossover search axis and range (text output only).
    public let axis: String
    public let lower: Double
    public let upper: Double

    enum CodingKeys: String, CodingKey { case by, variants, crossovers }
}

/// The wall and CPU time of one phase of a fit (the fit, the bootstrap, the held-out refit).
public struct FitPhaseTiming: Sendable {
    public let label: String
    public let wallSeconds: Double
    public let cpuSeconds: Double
    public let threads: Int

    /// `timing: LABEL: W s wall, C s CPU, N threads`.
    public var text: String {
        String(format: "timing: %@: %.3f s wall, %.3f s CPU, %d threads", label, wallSeconds, cpuSeconds, threads)
    }

    /// Runs `body`, passing its timing to `report` when there is one.
    static func measure<T>(_ label: @autoclosure () -> String, threads: Int, report: ((FitPhaseTiming) -> Void)?,
                           _ body: () throws -> T) rethrows -> T {
        guard let report else { return try body() }
        func cpu() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
                + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
        }
        let w0 = DispatchTime.now().uptimeNanoseconds, c0 = cpu()
        let result = try body()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - w0) * 1e-9, used = cpu() - c0
        report(FitPhaseTiming(label: label(), wallSeconds: wall, cpuSeconds: used, threads: threads))
        return result
    }
}
