import CBLAS

/// Whether an operand of a matrix product is used as stored or transposed.
public enum Transpose: Sendable {
    case none, transposed

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// OpenBLAS: thread control and identification.
public enum BLAS {
    /// The number of threads OpenBLAS uses for each call. Results can differ bitwise
    /// between thread counts, so every measurement records this number.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }

    /// OpenBLAS's build description (version, target, threading).
    public static var configuration: String {
        guard let c = openblas_get_config() else { return "unknown" }
        return String(cString: c)
    }

    /// The kernel family OpenBLAS selected for this CPU (e.g. "Haswell", "Zen").
    public static var coreName: String {
        guard let c = openblas_get_corename() else { return "unknown" }
        return String(cString: c)
    }
}

/// Row-major `C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C` through `cblas_sgemm`.
/// `lda`, `ldb` and `ldc` are the row strides of the stored matrices.
@inline(__always)
public func sgemm(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
) {
    FLOPCounter.record(m: m, n: n, k: k)
    cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k),
                alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

extension Tensor {
    /// `C = alpha · op(A) · op(B) + beta · C` for matrices, or batched over the leading
    /// dimension when `a` has rank 3 (`b` then has rank 3 with the same batch, or rank 2
    /// and is shared by every batch). Shapes are checked.
    public static func matmul(
        _ a: Tensor, _ b: Tensor, transA: Transpose = .none, transB: Transpose = .none,
        into c: Tensor, alpha: Float = 1, beta: Float = 0
    ) {
        precondition(a.rank == 2 || a.rank == 3, "matmul: A must have rank 2 or 3, has \(a.shape)")
        precondition(b.rank == 2 || b.rank == a.rank, "matmul: B has shape \(b.shape) for A \(a.shape)")
        let batch = a.rank == 3 ? a.shape[0] : 1
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transA == .none ? (ar, ac) : (ac, ar)
        let (kb, n) = transB == .none ? (br, bc) : (bc, br)
        precondition(k == kb, "matmul: inner dimensions differ, A \(a.shape) \(transA), B \(b.shape) \(transB)")
        if b.rank == 3 { precondition(b.shape[0] == batch, "matmul: batch \(batch) vs \(b.shape[0])") }
        precondition(c.count == batch * m * n, "matmul: C has shape \(c.shape), expected \(batch)×\(m)×\(n)")
        // A shared B with an untransposed A folds the batch into the rows: one large GEMM.
        if a.rank == 3 && b.rank == 2 && transA == .none {
            sgemm(.none, transB, m: batch * m, n: n, k: k, alpha: alpha, a: a.data, lda: ac,
                  b: b.data, ldb: bc, beta: beta, c: c.data, ldc: n)
            return
        }
        let bStride = b.rank == 3 ? br * bc : 0
        for i in 0..<batch {
            sgemm(transA, transB, m: m, n: n, k: k, alpha: alpha, a: a.data + i * ar * ac, lda: ac,
                  b: b.data + i * bStride, ldb: bc, beta: beta, c: c.data + i * m * n, ldc: n)
        }
    }
}
