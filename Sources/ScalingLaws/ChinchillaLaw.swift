import Foundation

/// `L(N, D) = E + A/N^α + B/D^β` (`fit.chinchilla`): loss against parameters N and data D.
///
/// Coordinates θ = (a, b, e, α, β) with `A = e^a`, `B = e^b`, `E = e^e`, so
/// `log L̂ = LSE(a − α·log N, b − β·log D, e)`.
public struct ChinchillaLaw: ScalingLawForm {
    /// Values of each coordinate in the default start grid.
    public var gridA: [Double], gridB: [Double], gridE: [Double], gridAlpha: [Double], gridBeta: [Double]

    /// The form with the Chinchilla paper's 4,500-point start grid: α, β ∈ {0, 0.5, …, 2},
    /// e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}.
    public init() {
        gridA = stride(from: 0.0, through: 25, by: 5).map { $0 }
        gridB = gridA
        gridE = stride(from: -1.0, through: 1, by: 0.5).map { $0 }
        gridAlpha = stride(from: 0.0, through: 2, by: 0.5).map { $0 }
        gridBeta = gridAlpha
    }

    /// The form with a custom start grid (e.g. a reduced one for quick checks).
    public init(gridA: [Double], gridB: [Double], gridE: [Double], gridAlpha: [Double], gridBeta: [Double]) {
        self.gridA = gridA; self.gridB = gridB; self.gridE = gridE
        self.gridAlpha = gridAlpha; self.gridBeta = gridBeta
    }

    /// The stable id of this form.
    public var id: String { "fit.chinchilla" }
    /// The formula, for people.
    public var formula: String { "L = E + A/N^alpha + B/D^beta" }
    /// The number of input columns.
    public var inputCount: Int { 2 }
    /// The optimizer coordinates, in order.
    public var coordinateNames: [String] { ["a", "b", "e", "alpha", "beta"] }

    /// `log ŷ` at one point, and its gradient in θ when asked.
    @inline(__always)
    public func logPrediction(_ theta: UnsafePointer<Double>, logX: UnsafePointer<Double>,
                              gradient: UnsafeMutablePointer<Double>?) -> Double {
        let lN = logX[0], lD = logX[1]
        var w0 = 0.0, w1 = 0.0, w2 = 0.0
        let u = LogSumExp.of(theta[0] - theta[3] * lN, theta[1] - theta[4] * lD, theta[2], &w0, &w1, &w2)
        if let g = gradient {
            g[0] = w0
            g[1] = w1
            g[2] = w2
            g[3] = -w0 * lN
            g[4] = -w1 * lD
        }
        return u
    }

    /// Whether the four-wide batch objective is implemented.
    public var hasBatchObjective: Bool { true }

    /// The objective and its gradient over all points, four at a time.
    public func batchObjective(_ theta: UnsafePointer<Double>, logColumns: UnsafePointer<Double>, stride: Int,
                               logY: UnsafePointer<Double>, weights: UnsafePointer<Double>, count: Int, loss: Loss,
                               gradient: UnsafeMutablePointer<Double>) -> Double {
        typealias V = SIMD4<Double>
        let a = V(repeating: theta[0]), b = V(repeating: theta[1]), e = V(repeating: theta[2])
        let alpha = V(repeating: theta[3]), beta = V(repeating: theta[4])
        let bigE = V(repeating: Foundation.exp(theta[2]))
        let (delta, huber): (Double, Bool) = {
            if case .huber(let d) = loss { return (d, true) }
            return (.infinity, false)
        }()
        let dv = V(repeating: delta), half = V(repeating: 0.5)
        var f = V(), ga = V(), gb = V(), ge = V(), gal = V(), gbe = V()
        let lNs = UnsafeRawPointer(logColumns), lDs = UnsafeRawPointer(logColumns + stride)
        let lys = UnsafeRawPointer(logY), ws = UnsafeRawPointer(weights)
        var i = 0
        while i < count {
            let off = i * MemoryLayout<Double>.stride
            let lN = lNs.loadUnaligned(fromByteOffset: off, as: V.self)
            let lD = lDs.loadUnaligned(fromByteOffset: off, as: V.self)
            let ly = lys.loadUnaligned(fromByteOffset: off, as: V.self)
            let w = ws.loadUnaligned(fromByteOffset: off, as: V.self)
            let t1 = a - alpha * lN, t2 = b - beta * lD
            let top = VectorMath.max(VectorMath.max(t1, t2), e)
            let e1: V, e2: V, e3: V, u: V
            if all(top .< 700) && all(top .> -700) {
                // No overflow or underflow possible: sum the terms directly (E = e^e is shared by all points).
                e1 = VectorMath.exp(t1)
                e2 = VectorMath.exp(t2)
                e3 = bigE
                u = VectorMath.log(e1 + e2 + e3)
            } else {
                e1 = VectorMath.exp(t1 - top)
                e2 = VectorMath.exp(t2 - top)
                e3 = VectorMath.exp(e - top)
                u = top + VectorMath.log(e1 + e2 + e3)
            }
            let inv = 1 / (e1 + e2 + e3)
            let r = u - ly
            var value = half * r * r
            var psi = r
            if huber {
                let ar = VectorMath.max(r, -r)
                value.replace(with: dv * (ar - half * dv), where: ar .> dv)
                psi = VectorMath.min(VectorMath.max(r, -dv), dv)
            }
            f += w * value
            let q = w * psi * inv
            let q1 = q * e1, q2 = q * e2
            ga += q1
            gb += q2
            ge += q * e3
            gal -= q1 * lN
            gbe -= q2 * lD
            i += 4
        }
        gradient[0] = ga.sum()
        gradient[1] = gb.sum()
        gradient[2] = ge.sum()
        gradient[3] = gal.sum()
        gradient[4] = gbe.sum()
        return f.sum()
    }

    /// The multi-start grid for these data.
    public func starts(for data: FitData) -> [[Double]] {
        var s: [[Double]] = []
        s.reserveCapacity(gridA.count * gridB.count * gridE.count * gridAlpha.count * gridBeta.count)
        for a in gridA { for b in gridB { for e in gridE { for al in gridAlpha { for be in gridBeta {
            s.append([a, b, e, al, be])
        } } } } }
        return s
    }

    /// The reported parameters for θ.
    public func parameters(_ t: [Double]) -> [NamedValue] {
        [NamedValue("A", exp(t[0])), NamedValue("B", exp(t[1])), NamedValue("E", exp(t[2])),
         NamedValue("alpha", t[3]), NamedValue("beta", t[4])]
    }

    /// The compute-optimal allocation for θ under `cost`.
    public func allocation(_ t: [Double], cost: TrainingCost = TrainingCost()) -> ComputeOptimal {
        ComputeOptimal(A: exp(t[0]), B: exp(t[1]), E: exp(t[2]), alpha: t[3], beta: t[4], cost: cost)
    }

    /// Quantities derived from θ.
    public func derived(_ t: [Double], settings: DerivedSettings) -> [NamedValue] {
        let opt = allocation(t, cost: settings.cost)
        var out = [NamedValue("p_N", opt.exponentN), NamedValue("p_D", opt.exponentD), NamedValue("G", opt.G)]
        for c in settings.computeBudgets {
            let tag = String(format: "C=%.3g", c)
            out.append(NamedValue("N_opt(\(tag))", opt.optimalN(compute: c)))
            out.append(NamedValue("D_opt(\(tag))", opt.optimalD(compute: c)))
            out.append(NamedValue("D/N(\(tag))", opt.tokensPerParameter(compute: c)))
            out.append(NamedValue("L_opt(\(tag))", opt.optimalLoss(compute: c)))
        }
        return out
    }

    /// Problems with the solution θ on these data.
    public func degeneracies(_ t: [Double], data: FitData) -> [String] {
        var out: [String] = []
        if t[3] <= 0 { out.append("alpha = \(t[3]) ≤ 0: loss does not fall with N") }
        if t[4] <= 0 { out.append("beta = \(t[4]) ≤ 0: loss does not fall with D") }
        if t[3] > 5 { out.append("alpha = \(t[3]) is implausibly large") }
        if t[4] > 5 { out.append("beta = \(t[4]) is implausibly large") }
        out += TermShare.check(self, t, data: data, weightSlots: [0, 1, 2], names: ["A/N^alpha", "B/D^beta", "E"])
        return out
    }

    /// L_opt(C) along the compute-optimal frontier.
    public func scaleCurve(_ t: [Double], at scale: Double, settings: DerivedSettings) -> Double? {
        allocation(t, cost: settings.cost).optimalLoss(compute: scale)
    }
}
