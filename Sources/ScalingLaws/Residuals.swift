import Foundation

/// One point of a fit's residual plot.
public struct Residual: Sendable, Codable {
    /// The point's row in its source.
    public var row: Int
    /// Its inputs.
    public var x: [Double]
    /// The observed y.
    public var y: Double
    /// The fitted ŷ.
    public var fitted: Double
    /// `log ŷ − log y`.
    public var logResidual: Double
    /// The point's term of the objective.
    public var loss: Double
}

extension ScalingLawForm {
    /// The residuals of coordinates θ on `data` under `loss`, in data order (residual-plot data).
    public func residuals(_ theta: [Double], data: FitData, loss: Loss) -> [Residual] {
        (0..<data.count).map { i in
            let x = data.inputs(i)
            let fitted = predict(theta, x: x)
            let r = log(fitted) - data.logY[i]
            return Residual(row: data.rowNumbers[i], x: x, y: data.y[i], fitted: fitted, logResidual: r, loss: loss.value(r))
        }
    }
}
