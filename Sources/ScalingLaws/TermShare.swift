import Foundation

/// Detects log-sum-exp terms that vanish everywhere in the data (their parameters are then not
/// determined by the fit: the "LSE weight ≈ 0" stall of multi-start searches).
enum TermShare {
    /// The largest share each term reaches over the data points, where the form's gradient slot
    /// `weightSlots[k]` holds term k's log-sum-exp weight (∂ log ŷ/∂ log term).
    static func maxShares<F: ScalingLawForm>(_ form: F, _ theta: [Double], data: FitData, weightSlots: [Int]) -> [Double] {
        var shares = [Double](repeating: 0, count: weightSlots.count)
        var g = [Double](repeating: 0, count: form.coordinateCount)
        theta.withUnsafeBufferPointer { t in
            data.logX.withUnsafeBufferPointer { lx in
                g.withUnsafeMutableBufferPointer { gp in
                    for i in 0..<data.count {
                        _ = form.logPrediction(t.baseAddress!, logX: lx.baseAddress! + i * data.inputCount,
                                               gradient: gp.baseAddress!)
                        for (k, slot) in weightSlots.enumerated() { shares[k] = max(shares[k], gp[slot]) }
                    }
                }
            }
        }
        return shares
    }

    /// A warning for each term whose share stays below `threshold` at every point.
    static func check<F: ScalingLawForm>(_ form: F, _ theta: [Double], data: FitData, weightSlots: [Int],
                                         names: [String], threshold: Double = 1e-6) -> [String] {
        let shares = maxShares(form, theta, data: data, weightSlots: weightSlots)
        return zip(names, shares).compactMap { name, s in
            s < threshold
                ? "term \(name) is below \(threshold) of the prediction at every point (largest share \(String(format: "%.2g", s))): its parameters are not determined"
                : nil
        }
    }
}
