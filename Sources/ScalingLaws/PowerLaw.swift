import Foundation

/// `y = A·x^{−α}` (`fit.power`): a pure power law, fitted on log residuals.
///
/// Coordinates θ = (a, α) with `A = e^a`, so `log ŷ = a − α·log x`.
public struct PowerLaw: ScalingLawForm {
    /// A pure power law.
    public init() {}

    /// The stable id of this form.
    public var id: String { "fit.power" }
    /// The formula, for people.
    public var formula: String { "y = A*x^-alpha" }
    /// The number of input columns.
    public var inputCount: Int { 1 }
    /// The optimizer coordinates, in order.
    public var coordinateNames: [String] { ["a", "alpha"] }

    /// `log ŷ` at one point, and its gradient in θ when asked.
    @inline(__always)
    public func logPrediction(_ theta: UnsafePointer<Double>, logX: UnsafePointer<Double>,
                              gradient: UnsafeMutablePointer<Double>?) -> Double {
        if let g = gradient {
            g[0] = 1
            g[1] = -logX[0]
        }
        return theta[0] - theta[1] * logX[0]
    }

    /// The least-squares line through the logs, then a grid of a ∈ {0, 5, …, 25},
    /// α ∈ {0.05, 0.1, 0.2, 0.4, 0.8}.
    public func starts(for data: FitData) -> [[Double]] {
        var s: [[Double]] = []
        if let ols = LeastSquares.logLinear(data, weights: nil) { s.append(ols) }
        for a in stride(from: 0.0, through: 25, by: 5) {
            for al in [0.05, 0.1, 0.2, 0.4, 0.8] { s.append([a, al]) }
        }
        return s
    }

    /// The reported parameters for θ.
    public func parameters(_ t: [Double]) -> [NamedValue] {
        [NamedValue("A", exp(t[0])), NamedValue("alpha", t[1])]
    }

    /// The closed-form fit, when the loss has one.
    public func closedForm(_ data: FitData, weights: [Double]?, loss: Loss) -> [Double]? {
        loss == .squares ? LeastSquares.logLinear(data, weights: weights) : nil
    }

    /// Problems with the solution θ on these data.
    public func degeneracies(_ t: [Double], data: FitData) -> [String] {
        t[1] <= 0 ? ["alpha = \(t[1]) ≤ 0: y does not fall with x"] : []
    }
}

/// `log y = a − Σ_j α_j·log x_j` (`fit.log-linear`): the least-squares baseline on the logs,
/// for any number of inputs. With Huber loss it is refined by L-BFGS from the least-squares line.
public struct LogLinear: ScalingLawForm {
    /// The number of inputs.
    public let inputCount: Int

    /// The baseline for `inputs` input columns.
    public init(inputs: Int = 1) {
        precondition(inputs >= 1)
        inputCount = inputs
    }

    /// The stable id of this form.
    public var id: String { "fit.log-linear" }
    /// The formula, for people.
    public var formula: String {
        inputCount == 1 ? "log y = a - alpha*log x" : "log y = a - sum_j alpha_j*log x_j"
    }
    /// The optimizer coordinates, in order.
    public var coordinateNames: [String] {
        ["a"] + (inputCount == 1 ? ["alpha"] : (1...inputCount).map { "alpha\($0)" })
    }

    /// `log ŷ` at one point, and its gradient in θ when asked.
    @inline(__always)
    public func logPrediction(_ theta: UnsafePointer<Double>, logX: UnsafePointer<Double>,
                              gradient: UnsafeMutablePointer<Double>?) -> Double {
        var u = theta[0]
        for j in 0..<inputCount { u -= theta[j + 1] * logX[j] }
        if let g = gradient {
            g[0] = 1
            for j in 0..<inputCount { g[j + 1] = -logX[j] }
        }
        return u
    }

    /// The multi-start grid for these data.
    public func starts(for data: FitData) -> [[Double]] {
        LeastSquares.logLinear(data, weights: nil).map { [$0] } ?? [[0] + Array(repeating: 0, count: inputCount)]
    }

    /// The reported parameters for θ.
    public func parameters(_ t: [Double]) -> [NamedValue] {
        [NamedValue("A", exp(t[0]))] + zip(coordinateNames.dropFirst(), t.dropFirst()).map { NamedValue($0, $1) }
    }

    /// The closed-form fit, when the loss has one.
    public func closedForm(_ data: FitData, weights: [Double]?, loss: Loss) -> [Double]? {
        loss == .squares ? LeastSquares.logLinear(data, weights: weights) : nil
    }

    /// Problems with the solution θ on these data.
    public func degeneracies(_ t: [Double], data: FitData) -> [String] { [] }
}
