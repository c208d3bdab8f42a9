import Foundation

/// Limited-memory BFGS minimization in Double with a strong-Wolfe line search.
///
/// Stops only when the gradient's largest component is at most `gradientTolerance`, when a step
/// moves no coordinate by more than `stepTolerance` (relative to the coordinates' size), when
/// no decrease can be found, or at `maxIterations`: there is deliberately no relative-objective
/// test, which fires far from the minimum when the objective is small.
public enum LBFGS {
    /// Solver settings.
    public struct Options: Sendable, Equatable {
        /// Number of correction pairs kept.
        public var history = 15
        /// Stop when every gradient component is at most this in absolute value.
        public var gradientTolerance = 1e-10
        /// Stop when a step moves no coordinate by more than this × max(1, |x|∞).
        public var stepTolerance = 1e-12
        /// Stop after this many iterations.
        public var maxIterations = 2000
        /// Objective evaluations allowed in one line search.
        public var maxLineSearchEvaluations = 20
        /// Sufficient-decrease constant of the Wolfe conditions.
        public var c1 = 1e-4
        /// Curvature constant of the strong Wolfe conditions.
        public var c2 = 0.9

        /// Default settings.
        public init() {}
    }

    /// Why the solver stopped. Reported for diagnostics only: callers compare objectives.
    public enum Stop: String, Sendable, Codable {
        /// The gradient is below tolerance.
        case gradient
        /// The last step was below tolerance.
        case step
        /// No lower value could be found along the search direction.
        case noProgress
        /// The iteration limit was reached.
        case maxIterations
        /// The objective is not finite at the start.
        case nonFinite
    }

    /// The outcome of one minimization.
    public struct Result: Sendable {
        /// The final point.
        public var x: [Double]
        /// The objective there.
        public var value: Double
        /// The largest gradient component there.
        public var gradientNorm: Double
        /// Iterations taken.
        public var iterations: Int
        /// Objective evaluations.
        public var evaluations: Int
        /// Why it stopped.
        public var stop: Stop
    }

    /// Minimizes `objective` from `start`.
    public static func minimize<O: DifferentiableObjective>(_ objective: O, from start: [Double],
                                                            options: Options = Options()) -> Result {
        var solver = Solver(objective: objective, start: start, options: options)
        return solver.run()
    }
}

/// The state of one L-BFGS run (all buffers allocated once).
private struct Solver<O: DifferentiableObjective> {
    let objective: O
    let options: LBFGS.Options
    let n: Int
    var x: [Double], g: [Double], d: [Double], xt: [Double], gt: [Double], xlo: [Double], glo: [Double]
    var s: [Double], y: [Double], rho: [Double], alphas: [Double]
    var stored = 0, newest = -1
    var f = 0.0
    var evaluations = 0

    init(objective: O, start: [Double], options: LBFGS.Options) {
        self.objective = objective
        self.options = options
        n = start.count
        precondition(n == objective.dimension, "start has \(n) coordinates, objective \(objective.dimension)")
        x = start
        g = [Double](repeating: 0, count: n)
        d = g; xt = g; gt = g; xlo = g; glo = g
        let m = max(1, options.history)
        s = [Double](repeating: 0, count: m * n)
        y = s
        rho = [Double](repeating: 0, count: m)
        alphas = rho
    }

    /// The objective at `x` (trial: `xt`), writing the gradient into `g` (trial: `gt`).
    mutating func evaluate(trial: Bool) -> Double {
        evaluations += 1
        var point: [Double] = [], grad: [Double] = []
        if trial { swap(&point, &xt); swap(&grad, &gt) } else { swap(&point, &x); swap(&grad, &g) }
        let v = point.withUnsafeBufferPointer { p in
            grad.withUnsafeMutableBufferPointer { objective.value(at: p.baseAddress!, gradient: $0.baseAddress!) }
        }
        if trial { swap(&point, &xt); swap(&grad, &gt) } else { swap(&point, &x); swap(&grad, &g) }
        return v
    }

    static func dot(_ a: [Double], _ b: [Double], _ n: Int) -> Double {
        var r = 0.0
        for i in 0..<n { r += a[i] * b[i] }
        return r
    }

    static func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { max($0, abs($1)) } }

    mutating func run() -> LBFGS.Result {
        f = evaluate(trial: false)
        guard f.isFinite, g.allSatisfy({ $0.isFinite }) else {
            return LBFGS.Result(x: x, value: f, gradientNorm: .infinity, iterations: 0, evaluations: evaluations, stop: .nonFinite)
        }
        var iteration = 0
        var stall = 0
        var stop = LBFGS.Stop.maxIterations
        while iteration < options.maxIterations {
            let gnorm = Solver.maxAbs(g)
            if gnorm <= options.gradientTolerance { stop = .gradient; break }
            var firstStep = direction()
            var dg = Solver.dot(d, g, n)
            if !(dg < 0) {
                stored = 0
                firstStep = steepest()
                dg = Solver.dot(d, g, n)
            }
            var found = lineSearch(dg0: dg, initial: firstStep)
            if found == nil && stored > 0 {
                // The quasi-Newton model misled the search: forget it and try steepest descent.
                stored = 0
                let step = steepest()
                found = lineSearch(dg0: Solver.dot(d, g, n), initial: step)
            }
            guard let ft = found else { stop = .noProgress; break }
            iteration += 1
            var stepMax = 0.0, sy = 0.0, yy = 0.0
            let slot = (newest + 1) % max(1, options.history)
            for i in 0..<n {
                let si = xt[i] - x[i], yi = gt[i] - g[i]
                stepMax = max(stepMax, abs(si))
                s[slot * n + i] = si
                y[slot * n + i] = yi
                sy += si * yi
                yy += yi * yi
            }
            let scale = max(1, Solver.maxAbs(x))
            if sy > 1e-300 && sy > 1e-14 * yy.squareRoot() * (Solver.dot(d, d, n).squareRoot()) {
                rho[slot] = 1 / sy
                newest = slot
                stored = min(stored + 1, options.history)
            }
            stall = ft < f ? 0 : stall + 1
            swap(&x, &xt)
            swap(&g, &gt)
            f = ft
            if stepMax <= options.stepTolerance * scale { stop = .step; break }
            if stall >= 3 { stop = .noProgress; break }
        }
        return LBFGS.Result(x: x, value: f, gradientNorm: Solver.maxAbs(g), iterations: iteration,
                            evaluations: evaluations, stop: stop)
    }

    /// Steepest descent, with a first step that moves at most 1 in any coordinate.
    mutating func steepest() -> Double {
        for i in 0..<n { d[i] = -g[i] }
        return min(1, 1 / max(Solver.maxAbs(g), 1e-300))
    }

    /// The two-loop recursion d = −H·g; returns the initial step length.
    mutating func direction() -> Double {
        if stored == 0 { return steepest() }
        let m = options.history
        for i in 0..<n { d[i] = g[i] }
        var k = newest
        for _ in 0..<stored {
            var a = 0.0
            for i in 0..<n { a += s[k * n + i] * d[i] }
            a *= rho[k]
            alphas[k] = a
            for i in 0..<n { d[i] -= a * y[k * n + i] }
            k = (k - 1 + m) % m
        }
        var yy = 0.0
        for i in 0..<n { yy += y[newest * n + i] * y[newest * n + i] }
        let gamma = 1 / (rho[newest] * yy)
        for i in 0..<n { d[i] *= gamma }
        k = (newest - stored + 1 + m) % m
        for _ in 0..<stored {
            var b = 0.0
            for i in 0..<n { b += y[k * n + i] * d[i] }
            b *= rho[k]
            for i in 0..<n { d[i] += s[k * n + i] * (alphas[k] - b) }
            k = (k + 1) % m
        }
        for i in 0..<n { d[i] = -d[i] }
        return 1
    }

    /// φ(α) = f(x + α·d) and φ'(α), leaving the point and gradient in `xt`, `gt`.
    mutating func phi(_ alpha: Double) -> (Double, Double) {
        for i in 0..<n { xt[i] = x[i] + alpha * d[i] }
        let v = evaluate(trial: true)
        if !v.isFinite { return (.infinity, .nan) }
        return (v, Solver.dot(gt, d, n))
    }

    /// Minimizer of the cubic through (a, fa, da) and (b, fb, db), safeguarded to the inner 80%
    /// of the interval; the midpoint when the cubic is unusable.
    static func cubic(_ a: Double, _ fa: Double, _ da: Double, _ b: Double, _ fb: Double, _ db: Double) -> Double {
        let lo = min(a, b), hi = max(a, b), w = hi - lo
        let mid = 0.5 * (a + b)
        guard fa.isFinite, fb.isFinite, da.isFinite, db.isFinite else { return mid }
        let d1 = da + db - 3 * (fa - fb) / (a - b)
        let disc = d1 * d1 - da * db
        guard disc >= 0 else { return mid }
        let d2 = (b > a ? 1.0 : -1.0) * disc.squareRoot()
        let t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2)
        guard t.isFinite else { return mid }
        return min(max(t, lo + 0.1 * w), hi - 0.1 * w)
    }

    /// Strong-Wolfe line search along d (Nocedal & Wright, algorithms 3.5 and 3.6). On success
    /// the accepted point and gradient are in `xt`, `gt` and the value is returned; nil when no
    /// point with sufficient decrease was found.
    mutating func lineSearch(dg0: Double, initial: Double) -> Double? {
        let c1 = options.c1, c2 = options.c2, f0 = f
        var budget = options.maxLineSearchEvaluations
        var aPrev = 0.0, fPrev = f0, dPrev = dg0
        var a = initial
        var first = true
        var lo = 0.0, flo = 0.0, dlo = 0.0, hi = 0.0, fhi = 0.0, dhi = 0.0
        var bracketed = false
        while budget > 0 {
            budget -= 1
            let (fa, da) = phi(a)
            if !fa.isFinite {
                a = aPrev + 0.25 * (a - aPrev)
                continue
            }
            if fa > f0 + c1 * a * dg0 || (!first && fa >= fPrev) {
                lo = aPrev; flo = fPrev; dlo = dPrev; hi = a; fhi = fa; dhi = da
                bracketed = true
                break
            }
            if abs(da) <= -c2 * dg0 { return fa }
            if da >= 0 {
                lo = a; flo = fa; dlo = da; hi = aPrev; fhi = fPrev; dhi = dPrev
                saveLo()
                bracketed = true
                break
            }
            saveLo()
            aPrev = a; fPrev = fa; dPrev = da
            first = false
            a *= 4
        }
        if !bracketed {
            // Out of evaluations while still descending: accept the last good point.
            return restoreLo(aPrev > 0 ? fPrev : nil)
        }
        // Zoom.
        while budget > 0 {
            budget -= 1
            let t = Solver.cubic(lo, flo, dlo, hi, fhi, dhi)
            let (ft, dt) = phi(t)
            if !ft.isFinite || ft > f0 + c1 * t * dg0 || ft >= flo {
                hi = t; fhi = ft; dhi = dt
            } else {
                if abs(dt) <= -c2 * dg0 { return ft }
                if dt * (hi - lo) >= 0 { hi = lo; fhi = flo; dhi = dlo }
                lo = t; flo = ft; dlo = dt
                saveLo()
            }
            if abs(hi - lo) <= 1e-16 * max(abs(lo), abs(hi)) { break }
        }
        return restoreLo(lo > 0 && flo < f0 ? flo : nil)
    }

    mutating func saveLo() {
        for i in 0..<n { xlo[i] = xt[i]; glo[i] = gt[i] }
    }

    mutating func restoreLo(_ value: Double?) -> Double? {
        guard let v = value else { return nil }
        for i in 0..<n { xt[i] = xlo[i]; gt[i] = glo[i] }
        return v
    }
}
