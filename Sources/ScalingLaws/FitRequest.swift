/// What to fit and how: the columns of a `FitTable`, the form, the loss, intervals, held-out
/// checks and per-variant fits. `ablate fit` and a suite's `fits:` entries both build one.
public struct FitRequest: Sendable, Equatable {
    /// Points left out of the fit to check its extrapolation.
    public enum Holdout: Sendable, Equatable {
        /// The points at the `k` largest scales (x, or N·D; within `scaleTolerance` one scale).
        case largest(Int)
        /// The rows whose `column` holds `value`.
        case matching(column: String, value: String)
    }

    /// A range of scales, 0 < lower < upper.
    public struct ScaleRange: Sendable, Equatable {
        public var lower: Double
        public var upper: Double

        /// The scales from `lower` to `upper`.
        public init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }
    }

    /// The loss on log residuals.
    public enum LossName: String, Sendable, Equatable {
        case huber, squares
    }

    /// Input columns: one (x) or two (N, D). For a stored sweep, axes such as params or tokens.
    public var x: [String]
    /// The output column. For a stored sweep, the metric: NAME or STAGE.NAME.
    public var y: String
    /// The form's name (nil: the default for the number of inputs).
    public var form: String?
    /// The loss (nil: huber, or squares for the log-linear form).
    public var loss: LossName?
    /// Huber threshold δ on log residuals.
    public var huberDelta = 1e-3
    /// Bootstrap resamples (0: no intervals).
    public var bootstrap = 0
    /// Seed of the bootstrap.
    public var seed: UInt64 = 0
    /// Where bootstrap refits start.
    public var bootstrapRestart = BootstrapOptions.Restart.fromOptimum
    /// Column of cluster labels: the bootstrap resamples whole clusters.
    public var group: String?
    /// Column of stratum labels: clusters are resampled within each stratum.
    public var stratum: String?
    /// The held-out check (nil: none).
    public var holdout: Holdout?
    /// With `.largest`, the relative difference within which two scales count as one.
    public var scaleTolerance = Fitter.defaultScaleTolerance
    /// Column naming variants: each variant's rows are fitted separately and pairs' crossovers found.
    public var by: String?
    /// The scale range searched for crossovers (nil: 1/10 of the smallest to 1000× the largest).
    public var crossoverRange: ScaleRange?
    /// Compute column C: with one input column N, the tokens are D = C/(k·N).
    public var flops: String?
    /// FLOPs per parameter per token, k in C = k·N·D.
    public var flopsPerParameterToken = 6.0
    /// Compute budgets for compute-optimal N and D (nil: the largest k·N·D in the data).
    public var computeBudgets: [Double]?
    /// Rows with the highest y left out before fitting (outlier screening).
    public var dropHighestY = 0
    /// Threads for the multi-start search and the bootstrap (nil: every core).
    public var threads: Int?
    /// Include every point's residual.
    public var residuals = false

    /// A request to fit `y` against `x` with the defaults.
    public init(x: [String], y: String, form: String? = nil) {
        self.x = x
        self.y = y
        self.form = form
    }

    /// Checks the columns named: at least one input, each input once, and the output and the
    /// compute column not among the inputs.
    public func checkColumns() throws {
        guard !x.isEmpty else { throw FitInputError("x names no column") }
        var seen: Set<String> = []
        for name in x where !seen.insert(name).inserted {
            throw FitInputError("x names the column '\(name)' twice; give each input column once")
        }
        if x.contains(y) { throw FitInputError("the output column '\(y)' (y) is also an input column (x)") }
        if let flops, x.contains(flops) || flops == y {
            throw FitInputError("the compute column '\(flops)' (flops) is also the \(flops == y ? "output (y)" : "input (x)") column")
        }
    }

    /// The name of the form fitted (the default for the number of inputs when none is given).
    public var formName: String {
        form ?? FormCatalog.defaultName(inputs: x.count + (flops == nil ? 0 : 1))
    }
}
