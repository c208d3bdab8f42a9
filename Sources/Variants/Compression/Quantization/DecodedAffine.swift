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


/// `decodedAffine` after the run-time input treatment of the integer twins: with
/// `dynamic-token` activations the input rows are first rounded to int8 into `inputBuffer`.
func decodedAffine(_ x: Tensor, weight: UnsafePointer<Float>, inFeatures: Int, outFeatures: Int, bias: Parameter?,
                   activations: ActivationQuantization, inputBuffer: inout Buffer, into y: Tensor) {
    var input = x
    if activations == .dynamicToken {
        input = inputBuffer.get(x.shape)
        ActivationQuantization.roundRowsToInt8(x, features: inFeatures, into: input)
    }
    decodedAffine(input, weight: weight, inFeatures: inFeatures, outFeatures: outFeatures, bias: bias, into: y)
}
