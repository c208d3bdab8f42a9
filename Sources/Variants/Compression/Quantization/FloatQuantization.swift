import Configuration
import NN

/// `compress.quant.float`: every compressible Linear (the head only with `include_head`)
/// replaced by a `FloatQuantizedLinear` of the chosen format.
enum FloatQuantization {
    /// The typed parameters, with `format` defaulting to `format`.
    static func parameters(format: FloatQuantizationFormat) -> [ParameterSpec] {
        [
            .choice("format", default: format.rawValue, FloatQuantizationFormat.allCases.map(\.rawValue),
                    "Code format: FP8 E4M3 / E5M2 (scale per tensor or channel), MX FP4 E2M1 (blocks of 32, 8-bit power-of-two scales), NF4 (blocks of 64, absmax), FP16 (near-lossless identity)."),
            .choice("fp8_scale", default: "tensor", ["tensor", "channel"], "FP8/FP16 only: one scale amax/max_fmt for the tensor or per output row."),
            .bool("pow2_scale", default: false, "FP8/FP16 only: round the scale up to a power of two 2^⌈log₂(amax/max_fmt)⌉."),
            .bool("double_quant", default: false, "NF4 only: store the block absmax values in 8 bits (blocks of 256 scales, ≈4.13 bits per weight)."),
            .bool("include_head", default: false, "Quantize the output layer (LM head, classifier output) too."),
        ]
    }

    static func compress(_ v: ParameterValues, _ context: CompressionContext) -> CompressionOutcome {
        let format = FloatQuantizationFormat(rawValue: v.string("format"))!
        var outcome = CompressionOutcome(speed: .simulated)
        for (name, linear) in context.linears(includeHead: v.bool("include_head")) {
            let twin = FloatQuantizedLinear(quantizing: linear.currentWeight(), bias: linear.currentBias(), format: format,
                                            perChannel: v.string("fp8_scale") == "channel", powerOfTwoScale: v.bool("pow2_scale"),
                                            doubleQuantization: v.bool("double_quant"))
            outcome.layers.append(linear.replace(with: twin, name: name))
        }
        outcome.recordBitsPerWeight(context.linears(includeHead: v.bool("include_head")).map(\.linear))
        return outcome
    }
}
