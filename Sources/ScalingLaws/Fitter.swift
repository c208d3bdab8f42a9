import Foundation

/// How a fit is run: the loss, the solver, the starts and the threads.
public struct FitOptions: Sendable {
    /// The loss on log residuals (default Huber with δ = 1e-3).
    public var loss: Loss = .defaultHuber
    /// L-BFGS settings.
    public var solver = LBFGS.Options()
    /// Starting points; nil means the form's own grid.
    public var starts: [[Double]]? = nil
    /// Worker threads for the multi-start search and the bootstrap (results do not depend on it).
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Two final objectives closer than this (relative) count as the same minimum.
    public var sameMinimumTolerance = 1e-9
    /// Settings for derived quantities.
    public var derived = DerivedSettings()

    /// Default options.
    public init() {}
}

/// One fitted scaling law: the form, its parameters, the objective and diagnostics.
public struct ScalingFit: Sendable, Codable {
    /// The form's id, e.g. `fit.chinchilla`.
    public var form: String
    /// The form's formula.
    public var formula: String
    /// The loss that was minimized.
    public var loss: Loss
    /// Names of the optimizer coordinates.
    public var coordinateNames: [String]
    /// The optimizer coordinates at the best minimum.
    public var coordinates: [Double]
    /// The reported parameters.
    public var parameters: [NamedValue]
    /// Derived quantities (compute-optimal allocation, …).
    public var derived: [NamedValue]
    /// The objective at the best minimum.
    public var objective: Double
    /// The number of points fitted.
    public var pointCount: Int
    /// The number of starting points tried (0 for a closed-form fit).
    public var startCount: Int
    /// How many starts reached the best minimum.
    public var startsAtBest: Int
    /// The objective gap from the best minimum to the next-best distinct one (nil if none).
    public var runnerUpGap: Double?
    /// The largest gradient component at the best minimum.
    public var gradientNorm: Double
    /// Why the solver stopped for the best start.
    public var stop: String
    /// Problems worth a person's attention.
    public var warnings: [String]
}

/// Fits scaling-law forms to points by a multi-start L-BFGS search, keeping the lowest objective.
public struct Fitter: Sendable {
    /// The options used.
    public var options: FitOptions

    /// A fitter with these options.
    public init(options: FitOptions = FitOptions()) {
        self.options = options
    }

    /// The fewest points a fit of `parameters` parameters accepts: as many points as parameters
    /// are matched exactly whatever the law, so they determine nothing.
    public static func minimumPoints(parameters: Int) -> Int { parameters + 1 }

    /// The fewest points a fit of `parameters` parameters is made without a warning.
    public static func recommendedPoints(parameters: Int) -> Int { 2 * parameters }

    /// Checks that `form` can be fitted to `data`: the inputs it takes and more points than parameters.
    public func validate<F: ScalingLawForm>(_ form: F, _ data: FitData) throws {
        guard data.inputCount == form.inputCount else {
            throw FitDataError.inputMismatch(form: form.id, expected: form.inputCount, got: data.inputCount)
        }
        guard data.count >= Fitter.minimumPoints(parameters: form.coordinateCount) else {
            throw FitDataError.tooFewPoints(form: form.id, points: data.count, parameters: form.coordinateCount)
        }
    }

    /// Fits `form` to `data` from every start (the form's grid unless `options.starts` is set).
    public func fit<F: ScalingLawForm>(_ form: F, to data: FitData) throws -> ScalingFit {
        try validate(form, data)
        let objective = FitObjective(form: form, data: data, loss: options.loss)
        if let closed = form.closedForm(data, weights: nil, loss: options.loss) {
            let (value, gradient) = objective.evaluate(closed)
            return makeFit(form, data, theta: closed, value: value,
                           gradientNorm: gradient.reduce(0) { max($0, abs($1)) }, stop: "closed form",
                           startCount: 0, atBest: 0, gap: nil, start: nil)
        }
        let starts = options.starts ?? form.starts(for: data)
        precondition(!starts.isEmpty, "no starting points")
        let results = Fitter.minimizeAll(objective, starts: starts, options: options.solver, threads: options.threads)
        // The lowest objective wins; ties go to the earliest start, so the choice never depends on threads.
        var best = 0
        for i in 1..<results.count where Fitter.less(results[i].value, results[best].value) { best = i }
        let fBest = results[best].value
        let tol = options.sameMinimumTolerance * max(abs(fBest), 1e-300)
        var atBest = 0
        var runnerUp: Double? = nil
        for r in results where r.value.isFinite {
            if r.value - fBest <= tol { atBest += 1 } else if runnerUp.map({ r.value < $0 }) ?? true { runnerUp = r.value }
        }
        let b = results[best]
        return makeFit(form, data, theta: b.x, value: b.value, gradientNorm: b.gradientNorm, stop: b.stop.rawValue,
                       startCount: starts.count, atBest: atBest, gap: runnerUp.map { $0 - fBest }, start: starts[best])
    }

    /// Refits `form` on weighted points from `start` (a single L-BFGS run, or the closed form).
    func refit<F: ScalingLawForm>(_ form: F, _ data: FitData, weights: [Double], from starts: [[Double]]) -> [Double]? {
        if let closed = form.closedForm(data, weights: weights, loss: options.loss) { return closed }
        let objective = FitObjective(form: form, data: data, weights: weights, loss: options.loss)
        var best: LBFGS.Result? = nil
        for s in starts {
            let r = LBFGS.minimize(objective, from: s, options: options.solver)
            if r.value.isFinite, best.map({ Fitter.less(r.value, $0.value) }) ?? true { best = r }
        }
        return best?.x
    }

    /// `a < b`, treating NaN as +∞.
    static func less(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN { return false }
        if b.isNaN { return true }
        return a < b
    }

    /// Runs L-BFGS from every start on `threads` threads; result i belongs to start i.
    static func minimizeAll<O: DifferentiableObjective>(_ objective: O, starts: [[Double]], options: LBFGS.Options,
                                                        threads: Int) -> [LBFGS.Result] {
        ParallelMap.run(count: starts.count, threads: threads) { i in
            LBFGS.minimize(objective, from: starts[i], options: options)
        }
    }

    func makeFit<F: ScalingLawForm>(_ form: F, _ data: FitData, theta: [Double], value: Double, gradientNorm: Double,
                                    stop: String, startCount: Int, atBest: Int, gap: Double?, start: [Double]?) -> ScalingFit {
        var warnings = form.degeneracies(theta, data: data)
        let p = form.coordinateCount
        if data.count < Fitter.recommendedPoints(parameters: p) {
            warnings.append("only \(data.count) points for \(p) parameters (fewer than \(Fitter.recommendedPoints(parameters: p))): "
                + "the parameters are poorly determined and extrapolation is unreliable")
        }
        if let s = start {
            let moved = zip(s, theta).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
            if moved < 1e-8 { warnings.append("the best solution sits at its starting point: the search did not move") }
        }
        if !value.isFinite { warnings.append("the objective is not finite at the best solution") }
        if startCount > 1 && atBest == 1 {
            warnings.append("only 1 of \(startCount) starts reached the best minimum: the search may have missed a lower one")
        }
        return ScalingFit(form: form.id, formula: form.formula, loss: options.loss,
                          coordinateNames: form.coordinateNames, coordinates: theta,
                          parameters: form.parameters(theta), derived: form.derived(theta, settings: options.derived),
                          objective: value, pointCount: data.count, startCount: startCount, startsAtBest: atBest,
                          runnerUpGap: gap, gradientNorm: gradientNorm, stop: stop, warnings: warnings)
    }
}
