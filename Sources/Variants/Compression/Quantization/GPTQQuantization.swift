import Configuration
import NN
import Tensor

/// `compress.quant.gptq`: every compressible Linear in network order, each calibrated on the
/// outputs of the layers already quantized (one calibration pass per layer), quantized by
/// `GPTQ` into an `IntQuantizedLinear` (the format and kernel of `compress.quant.int`).
enum GPTQQuantization {
    /// The typed parameters.
    static var parameters: [ParameterSpec] {
        IntegerQuantizationSettings.parameters(bits: 4, granularity: .channel, symmetric: true, activations: false) + [
            .double("damp", default: 0.01, in: 0...10, "Damping λ: H += λ·mean(diag H)·I."),
            .int("block", default: 128, in: 1...65_536, unit: "columns", "Columns per block of deferred updates."),
            .bool("act_order", default: false, "Quantize columns in decreasing diag(H) (group scales then come from the original weights)."),
        ]
    }

    static func compress(_ v: ParameterValues, _ context: CompressionContext) throws -> CompressionOutcome {
        let settings = try IntegerQuantizationSettings(v, owner: "compress.quant.gptq")
        var outcome = CompressionOutcome(speed: .simulated)
        var outputError = 0.0, outputNorm = 0.0
        for (name, linear) in context.linears(includeHead: settings.includeHead) {
            let stats = context.inputStatistics(of: [linear], gram: true)[0]
            guard let gram = stats.gram, stats.rows > 0 else { throw CompressionError("GPTQ: no calibration inputs reached \(name)") }
            let n = linear.inFeatures
            let hessian = (0..<n * n).map { 2 * Double(gram.data[$0]) / Double(stats.rows) }
            let weight = linear.currentWeight()
            let groups = QuantizationGroups(rows: linear.outFeatures, cols: n, granularity: settings.granularity, groupSize: settings.groupSize)
            let (codes, scales, zeros) = try GPTQ.quantize(weight, hessian: hessian, grid: settings.grid(), groups: groups,
                                                           damp: v.double("damp"), blockSize: v.int("block"), actOrder: v.bool("act_order"))
            let twin = IntQuantizedLinear(codes: codes, scales: scales, zeros: zeros, grid: settings.grid(), groups: groups,
                                          bias: linear.currentBias())
            let (e, norm) = outputErrorTerms(weight, twin.decodedWeight(), gram: gram)
            outputError += e
            outputNorm += norm
            outcome.layers.append(linear.replace(with: twin, name: name))
        }
        outcome.recordBitsPerWeight(context.linears(includeHead: settings.includeHead).map(\.linear))
        if outputNorm > 0 { outcome.metrics["relative_output_error"] = (outputError / outputNorm).squareRoot() }
        return outcome
    }
}

/// `(‖(W − Ŵ)Xᵀ‖²_F, ‖WXᵀ‖²_F)` from the Gram matrix G = XᵀX [in, in] of the inputs:
/// `tr(Δ G Δᵀ)` and `tr(W G Wᵀ)`.
func outputErrorTerms(_ w: Tensor, _ decoded: Tensor, gram: Tensor) -> (error: Double, norm: Double) {
    let (rows, n) = (w.shape[0], w.shape[1])
    let delta = Tensor(shape: w.shape)
    for i in 0..<w.count { delta.data[i] = w.data[i] - decoded.data[i] }
    func quadratic(_ m: Tensor) -> Double {
        let mg = Tensor(shape: [rows, n])
        sgemm(.none, .none, m: rows, n: n, k: n, a: m.data, lda: n, b: gram.data, ldb: n, c: mg.data, ldc: n)
        var total = 0.0
        for i in 0..<m.count { total += Double(mg.data[i]) * Double(m.data[i]) }
        return total
    }
    return (quadratic(delta), quadratic(w))
}
