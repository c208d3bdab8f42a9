import NN
import Tensor

/// `y[rows, out] = x[rows, in] · Wᵀ + b` with a decoded Float32 weight W [out, in] (one
/// sgemm): the last step of every decode-then-BLAS quantized kernel.
func decodedAffine(_ x: Tensor, weight: UnsafePointer<Float>, inFeatures: Int, outFeatures: Int,
                   bias: Parameter?, into y: Tensor) {
    let rows = x.count / inFeatures
    if let bias {
        for r in 0..<rows { (y.data + r &* outFeatures).update(from: bias.value.data, count: outFeatures) }
    }
    sgemm(.none, .transposed, m: rows, n: outFeatures, k: inFeatures, a: x.data, lda: inFeatures,
          b: weight, ldb: inFeatures, beta: bias == nil ? 0 : 1, c: y.data, ldc: outFeatures)
}

