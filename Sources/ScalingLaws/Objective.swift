/// A smooth function to minimize with its gradient.
public protocol DifferentiableObjective {
    /// The number of variables.
    var dimension: Int { get }
    /// The value at `x`, writing the gradient into `gradient` (`dimension` values).
    func value(at x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double
}

/// The fit objective `Σ_i w_i·loss(log ŷ_i − log y_i)` of a form on a table of points, with its
/// analytic gradient. Weights are bootstrap multiplicities (nil = all 1; zero-weight points are skipped).
public struct FitObjective<Form: ScalingLawForm>: DifferentiableObjective {
    /// The form.
    public let form: Form
    /// The points.
    public let data: FitData
    /// Per-point weights, or nil for all ones.
    public let weights: [Double]?
    /// The loss on log residuals.
    public let loss: Loss
    /// Weights padded with zeros to the data's padded count (for the batch path).
    private let paddedWeights: [Double]

    /// The objective of `form` on `data`.
    public init(form: Form, data: FitData, weights: [Double]? = nil, loss: Loss) {
        self.form = form
        self.data = data
        self.weights = weights
        self.loss = loss
        if form.hasBatchObjective {
            paddedWeights = (weights ?? [Double](repeating: 1, count: data.count))
                + [Double](repeating: 0, count: data.paddedCount - data.count)
        } else {
            paddedWeights = []
        }
    }

    /// The number of variables.
    public var dimension: Int { form.coordinateCount }

    /// The value and gradient at a point.
    public func value(at x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
        if form.hasBatchObjective {
            return data.logColumns.withUnsafeBufferPointer { c in
                data.logYPadded.withUnsafeBufferPointer { ly in
                    paddedWeights.withUnsafeBufferPointer { w in
                        form.batchObjective(x, logColumns: c.baseAddress!, stride: data.paddedCount, logY: ly.baseAddress!,
                                            weights: w.baseAddress!, count: data.paddedCount, loss: loss, gradient: gradient)
                    }
                }
            }
        }
        return pointByPoint(at: x, gradient: gradient)
    }

    /// The objective through `logPrediction`, one point at a time.
    public func pointByPoint(at x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
        let p = dimension, k = data.inputCount, n = data.count
        let loss = self.loss
        for j in 0..<p { gradient[j] = 0 }
        var f = 0.0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: p) { gp in
            let g = gp.baseAddress!
            data.logX.withUnsafeBufferPointer { lx in
                data.logY.withUnsafeBufferPointer { ly in
                    if let w = weights {
                        w.withUnsafeBufferPointer { wp in
                            for i in 0..<n {
                                let wi = wp[i]
                                if wi == 0 { continue }
                                let r = form.logPrediction(x, logX: lx.baseAddress! + i * k, gradient: g) - ly[i]
                                f += wi * loss.value(r)
                                let psi = wi * loss.derivative(r)
                                for j in 0..<p { gradient[j] += psi * g[j] }
                            }
                        }
                    } else {
                        for i in 0..<n {
                            let r = form.logPrediction(x, logX: lx.baseAddress! + i * k, gradient: g) - ly[i]
                            f += loss.value(r)
                            let psi = loss.derivative(r)
                            for j in 0..<p { gradient[j] += psi * g[j] }
                        }
                    }
                }
            }
        }
        return f
    }

    /// The objective and gradient at θ.
    public func evaluate(_ theta: [Double]) -> (value: Double, gradient: [Double]) {
        var g = [Double](repeating: 0, count: dimension)
        let f = theta.withUnsafeBufferPointer { t in
            g.withUnsafeMutableBufferPointer { value(at: t.baseAddress!, gradient: $0.baseAddress!) }
        }
        return (f, g)
    }
}
