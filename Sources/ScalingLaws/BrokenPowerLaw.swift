import Foundation

/// A broken power law with one break (`fit.broken-power`, Caballero et al. 2022):
/// `y = a + b·x^{−c₀}·(1 + (x/d₁)^{1/f₁})^{−c₁·f₁}`.
///
/// The log–log slope is −c₀ well before the break at d₁ and −(c₀ + c₁) well after; f₁ sets its
/// sharpness (smaller is sharper). Coordinates θ = (log a, log b, c₀, c₁, log d₁, log f₁), so
/// `log ŷ = LSE(log a, log b − c₀·log x − c₁·f₁·softplus((log x − log d₁)/f₁))`.
public struct BrokenPowerLaw: ScalingLawForm {
    /// Start values of c₀.
    public var gridC0: [Double] = [0, 0.3, 1]
    /// Start values of c₁.
    public var gridC1: [Double] = [0.5, 2, 8]
    /// Start values of f₁.
    public var gridF1: [Double] = [0.1, 1]
    /// Start values of a as fractions of the smallest y.
    public var gridAFraction: [Double] = [0.01, 0.5]
    /// Number of break positions d₁ in the start grid, spread evenly over log x of the data.
    public var breakCount = 5

    /// The form with the default start grid.
    public init() {}

    /// The stable id of this form.
    public var id: String { "fit.broken-power" }
    /// The formula, for people.
    public var formula: String { "y = a + b*x^-c0*(1 + (x/d1)^(1/f1))^(-c1*f1)" }
    /// The number of input columns.
    public var inputCount: Int { 1 }
    /// The optimizer coordinates, in order.
    public var coordinateNames: [String] { ["log_a", "log_b", "c0", "c1", "log_d1", "log_f1"] }

    /// `log ŷ` at one point, and its gradient in θ when asked.
    @inline(__always)
    public func logPrediction(_ theta: UnsafePointer<Double>, logX: UnsafePointer<Double>,
                              gradient: UnsafeMutablePointer<Double>?) -> Double {
        let lx = logX[0]
        let c0 = theta[2], c1 = theta[3], ld = theta[4]
        let f = exp(theta[5])
        let z = (lx - ld) / f
        let sp = LogSumExp.softplus(z)
        let t1 = theta[1] - c0 * lx - c1 * f * sp
        var w0 = 0.0, w1 = 0.0
        let u = LogSumExp.of(theta[0], t1, &w0, &w1)
        if let g = gradient {
            let sg = LogSumExp.sigmoid(z)
            g[0] = w0
            g[1] = w1
            g[2] = -w1 * lx
            g[3] = -w1 * f * sp
            g[4] = w1 * c1 * sg
            // ∂t1/∂f = −c1·(sp − sg·z); ∂f/∂log f = f.
            g[5] = -w1 * c1 * (sp - sg * z) * f
        }
        return u
    }

    /// A grid over a, c₀, c₁, d₁ (spread over the data's range) and f₁, each with the b that
    /// puts the curve through the smallest-x point.
    public func starts(for data: FitData) -> [[Double]] {
        let lxs = data.logX
        let lo = lxs.min() ?? 0, hi = lxs.max() ?? 1
        // Without points the curve goes through (1, 1).
        let i0 = (0..<data.count).min { lxs[$0] < lxs[$1] }
        let y0 = i0.map { data.y[$0] } ?? 1, lx0 = i0.map { lxs[$0] } ?? 0
        let yMin = data.y.min() ?? 1
        var s: [[Double]] = []
        for af in gridAFraction {
            let a = af * yMin
            for c0 in gridC0 { for c1 in gridC1 { for f in gridF1 {
                for k in 0..<breakCount {
                    let ld = lo + (hi - lo) * (Double(k) + 0.5) / Double(breakCount)
                    let sp = LogSumExp.softplus((lx0 - ld) / f)
                    let lb = log(max(y0 - a, 0.05 * y0)) + c0 * lx0 + c1 * f * sp
                    s.append([log(a), lb, c0, c1, ld, log(f)])
                }
            } } }
        }
        return s
    }

    /// The reported parameters for θ.
    public func parameters(_ t: [Double]) -> [NamedValue] {
        [NamedValue("a", exp(t[0])), NamedValue("b", exp(t[1])), NamedValue("c0", t[2]), NamedValue("c1", t[3]),
         NamedValue("d1", exp(t[4])), NamedValue("f1", exp(t[5]))]
    }

    /// Problems with the solution θ on these data.
    public func degeneracies(_ t: [Double], data: FitData) -> [String] {
        var out: [String] = []
        let lo = data.logX.min() ?? 0, hi = data.logX.max() ?? 0
        if t[4] < lo - 1 || t[4] > hi + 1 {
            out.append(String(format: "the break d1 = %.4g lies outside the data (x from %.4g to %.4g)", exp(t[4]), exp(lo), exp(hi)))
        }
        if t[5] > log(20.0) { out.append(String(format: "f1 = %.4g: the break is so smooth it is not a break", exp(t[5]))) }
        out += TermShare.check(self, t, data: data, weightSlots: [0, 1], names: ["a", "b*x^-c0*(...)"])
        return out
    }
}
