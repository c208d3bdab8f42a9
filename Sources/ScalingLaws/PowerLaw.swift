import Foundation

/// `y = A·x^{−α}` (`fit.power`): a pure power law, fitted on log residuals.
///
/// Coordinates θ = (a, α) with `A = e^a`, so `log ŷ = a − α·log x`.
public struct PowerLaw: ScalingLawForm {
    /// A pure power law.
    public init() {}

    public var id: String { "fit.power" }
    public var formula: String { "y = A*x^-alpha" }
    public var inputCount: Int { 1 }
    public var coordinateNames: [String] { ["a", "alpha"] }

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

    public func parameters(_ t: [Double]) -> [NamedValue] {
        [NamedValue("A", exp(t[0])), NamedValue("alpha", t[1])]
    }

    public func closedForm(_ data: FitData, weights: [Double]?, loss: Loss) -> [Double]? {
        loss == .squares ? LeastSquares.logLinear(data, weights: weights) : nil
    }

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

    public var id: String { "fit.log-linear" }
    public var formula: String {
        inputCount == 1 ? "log y = a - alpha*log x" : "log y = a - sum_j alpha_j*log x_j"
    }
    public var coordinateNames: [String] {
        ["a"] + (inputCount == 1 ? ["alpha"] : (1...inputCount).map { "alpha\($0)" })
    }

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

    public func starts(for data: FitData) -> [[Double]] {
        LeastSquares.logLinear(data, weights: nil).map { [$0] } ?? [[0] + Array(repeating: 0, count: inputCount)]
    }

    public func parameters(_ t: [Double]) -> [NamedValue] {
        [NamedValue("A", exp(t[0]))] + zip(coordinateNames.dropFirst(), t.dropFirst()).map { NamedValue($0, $1) }
    }

    public func closedForm(_ data: FitData, weights: [Double]?, loss: Loss) -> [Double]? {
        loss == .squares ? LeastSquares.logLinear(data, weights: weights) : nil
    }

    public func degeneracies(_ t: [Double], data: FitData) -> [String] { [] }
}
