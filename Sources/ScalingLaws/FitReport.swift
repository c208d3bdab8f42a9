/// Everything one fitting job produced: the fit, its intervals, its extrapolation check and its
/// residuals. This is what `ablate fit --json` prints and what a results store keeps per fit.
public struct FitReport: Sendable, Codable {
    /// Where the points came from (a file path, or a sweep id and metric).
    public var source: String
    /// Input column names.
    public var inputs: [String]
    /// Output column name.
    public var output: String
    /// The fit on all points.
    public var fit: ScalingFit
    /// Bootstrap intervals (nil when not requested).
    public var bootstrap: BootstrapResult?
    /// Held-out extrapolation check (nil when not requested).
    public var holdout: HoldoutResult?
    /// Residuals of the full fit (nil when not requested).
    public var residuals: [Residual]?
    /// Why the held-out check asked for was not made: too few points left to refit.
    public var holdoutSkipped: String?

    /// A report.
    public init(source: String, inputs: [String], output: String, fit: ScalingFit,
                bootstrap: BootstrapResult? = nil, holdout: HoldoutResult? = nil, residuals: [Residual]? = nil) {
        self.source = source; self.inputs = inputs; self.output = output; self.fit = fit
        self.bootstrap = bootstrap; self.holdout = holdout; self.residuals = residuals
    }

    /// Every warning of the fit, its bootstrap and its held-out refit.
    public var warnings: [String] {
        fit.warnings + (bootstrap?.warnings ?? []) + (holdout?.fit.warnings.map { "held-out fit: " + $0 } ?? [])
            + (holdoutSkipped.map { ["held-out check skipped: " + $0] } ?? [])
    }
}
