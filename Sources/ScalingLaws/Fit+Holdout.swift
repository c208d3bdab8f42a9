import Foundation

/// One held-out point and its prediction.
public struct HeldOutPoint: Sendable, Codable {
    /// The point's row in its source.
    public var row: Int
    /// Its inputs.
    public var x: [Double]
    /// The observed y.
    public var y: Double
    /// The prediction of the fit made without it.
    public var predicted: Double
    /// `(predicted − y)/y`.
    public var relativeError: Double
    /// `log predicted − log y`.
    public var logResidual: Double
}

/// Extrapolation check: a fit made without some points, and its error on them.
public struct HoldoutResult: Sendable, Codable {
    /// How the held-out points were chosen, e.g. `largest 2 scales`.
    public var selection: String
    /// The fit on the remaining points.
    public var fit: ScalingFit
    /// The held-out points with their predictions.
    public var points: [HeldOutPoint]
    /// Mean of |relative error| over held-out points.
    public var meanAbsoluteRelativeError: Double
    /// Root mean square of the log residuals over held-out points.
    public var rmsLogError: Double
    /// The largest |relative error|.
    public var maxAbsoluteRelativeError: Double
}

extension Fitter {
    /// Fits `form` without the points at the `k` largest distinct scales (the product of the
    /// inputs: x, or N·D ∝ compute) and reports the prediction error there.
    public func holdoutLargest<F: ScalingLawForm>(_ form: F, data: FitData, scales k: Int) throws -> HoldoutResult {
        precondition(k >= 1, "hold out at least one scale")
        let scales = (0..<data.count).map { data.logScale($0) }
        let distinct = Array(Set(scales)).sorted()
        guard distinct.count > k else {
            throw FitDataError.emptySplit("cannot hold out the \(k) largest scales: the data have only \(distinct.count) distinct scale\(distinct.count == 1 ? "" : "s")")
        }
        let threshold = distinct[distinct.count - k]
        let held = (0..<data.count).map { scales[$0] >= threshold }
        return try holdout(form, data: data, heldOut: held, selection: "largest \(k) scale\(k == 1 ? "" : "s")")
    }

    /// Fits `form` on the points where `heldOut` is false and reports the error on the others.
    public func holdout<F: ScalingLawForm>(_ form: F, data: FitData, heldOut: [Bool], selection: String) throws -> HoldoutResult {
        precondition(heldOut.count == data.count)
        let train = (0..<data.count).filter { !heldOut[$0] }
        let test = (0..<data.count).filter { heldOut[$0] }
        guard !test.isEmpty else { throw FitDataError.emptySplit("the held-out selection (\(selection)) selects no points") }
        guard !train.isEmpty else { throw FitDataError.emptySplit("the held-out selection (\(selection)) leaves no points to fit") }
        let fit = try self.fit(form, to: data.subset(train))
        let points = test.map { i -> HeldOutPoint in
            let x = data.inputs(i)
            let p = form.predict(fit.coordinates, x: x)
            return HeldOutPoint(row: data.rowNumbers[i], x: x, y: data.y[i], predicted: p,
                                relativeError: (p - data.y[i]) / data.y[i], logResidual: log(p) - data.logY[i])
        }
        let n = Double(points.count)
        return HoldoutResult(selection: selection, fit: fit, points: points,
                             meanAbsoluteRelativeError: points.reduce(0) { $0 + abs($1.relativeError) } / n,
                             rmsLogError: (points.reduce(0) { $0 + $1.logResidual * $1.logResidual } / n).squareRoot(),
                             maxAbsoluteRelativeError: points.reduce(0) { max($0, abs($1.relativeError)) })
    }
}
