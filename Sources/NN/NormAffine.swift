import RealModule
import Tensor

/// The learned per-feature gain γ and shift β of a normalization layer, each optional, and the
/// row loops that apply them to normalized rows and accumulate their gradients. A layer keeps
/// its γ and β as parameters and builds this view of them per call.
///
/// A row norm writes `x̂ = (x − shift)·scale` with one shift and scale per row (mean and 1/σ for
/// LayerNorm, 0 and 1/rms for RMSNorm); a batch-statistic norm folds per-feature statistics and
/// γ, β into one per-feature `a ⊙ x + c` (`columnCoefficients`, `NormKernels.affineRows`).
/// Loops branch on the optional γ and β outside them, so every inner loop is a flat pointer loop.
public struct NormAffine {
    public let gain: Parameter?
    public let bias: Parameter?
    /// γ, β and their gradients, read once here rather than through the parameters on every row.
    private let g, b, dg, db: UnsafeMutablePointer<Float>?

    public init(gain: Parameter?, bias: Parameter?) {
        self.gain = gain
        self.bias = bias
        g = gain?.value.data
        b = bias?.value.data
        dg = gain?.grad.data
        db = bias?.grad.data
    }

    /// γ = 1 over `width` features, without weight decay.
    public static func makeGain(_ width: Int) -> Parameter {
        let gain = Parameter(shape: [width], decays: false)
        gain.value.fill(1)
        return gain
    }

    /// β = 0 over `width` features, without weight decay, when `enabled`.
    public static func makeBias(_ width: Int, enabled: Bool) -> Parameter? {
        enabled ? Parameter(shape: [width], decays: false) : nil
    }

    /// Visits γ as `weight` and β as `bias` (those present).
    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        if let gain { visit(qualified(prefix, "weight"), gain) }
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    /// `y = (x − shift)·scale ⊙ γ + β` over one row of `d` features.
    public func forwardRow(_ d: Int, _ x: UnsafePointer<Float>, shift: Float, scale: Float, into y: UnsafeMutablePointer<Float>) {
        switch (g, b) {
        case let (g?, b?): for i in 0..<d { y[i] = (x[i] - shift) * scale * g[i] + b[i] }
        case let (g?, nil): for i in 0..<d { y[i] = (x[i] - shift) * scale * g[i] }
        case let (nil, b?): for i in 0..<d { y[i] = (x[i] - shift) * scale + b[i] }
        case (nil, nil): for i in 0..<d { y[i] = (x[i] - shift) * scale }
        }
    }

    /// `dγ += dy ⊙ x̂` and `dβ += dy` over one row, `x̂ = (x − shift)·scale`.
    public func accumulateRow(_ d: Int, _ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, shift: Float, scale: Float) {
        if let dg {
            for i in 0..<d { dg[i] = Relaxed.multiplyAdd(dy[i], (x[i] - shift) * scale, dg[i]) }
        }
        if let db { Kernels.add(d, dy, db) }
    }

    /// `Σ g` and `Σ g ⊙ x̂` over one row, `g = γ ⊙ dy` (the two means of the row-norm backward).
    public func gradientSums(_ d: Int, _ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, shift: Float, scale: Float) -> (g: Float, gx: Float) {
        var sg: Float = 0, sgx: Float = 0
        if let gamma = g {
            for i in 0..<d {
                let g = dy[i] * gamma[i]
                sg = Relaxed.sum(sg, g)
                sgx = Relaxed.multiplyAdd(g, x[i] - shift, sgx)
            }
        } else {
            for i in 0..<d {
                sg = Relaxed.sum(sg, dy[i])
                sgx = Relaxed.multiplyAdd(dy[i], x[i] - shift, sgx)
            }
        }
        return (sg, sgx * scale)
    }

    /// `dx = scale·(γ ⊙ dy − meanG − x̂·meanGX)` over one row, `x̂ = (x − shift)·scale`: the input
    /// gradient of a row norm given the row means of `g = γ ⊙ dy` and `g ⊙ x̂`.
    public func inputGradientRow(_ d: Int, _ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, shift: Float, scale: Float,
                                 meanG: Float, meanGX: Float, into dx: UnsafeMutablePointer<Float>) {
        if let g {
            for i in 0..<d { dx[i] = scale * (dy[i] * g[i] - meanG - (x[i] - shift) * scale * meanGX) }
        } else {
            for i in 0..<d { dx[i] = scale * (dy[i] - meanG - (x[i] - shift) * scale * meanGX) }
        }
    }

    /// The whole backward of one row of `y = γ ⊙ (x − shift)·scale + β`, where `shift` is the row
    /// mean when `centred` (LayerNorm) and 0 otherwise (RMSNorm) and `scale` depends on the row:
    /// accumulates dγ, dβ and writes dx.
    public func backwardRow(_ d: Int, _ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, shift: Float, scale: Float,
                            centred: Bool, into dx: UnsafeMutablePointer<Float>) {
        let sums = gradientSums(d, x, dy, shift: shift, scale: scale)
        accumulateRow(d, x, dy, shift: shift, scale: scale)
        let n = Float(d)
        inputGradientRow(d, x, dy, shift: shift, scale: scale, meanG: centred ? sums.g / n : 0, meanGX: sums.gx / n, into: dx)
    }

    /// The per-feature `a = γ ⊙ scale` and `c = β − a ⊙ shift` that make `a ⊙ x + c` equal to
    /// `γ ⊙ (x − shift) ⊙ scale + β` (shift nil: 0).
    public func columnCoefficients(_ d: Int, shift: UnsafePointer<Float>?, scale: UnsafePointer<Float>,
                                   a: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>) {
        if let g {
            for i in 0..<d { a[i] = g[i] * scale[i] }
        } else {
            a.update(from: scale, count: d)
        }
        if let b { c.update(from: b, count: d) } else { c.update(repeating: 0, count: d) }
        if let shift { for i in 0..<d { c[i] = Relaxed.multiplyAdd(-a[i], shift[i], c[i]) } }
    }

    /// `dγ += Σ_rows dy ⊙ x̂` and `dβ += Σ_rows dy` over row-major [rows, d], `x̂ = (x − shift) ⊙ scale`
    /// per feature (shift nil: 0).
    public func accumulateColumns(rows: Int, _ d: Int, _ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                  shift: UnsafePointer<Float>?, scale: UnsafePointer<Float>) {
        if let dg { NormKernels.addColumnProducts(rows: rows, d, x, dy, shift: shift, scale: scale, into: dg) }
        if let db { Kernels.addColumnSums(rows: rows, cols: d, dy, into: db) }
    }

    /// `dγ += sumDYX` and `dβ += sumDY`: the column sums of `dy ⊙ x̂` and `dy` over the rows.
    public func addColumnGradients(_ d: Int, sumDY: UnsafePointer<Float>, sumDYX: UnsafePointer<Float>) {
        if let dg { Kernels.add(d, sumDYX, dg) }
        if let db { Kernels.add(d, sumDY, db) }
    }
}
