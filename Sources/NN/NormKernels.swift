import RealModule
import Tensor

/// The statistics of the normalization layers: reductions over one row (a token's features)
/// and over the rows of a [rows, d] matrix per feature, as flat pointer loops with relaxed
/// (vectorizable) accumulation. Column statistics run row by row, so the inner loop goes over
/// contiguous features.
public enum NormKernels {
    /// The mean and `1/√(var + ε)` of one row of `d` (biased variance, centred second pass).
    public static func meanAndInverseDeviation(_ d: Int, _ x: UnsafePointer<Float>, epsilon: Float) -> (mean: Float, rstd: Float) {
        let m = Kernels.sum(d, x) / Float(d)
        var v: Float = 0
        for i in 0..<d { let c = x[i] - m; v = Relaxed.multiplyAdd(c, c, v) }
        return (m, 1 / (v / Float(d) + epsilon).squareRoot())
    }

    /// `1/√(mean(x²) + ε)` of one row of `d`.
    public static func inverseRootMeanSquare(_ d: Int, _ x: UnsafePointer<Float>, epsilon: Float) -> Float {
        var s: Float = 0
        for i in 0..<d { s = Relaxed.multiplyAdd(x[i], x[i], s) }
        return 1 / (s / Float(d) + epsilon).squareRoot()
    }

    /// `out[i] += Σ_rows (x[r, i] − centre[i])²` (centre nil: 0) over a row-major [rows, d].
    public static func addColumnSquares(rows: Int, _ d: Int, _ x: UnsafePointer<Float>, centre: UnsafePointer<Float>?,
                                        into out: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let xr = x + r &* d
            if let centre {
                for i in 0..<d { let c = xr[i] - centre[i]; out[i] = Relaxed.multiplyAdd(c, c, out[i]) }
            } else {
                for i in 0..<d { out[i] = Relaxed.multiplyAdd(xr[i], xr[i], out[i]) }
            }
        }
    }

    /// `out[i] += Σ_rows dy[r, i]·(x[r, i] − shift[i])·scale[i]` over row-major [rows, d]: the
    /// column sums of `dy ⊙ x̂` (shift nil: 0).
    public static func addColumnProducts(rows: Int, _ d: Int, _ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                         shift: UnsafePointer<Float>?, scale: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let xr = x + r &* d, dyr = dy + r &* d
            if let shift {
                for i in 0..<d { out[i] = Relaxed.multiplyAdd(dyr[i], (xr[i] - shift[i]) * scale[i], out[i]) }
            } else {
                for i in 0..<d { out[i] = Relaxed.multiplyAdd(dyr[i], xr[i] * scale[i], out[i]) }
            }
        }
    }

    /// `y[r, i] = a[i]·x[r, i] + c[i]` over row-major [rows, d] (the per-feature affine form).
    public static func affineRows(rows: Int, _ d: Int, _ x: UnsafePointer<Float>, a: UnsafePointer<Float>, c: UnsafePointer<Float>,
                                  into y: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let xr = x + r &* d, yr = y + r &* d
            for i in 0..<d { yr[i] = Relaxed.multiplyAdd(a[i], xr[i], c[i]) }
        }
    }

    /// `y[r, i] = a[i]·x[r, i]` over row-major [rows, d] (a per-feature scaling: an evaluation-mode
    /// batch norm's input gradient).
    public static func scaleRows(rows: Int, _ d: Int, _ x: UnsafePointer<Float>, a: UnsafePointer<Float>,
                                 into y: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let xr = x + r &* d, yr = y + r &* d
            for i in 0..<d { yr[i] = a[i] * xr[i] }
        }
    }
}
