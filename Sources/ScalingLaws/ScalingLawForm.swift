import Foundation

/// A named number: a fitted parameter or a derived quantity.
public struct NamedValue: Codable, Sendable, Equatable {
    /// The quantity's name, e.g. `alpha` or `N_opt(C=1e+21)`.
    public var name: String
    /// Its value.
    public var value: Double

    /// A named number.
    public init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }
}

/// Settings that derived quantities depend on (compute budgets for compute-optimal allocation).
public struct DerivedSettings: Sendable, Codable, Equatable {
    /// Compute budgets C (FLOPs) at which to report compute-optimal N, D, tokens per parameter
    /// and loss. Empty means none.
    public var computeBudgets: [Double]
    /// The training-cost model C = k·N·D.
    public var cost: TrainingCost

    /// Derived-quantity settings.
    public init(computeBudgets: [Double] = [], cost: TrainingCost = TrainingCost()) {
        self.computeBudgets = computeBudgets
        self.cost = cost
    }
}

/// A functional form of a scaling law, fitted on log residuals `log ŷ − log y`.
///
/// A form predicts `log y` from the logs of its inputs and a vector θ of unconstrained
/// optimizer coordinates (positive terms are stored as logs, so a log-sum-exp gives `log ŷ`).
/// It knows its own starting grid, how to turn θ into the reported parameters, and which
/// quantities derive from them.
public protocol ScalingLawForm: Sendable {
    /// The stable id, e.g. `fit.chinchilla`.
    var id: String { get }
    /// A one-line formula for people, e.g. `L = E + A/N^alpha + B/D^beta`.
    var formula: String { get }
    /// The number of input variables x (1, or 2 for N and D).
    var inputCount: Int { get }
    /// Names of the optimizer coordinates θ, in order.
    var coordinateNames: [String] { get }

    /// `log ŷ` at one point from θ and the logs of the point's inputs; when `gradient` is given,
    /// also writes `∂ log ŷ / ∂θ` into it (`coordinateNames.count` values).
    func logPrediction(_ theta: UnsafePointer<Double>, logX: UnsafePointer<Double>,
                       gradient: UnsafeMutablePointer<Double>?) -> Double

    /// Whether the form evaluates the whole objective four points at a time (`batchObjective`).
    var hasBatchObjective: Bool { get }

    /// The objective `Σ_i w_i·loss(log ŷ_i − log y_i)` over `count` points (a multiple of 4), writing its
    /// gradient; inputs are `log x` columns `stride` apart. Only called when `hasBatchObjective`.
    func batchObjective(_ theta: UnsafePointer<Double>, logColumns: UnsafePointer<Double>, stride: Int,
                        logY: UnsafePointer<Double>, weights: UnsafePointer<Double>, count: Int, loss: Loss,
                        gradient: UnsafeMutablePointer<Double>) -> Double

    /// The starting points of the multi-start search for these data.
    func starts(for data: FitData) -> [[Double]]

    /// The reported parameters (e.g. `A`, `alpha`, `E`) for θ.
    func parameters(_ theta: [Double]) -> [NamedValue]

    /// Quantities derived from θ (e.g. compute-optimal allocation); empty when the form has none.
    func derived(_ theta: [Double], settings: DerivedSettings) -> [NamedValue]

    /// Problems with a solution for these data: a parameter at the edge of its meaningful range,
    /// or a term too small to matter anywhere in the data (so its parameters are not determined).
    func degeneracies(_ theta: [Double], data: FitData) -> [String]

    /// A closed-form fit used instead of the multi-start search, when the form has one for the loss.
    func closedForm(_ data: FitData, weights: [Double]?, loss: Loss) -> [Double]?

    /// The prediction along the form's single scale axis, used to find crossovers: y(x) for a
    /// one-input form, the compute-optimal loss L_opt(C) for the two-input form. Nil when undefined.
    func scaleCurve(_ theta: [Double], at scale: Double, settings: DerivedSettings) -> Double?
}

extension ScalingLawForm {
    /// No batch evaluation by default: the objective calls `logPrediction` point by point.
    public var hasBatchObjective: Bool { false }

    /// Unused unless `hasBatchObjective`.
    public func batchObjective(_ theta: UnsafePointer<Double>, logColumns: UnsafePointer<Double>, stride: Int,
                               logY: UnsafePointer<Double>, weights: UnsafePointer<Double>, count: Int, loss: Loss,
                               gradient: UnsafeMutablePointer<Double>) -> Double {
        preconditionFailure("\(id) has no batch objective")
    }

    /// No derived quantities by default.
    public func derived(_ theta: [Double], settings: DerivedSettings) -> [NamedValue] { [] }
    /// No closed form by default.
    public func closedForm(_ data: FitData, weights: [Double]?, loss: Loss) -> [Double]? { nil }

    /// The number of optimizer coordinates (= number of fitted parameters).
    public var coordinateCount: Int { coordinateNames.count }

    /// ŷ for inputs `x` (not logs) at θ.
    public func predict(_ theta: [Double], x: [Double]) -> Double {
        precondition(x.count == inputCount, "\(id) takes \(inputCount) inputs, got \(x.count)")
        let lx = x.map { Foundation.log($0) }
        return theta.withUnsafeBufferPointer { t in
            lx.withUnsafeBufferPointer { l in
                Foundation.exp(logPrediction(t.baseAddress!, logX: l.baseAddress!, gradient: nil))
            }
        }
    }

    /// One-input forms: ŷ(x). Others: nil.
    public func scaleCurve(_ theta: [Double], at scale: Double, settings: DerivedSettings) -> Double? {
        inputCount == 1 ? predict(theta, x: [scale]) : nil
    }
}

