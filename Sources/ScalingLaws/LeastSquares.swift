import CBLAS
import Foundation

/// Weighted linear least squares on the logs (LAPACK `dgesv` on the normal equations).
enum LeastSquares {
    /// θ = (a, α_1, …, α_k) minimizing `Σ w_i (a − Σ_j α_j log x_ij − log y_i)²`;
    /// nil when the system is singular (e.g. all x equal).
    static func logLinear(_ data: FitData, weights: [Double]?) -> [Double]? {
        let k = data.inputCount, p = k + 1
        // Normal equations M θ = v with design row (1, −log x_i1, …, −log x_ik).
        var m = [Double](repeating: 0, count: p * p)
        var v = [Double](repeating: 0, count: p)
        var row = [Double](repeating: 0, count: p)
        for i in 0..<data.count {
            let w = weights?[i] ?? 1
            if w == 0 { continue }
            row[0] = 1
            for j in 0..<k { row[j + 1] = -data.logX[i * k + j] }
            for r in 0..<p {
                v[r] += w * row[r] * data.logY[i]
                for c in 0..<p { m[c * p + r] += w * row[r] * row[c] }
            }
        }
        var n = Int32(p), nrhs: Int32 = 1, lda = Int32(p), ldb = Int32(p), info: Int32 = 0
        var ipiv = [Int32](repeating: 0, count: p)
        dgesv_(&n, &nrhs, &m, &lda, &ipiv, &v, &ldb, &info)
        guard info == 0, v.allSatisfy({ $0.isFinite }) else { return nil }
        return v
    }
}
