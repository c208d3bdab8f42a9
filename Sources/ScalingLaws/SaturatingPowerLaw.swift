import Foundation

/// `y = E + A·x^{−α}` (`fit.saturating-power`): a power law that levels off at E.
///
/// Coordinates θ = (a, e, α) with `A = e^a`, `E = e^e`, so `log ŷ = LSE(a − α·log x, e)`.
public struct SaturatingPowerLaw: ScalingLawForm {
    /// Exponents of the start grid.
    public var gridAlpha: [Double] = [0.05, 0.1, 0.2, 0.4, 0.8]
    /// Values of e = log E in the start grid (data-relative values are added: E near the smallest y).
    public var gridE: [Double] = stride(from: -1.0, through: 1, by: 0.5).map { $0 }
    /// Values of a = log A in the start grid (a value that matches the smallest-x point is added).
    public var gridA: [Double] = stride(from: 0.0, through: 25, by: 5).map { $0 }

    /// The form with the default start grid.
    public init() {}

    /// The stable id of this form.
    public var id: String { "fit.saturating-power" }
    /// The formula, for people.
    public var formula: String { "y = E + A*x^-alpha" }
    /// The number of input columns.
    public var inputCount: Int { 1 }
    /// The optimizer coordinates, in order.
    public var coordinateNames: [String] { ["a", "e", "alpha"] }

    /// `log ŷ` at one point, and its gradient in θ when asked.
    @inline(__always)
    public func logPrediction(_ theta: UnsafePointer<Double>, logX: UnsafePointer<Double>,
                              gradient: UnsafeMutablePointer<Double>?) -> Double {
        var w0 = 0.0, w1 = 0.0
        let u = LogSumExp.of(theta[0] - theta[2] * logX[0], theta[1], &w0, &w1)
        if let g = gradient {
            g[0] = w0
            g[1] = w1
            g[2] = -w0 * logX[0]
        }
        return u
    }

    /// The grid α × e × a, with e also at log of 0.5 and 0.9 × the smallest y, and for each
    /// (α, e) an a that puts the curve through the smallest-x point (the plain grid without points).
    public func starts(for data: FitData) -> [[Double]] {
        // Without points there is nothing to start from but the fixed grid.
        guard let yMin = data.y.min(), let i0 = (0..<data.count).min(by: { data.logX[$0] < data.logX[$1] }) else {
            return gridAlpha.flatMap { al in gridE.flatMap { e in gridA.map { a in [a, e, al] } } }
        }
        let lx0 = data.logX[i0], y0 = data.y[i0]
        let es = gridE + [log(0.5 * yMin), log(0.9 * yMin)]
        var s: [[Double]] = []
        for al in gridAlpha {
            for e in es {
                for a in gridA { s.append([a, e, al]) }
                let rest = max(y0 - exp(e), 0.05 * y0)
                s.append([log(rest) + al * lx0, e, al])
            }
        }
        return s
    }

    /// The reported parameters for θ.
    public func parameters(_ t: [Double]) -> [NamedValue] {
        [NamedValue("A", exp(t[0])), NamedValue("E", exp(t[1])), NamedValue("alpha", t[2])]
    }

    /// Problems with the solution θ on these data.
    public func degeneracies(_ t: [Double], data: FitData) -> [String] {
        var out: [String] = []
        if t[2] <= 0 { out.append("alpha = \(t[2]) ≤ 0: y does not fall with x") }
        if t[2] > 5 { out.append("alpha = \(t[2]) is implausibly large") }
        out += TermShare.check(self, t, data: data, weightSlots: [0, 1], names: ["A*x^-alpha", "E"])
        return out
    }
}
