import Foundation
import Statistics

/// Where one fitted curve overtakes another along a scale axis.
public struct CrossoverResult: Sendable, Codable {
    /// The scale where the curves cross on the point estimates (nil: they do not cross in range).
    public var estimate: Double?
    /// Percentile interval over paired bootstrap draws that cross (nil without draws).
    public var lower: Double?
    /// Upper end of the interval.
    public var upper: Double?
    /// Share of paired draws whose curves cross in range.
    public var crossingShare: Double?
    /// The scale range searched.
    public var range: [Double]
}

/// Crossovers of two fits: the scale x where `y₁(x) = y₂(x)`.
public enum Crossover {
    /// The smallest x in [lower, upper] where f(x) = g(x), by scanning `samples` points evenly in
    /// log x for a sign change of f − g and refining it by bisection; nil when there is none.
    public static func find(lower: Double, upper: Double, samples: Int = 256,
                            _ f: (Double) -> Double?, _ g: (Double) -> Double?) -> Double? {
        precondition(lower > 0 && upper > lower && samples >= 2)
        let l0 = log(lower), l1 = log(upper)
        func diff(_ lx: Double) -> Double? {
            let x = exp(lx)
            guard let a = f(x), let b = g(x), a.isFinite, b.isFinite else { return nil }
            return a - b
        }
        var prevL = l0
        guard var prev = diff(l0) else { return nil }
        if prev == 0 { return lower }
        for k in 1..<samples {
            let l = l0 + (l1 - l0) * Double(k) / Double(samples - 1)
            guard let d = diff(l) else { return nil }
            if d == 0 { return exp(l) }
            if (d > 0) != (prev > 0) {
                var a = prevL, b = l, fa = prev
                for _ in 0..<200 {
                    let m = 0.5 * (a + b)
                    if m <= a || m >= b { break }
                    guard let fm = diff(m) else { return nil }
                    if fm == 0 { return exp(m) }
                    if (fm > 0) == (fa > 0) { a = m; fa = fm } else { b = m }
                }
                return exp(0.5 * (a + b))
            }
            prev = d
            prevL = l
        }
        return nil
    }

    /// The crossover of two fits' scale curves (y(x), or L_opt(C) for the two-input form) in
    /// [lower, upper], with a percentile interval from paired bootstrap draws (draw i of each).
    public static func between<F1: ScalingLawForm, F2: ScalingLawForm>(
        _ form1: F1, _ fit1: ScalingFit, draws1: [[Double]],
        _ form2: F2, _ fit2: ScalingFit, draws2: [[Double]],
        lower: Double, upper: Double, level: Double = 0.95, settings: DerivedSettings = DerivedSettings()
    ) -> CrossoverResult {
        func cross(_ t1: [Double], _ t2: [Double]) -> Double? {
            find(lower: lower, upper: upper, { form1.scaleCurve(t1, at: $0, settings: settings) },
                 { form2.scaleCurve(t2, at: $0, settings: settings) })
        }
        let estimate = cross(fit1.coordinates, fit2.coordinates)
        let pairs = min(draws1.count, draws2.count)
        guard pairs > 0 else { return CrossoverResult(estimate: estimate, range: [lower, upper]) }
        var found: [Double] = []
        var valid = 0
        for i in 0..<pairs where draws1[i].allSatisfy({ $0.isFinite }) && draws2[i].allSatisfy({ $0.isFinite }) {
            valid += 1
            if let c = cross(draws1[i], draws2[i]) { found.append(c) }
        }
        let interval = Bootstrap.percentileInterval(found, level: level)
        return CrossoverResult(estimate: estimate,
                               lower: found.isEmpty ? nil : interval.low,
                               upper: found.isEmpty ? nil : interval.high,
                               crossingShare: valid == 0 ? nil : Double(found.count) / Double(valid),
                               range: [lower, upper])
    }
}
