import CBLAS

/// A scalar type LAPACK's divide-and-conquer SVD (`sgesdd` / `dgesdd`) works in.
public protocol SVDScalar: BinaryFloatingPoint {
    /// Calls `?gesdd` with LAPACK's column-major arguments.
    static func gesdd(_ job: UnsafePointer<CChar>, _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>,
                      _ a: UnsafeMutablePointer<Self>, _ lda: UnsafePointer<Int32>, _ s: UnsafeMutablePointer<Self>,
                      _ u: UnsafeMutablePointer<Self>, _ ldu: UnsafePointer<Int32>, _ vt: UnsafeMutablePointer<Self>,
                      _ ldvt: UnsafePointer<Int32>, _ work: UnsafeMutablePointer<Self>, _ lwork: UnsafePointer<Int32>,
                      _ iwork: UnsafeMutablePointer<Int32>, _ info: UnsafeMutablePointer<Int32>)
}

extension Float: SVDScalar {
    public static func gesdd(_ job: UnsafePointer<CChar>, _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>,
                             _ a: UnsafeMutablePointer<Float>, _ lda: UnsafePointer<Int32>, _ s: UnsafeMutablePointer<Float>,
                             _ u: UnsafeMutablePointer<Float>, _ ldu: UnsafePointer<Int32>, _ vt: UnsafeMutablePointer<Float>,
                             _ ldvt: UnsafePointer<Int32>, _ work: UnsafeMutablePointer<Float>, _ lwork: UnsafePointer<Int32>,
                             _ iwork: UnsafeMutablePointer<Int32>, _ info: UnsafeMutablePointer<Int32>) {
        sgesdd_(job, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info)
    }
}

extension Double: SVDScalar {
    public static func gesdd(_ job: UnsafePointer<CChar>, _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>,
                             _ a: UnsafeMutablePointer<Double>, _ lda: UnsafePointer<Int32>, _ s: UnsafeMutablePointer<Double>,
                             _ u: UnsafeMutablePointer<Double>, _ ldu: UnsafePointer<Int32>, _ vt: UnsafeMutablePointer<Double>,
                             _ ldvt: UnsafePointer<Int32>, _ work: UnsafeMutablePointer<Double>, _ lwork: UnsafePointer<Int32>,
                             _ iwork: UnsafeMutablePointer<Int32>, _ info: UnsafeMutablePointer<Int32>) {
        dgesdd_(job, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info)
    }
}

/// The thin singular value decomposition `M = U·diag(σ)·Vᵀ` of a row-major matrix
/// M [rows, cols], k = min(rows, cols), σ in decreasing order (LAPACK `?gesdd`, job "S").
public struct SingularValueDecomposition<Scalar: SVDScalar> {
    /// Rows of M.
    public let rows: Int
    /// Columns of M.
    public let cols: Int
    /// U [rows, k], row-major, orthonormal columns.
    public let u: [Scalar]
    /// σ₁ ≥ σ₂ ≥ … ≥ σ_k ≥ 0.
    public let singularValues: [Scalar]
    /// Vᵀ [k, cols], row-major, orthonormal rows.
    public let vt: [Scalar]

    /// k = min(rows, cols).
    public var k: Int { singularValues.count }

    /// Decomposes the row-major matrix `m` [rows, cols] (not modified).
    public init(_ m: [Scalar], rows: Int, cols: Int) {
        precondition(m.count == rows * cols && rows > 0 && cols > 0, "SVD: \(m.count) values for \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        // Row-major M is column-major A = Mᵀ [cols, rows] = P·S·Qᵀ, so M = Q·S·Pᵀ: LAPACK's
        // column-major Qᵀ [k, rows] is row-major U [rows, k] and its P [cols, k] is row-major Vᵀ.
        var mm = Int32(cols), nn = Int32(rows)
        let k = min(rows, cols)
        var a = m
        var s = [Scalar](repeating: 0, count: k)
        var p = [Scalar](repeating: 0, count: cols * k)
        var qt = [Scalar](repeating: 0, count: k * rows)
        var lda = mm, ldp = mm, ldqt = Int32(k)
        var iwork = [Int32](repeating: 0, count: 8 * k)
        var info: Int32 = 0
        var query: Scalar = 0
        var lwork: Int32 = -1
        var job = CChar(UInt8(ascii: "S"))
        Scalar.gesdd(&job, &mm, &nn, &a, &lda, &s, &p, &ldp, &qt, &ldqt, &query, &lwork, &iwork, &info)
        lwork = Int32(query)
        var work = [Scalar](repeating: 0, count: max(1, Int(lwork)))
        Scalar.gesdd(&job, &mm, &nn, &a, &lda, &s, &p, &ldp, &qt, &ldqt, &work, &lwork, &iwork, &info)
        precondition(info == 0, "SVD of a \(rows)×\(cols) matrix failed (LAPACK info \(info))")
        u = qt
        singularValues = s
        vt = p
    }

    /// Decomposes the matrix `m` [rows, cols] (converted to `Scalar`; not modified).
    public init(_ m: Tensor) {
        precondition(m.rank == 2, "SVD of a tensor of shape \(m.shape)")
        self.init((0..<m.count).map { Scalar(m.data[$0]) }, rows: m.shape[0], cols: m.shape[1])
    }

    /// The smallest r with `Σ_{i≤r} σ_i² ≥ energy·Σ_i σ_i²` (at least 1; k when energy ≥ 1).
    public func rank(energy: Double) -> Int {
        let squares = singularValues.map { Double($0) * Double($0) }
        let total = squares.reduce(0, +)
        guard energy < 1, total > 0 else { return k }
        var kept = 0.0
        for (i, s) in squares.enumerated() {
            kept += s
            if kept >= energy * total { return i + 1 }
        }
        return k
    }
}
