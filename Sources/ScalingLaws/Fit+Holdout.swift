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

extension FitData {
    /// The points grouped by scale (`logScale`), largest first. A group starts at the largest
    /// scale not yet grouped and takes every point within the relative `tolerance` below it, so
    /// scales that differ only by rounding (one isoFLOP budget written as N and D) stay together.
    public func scaleGroups(tolerance: Double) -> [[Int]] {
        precondition(tolerance >= 0, "a relative tolerance is 0 or more")
        let order = (0..<count).sorted { (logScale($0), $1) > (logScale($1), $0) }
        let width = Foundation.log1p(tolerance)
        var groups: [[Int]] = []
        var top = Double.infinity
        for i in order {
            let s = logScale(i)
            if groups.isEmpty || top - s > width {
                groups.append([])
                top = s
            }
            groups[groups.count - 1].append(i)
        }
        return groups.map { $0.sorted() }
    }
}

extension Fitter {
    /// The relative tolerance within which `holdoutLargest` counts two scales as one: 5%, far
    /// below the spacing of compute budgets and model sizes, far above rounding.
    public static let defaultScaleTolerance = 0.05

    /// Fits `form` without the points at the `k` largest distinct scales (the product of the
    /// inputs: x, or N·D ∝ compute; scales within the relative `tolerance` of a group's largest
    /// count as one, see `FitData.scaleGroups`) and reports the prediction error there.
    public func holdoutLargest<F: ScalingLawForm>(_ form: F, data: FitData, scales k: Int,
                                                  tolerance: Double = Fitter.defaultScaleTolerance) throws -> HoldoutResult {
        precondition(k >= 1, "hold out at least one scale")
        let groups = data.scaleGroups(tolerance: tolerance)
        guard groups.count > k else {
            throw FitDataError.emptySplit("cannot hold out the \(k) largest scales: the data have only \(groups.count) distinct scale\(groups.count == 1 ? "" : "s")"
                + " (scales within \((tolerance * 100).formatted())% count as one)")
        }
        var held = [Bool](repeating: false, count: data.count)
        for i in groups.prefix(k).joined() { held[i] = true }
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
