import CBLAS
import Tensor

/// GPTQ's layer-wise second-order quantization of one weight matrix (VARIANTS.md E,
/// `compress.quant.gptq`): columns are quantized one at a time and each column's rounding
/// error is pushed onto the columns not yet quantized through the upper Cholesky factor U
/// of the inverse input Hessian (`H⁻¹ = UᵀU`), in blocks with deferred (lazy) updates.
///
/// Deviation, recorded: with `actOrder` and group granularity the group scales are computed
/// from the original weights before the sweep (GPTQ's "static groups"), so groups stay
/// consecutive inputs and the result keeps the `IntQuantizedLinear` format; without
/// `actOrder` they are computed at each group boundary from the current (updated) columns.
/// The block width is rounded to a multiple of the group width so a group never straddles
/// a block boundary (its columns then carry every earlier update).
enum GPTQ {
    /// The layer's codes, scales and zero points for `weight` [out, in] given the Hessian
    /// `hessian` [in, in] (`2·XᵀX/n` of its calibration inputs X [n, in]).
    static func quantize(_ weight: Tensor, hessian: [Double], grid: IntegerGrid, groups: QuantizationGroups,
                         damp: Double = 0.01, blockSize: Int = 128, actOrder: Bool = false) throws
        -> (codes: [UInt16], scales: [Float], zeros: [Int]) {
        let (rows, n) = (groups.rows, groups.cols)
        precondition(weight.shape == [rows, n] && hessian.count == n * n, "GPTQ: weight \(weight.shape), Hessian \(hessian.count)")
        var h = hessian
        var w = (0..<rows * n).map { Double(weight.data[$0]) }
        // 1. Dead inputs: H_jj = 1 and W[:, j] = 0.
        for j in 0..<n where h[j * n + j] == 0 {
            h[j * n + j] = 1
            for r in 0..<rows { w[r * n + j] = 0 }
        }
        // Static parameters: the whole tensor, each row, or (act order) each group.
        var params = [(scale: Float, zero: Int)](repeating: (1, 0), count: groups.count)
        func setParameters(row r: Int, group k: Int, columns: Range<Int>, values: (Int) -> Double) {
            var lo = Float.infinity, hi = -Float.infinity
            for j in columns { let v = Float(values(j)); lo = min(lo, v); hi = max(hi, v) }
            params[groups.index(row: r, group: k)] = grid.parameters(minimum: lo, maximum: hi)
        }
        let dynamicGroups = groups.granularity == .group && !actOrder
        if groups.granularity == .tensor {
            let lo = w.map(Float.init).min()!, hi = w.map(Float.init).max()!
            params[0] = grid.parameters(minimum: lo, maximum: hi)
        } else if !dynamicGroups {
            for r in 0..<rows {
                for k in 0..<groups.perRow { setParameters(row: r, group: k, columns: groups.columns(k)) { w[r * n + $0] } }
            }
        }
        // 4. Act order: columns by decreasing diag(H), undone at the end.
        let perm = actOrder ? (0..<n).sorted { (h[$0 * n + $0], $1) > (h[$1 * n + $1], $0) } : Array(0..<n)
        if actOrder {
            let (w0, h0) = (w, h)
            for r in 0..<rows { for j in 0..<n { w[r * n + j] = w0[r * n + perm[j]] } }
            for i in 0..<n { for j in 0..<n { h[i * n + j] = h0[perm[i] * n + perm[j]] } }
        }
        // Damping: H += λ·mean(diag H)·I.
        let meanDiagonal = (0..<n).reduce(0.0) { $0 + h[$1 * n + $1] } / Double(n)
        for j in 0..<n { h[j * n + j] += damp * meanDiagonal }
        // 2. U: upper Cholesky factor of H⁻¹, row-major.
        let u = try upperCholeskyOfInverse(h, n: n)

        // 3. The sweep, in blocks with deferred updates.
        var codes = [UInt16](repeating: 0, count: rows * n)
        let width = groups.width
        let block = groups.granularity == .group ? max(width, blockSize / width * width) : max(1, blockSize)
        var i1 = 0
        while i1 < n {
            let i2 = min(n, i1 + block), bw = i2 - i1
            var errors = [Double](repeating: 0, count: rows * bw)
            for j in i1..<i2 {
                let column = perm[j]
                if dynamicGroups && column % width == 0 {
                    let k = column / width, span = groups.columns(k)
                    for r in 0..<rows { setParameters(row: r, group: k, columns: span) { w[r * n + $0] } }
                }
                let d = u[j * n + j]
                for r in 0..<rows {
                    let (s, z) = params[groups.index(row: r, group: column / width)]
                    let wr = w[r * n + j]
                    let c = grid.code(Float(wr), scale: s, zero: z)
                    codes[r * n + column] = c
                    let q = Double(grid.value(c, scale: s, zero: z))
                    let e = (wr - q) / d
                    w[r * n + j] = q
                    errors[r * bw + (j - i1)] = e
                    if e != 0 {
                        for k in (j + 1)..<i2 { w[r * n + k] -= e * u[j * n + k] }
                    }
                }
            }
            if i2 < n {
                // W[:, i2:] −= E · U[i1:i2, i2:]
                errors.withUnsafeBufferPointer { e in
                    u.withUnsafeBufferPointer { up in
                        w.withUnsafeMutableBufferPointer { wp in
                            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(n - i2), Int32(bw),
                                        -1, e.baseAddress!, Int32(bw), up.baseAddress! + i1 * n + i2, Int32(n),
                                        1, wp.baseAddress! + i2, Int32(n))
                        }
                    }
                }
            }
            i1 = i2
        }
        return (codes, params.map(\.scale), params.map(\.zero))
    }

    /// U (row-major, upper triangular) with `H⁻¹ = UᵀU` for a symmetric positive definite
    /// H [n, n]: LAPACK `dpotrf` + `dpotri` invert H, `dpotrf` factors the inverse.
    static func upperCholeskyOfInverse(_ h: [Double], n: Int) throws -> [Double] {
        var a = h, nn = Int32(n), lda = Int32(n), info: Int32 = 0
        var upper = CChar(UInt8(ascii: "U"))
        dpotrf_(&upper, &nn, &a, &lda, &info)
        guard info == 0 else { throw CompressionError("GPTQ: the damped Hessian is not positive definite (dpotrf info \(info)); raise damp") }
        dpotri_(&upper, &nn, &a, &lda, &info)
        guard info == 0 else { throw CompressionError("GPTQ: inverting the Hessian failed (dpotri info \(info))") }
        // Column-major upper triangle (i ≤ j at i + j·n) holds H⁻¹; mirror it.
        for j in 0..<n { for i in 0..<j { a[j + i * n] = a[i + j * n] } }
        dpotrf_(&upper, &nn, &a, &lda, &info)
        guard info == 0 else { throw CompressionError("GPTQ: H⁻¹ is not positive definite (dpotrf info \(info)); raise damp") }
        var u = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n { u[i * n + j] = a[i + j * n] } }
        return u
    }
}
