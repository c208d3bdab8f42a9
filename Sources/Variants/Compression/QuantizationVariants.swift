import Configuration

/// The quantization methods, in the order `ablate list variants` shows them.
let quantizationVariants: [VariantDescriptor] = [
    integerQuantizationVariant(id: "compress.quant.int", bits: 8, granularity: .channel, symmetric: true,
                               summary: "Round-to-nearest integer weight quantization (2, 3, 4, 8 or 16 bits; per tensor, channel or group; symmetric or asymmetric; optional int8 dynamic per-token activations)."),
    integerQuantizationVariant(id: "compress.quant.int8", bits: 8, granularity: .channel, symmetric: true,
                               summary: "compress.quant.int preset: int8, symmetric, per output channel."),
    integerQuantizationVariant(id: "compress.quant.int4", bits: 4, granularity: .group, symmetric: true,
                               summary: "compress.quant.int preset: int4, symmetric, per group (g = 32 for d ≤ 256, else 128)."),
    integerQuantizationVariant(id: "compress.quant.int3", bits: 3, granularity: .group, symmetric: false,
                               summary: "compress.quant.int preset: int3, asymmetric (8 levels), per group."),
    integerQuantizationVariant(id: "compress.quant.int2", bits: 2, granularity: .group, symmetric: false,
                               summary: "compress.quant.int preset: int2, asymmetric (4 levels; symmetric would be ternary), per group."),
    floatQuantizationVariant(id: "compress.quant.float", format: .fp8E4M3,
                             summary: "Floating-point weight formats: FP8 E4M3 / E5M2, MX block-scaled FP4 E2M1, NF4 (optional double quantization), FP16."),
    floatQuantizationVariant(id: "compress.quant.fp8-e4m3", format: .fp8E4M3, summary: "compress.quant.float preset: FP8 E4M3 (max 448), one scale per tensor."),
    floatQuantizationVariant(id: "compress.quant.fp8-e5m2", format: .fp8E5M2, summary: "compress.quant.float preset: FP8 E5M2 (max 57344), one scale per tensor."),
    floatQuantizationVariant(id: "compress.quant.fp4-e2m1", format: .fp4E2M1, summary: "compress.quant.float preset: MX FP4 E2M1, blocks of 32 with an 8-bit power-of-two scale (4.25 bits per weight)."),
    floatQuantizationVariant(id: "compress.quant.nf4", format: .nf4, summary: "compress.quant.float preset: NF4, blocks of 64 with a Float32 absmax (4.5 bits per weight)."),
    VariantDescriptor(
        id: "compress.quant.gptq",
        summary: "GPTQ: layer-wise second-order integer quantization, each column's rounding error pushed onto the remaining columns through the Cholesky factor of the inverse input Hessian.",
        paper: "GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers (Frantar et al., 2022)",
        parameters: GPTQQuantization.parameters,
        realCost: "the format and kernel of compress.quant.int (bytes real, speed simulated); O(d_in³) per layer for the LAPACK Cholesky at compression time, one calibration pass per layer",
        identity: CompressionIdentity(["bits": .int(16)], tolerance: 1e-3), twins: [IntQuantizedLinear.self],
        factory: .compression { v, context in try GPTQQuantization.compress(v, context) }),
    VariantDescriptor(
        id: "compress.quant.mixed",
        summary: "Mixed-precision integer quantization: one bit width per layer, chosen from measured per-layer loss sensitivity under a byte budget (exact multiple-choice knapsack).",
        paper: "Improving Post Training Neural Quantization: Layer-wise Calibration and Integer Programming (Hubara et al., 2020); HAWQ-V2: Hessian Aware trace-Weighted Quantization of Neural Networks (Dong et al., 2019); Layer-Wise Quantization: A Pragmatic and Effective Method for Quantizing LLMs Beyond Integer Bit-Levels (2024)",
        parameters: MixedPrecisionQuantization.parameters,
        realCost: "the format and kernel of compress.quant.int per layer (bytes real, speed simulated); compression costs layers × choices calibration passes",
        identity: CompressionIdentity(["bits_choices": .string("16"), "budget": .double(32)], tolerance: 1e-3),
        twins: [IntQuantizedLinear.self],
        factory: .compression { v, context in try MixedPrecisionQuantization.compress(v, context) }),
    VariantDescriptor(
        id: "compress.lowrank.lorc",
        summary: "Low-rank compensation: integer round-to-nearest quantization plus a Float32 rank-r SVD correction of each layer's quantization error, y = Q(W)x + B(Ax).",
        paper: "ZeroQuant-V2: Exploring Post-training Quantization in LLMs from Comprehensive Study to Low Rank Compensation (Yao et al., 2023); ZeroQuant-FP: A Leap Forward in LLMs Post-Training W4A8 Quantization Using Floating-Point Formats (Wu et al., 2023)",
        parameters: LowRankCompensation.parameters,
        realCost: "bytes real: the int codes and scales plus 4·r·(d_in + d_out) bytes of factors per layer; speed simulated (decode + sgemm) plus r·(d_in + d_out) real extra multiply-adds per row",
        identity: CompressionIdentity(["bits": .int(16)], tolerance: 1e-3), twins: [LowRankCompensatedLinear.self],
        factory: .compression { v, context in try LowRankCompensation.compress(v, context) }),
]

private let integerPapers = "Quantizing deep convolutional networks for efficient inference: A whitepaper (Krishnamoorthi, 2018); ZeroQuant-V2: Exploring Post-training Quantization in LLMs from Comprehensive Study to Low Rank Compensation (Yao et al., 2023)"

/// `compress.quant.int` or one of its presets (the same method with other defaults).
private func integerQuantizationVariant(id: String, bits: Int, granularity: QuantizationGranularity, symmetric: Bool,
                                        summary: String) -> VariantDescriptor {
    VariantDescriptor(
        id: id, summary: summary, paper: integerPapers,
        parameters: IntegerQuantizationSettings.parameters(bits: bits, granularity: granularity, symmetric: symmetric),
        realCost: "bytes real: ⌈numel·b/8⌉ bytes of packed codes plus a Float32 scale (and a b-bit zero point if asymmetric) per group; speed simulated: the kernel decodes to Float32 on every call, then one sgemm",
        identity: CompressionIdentity(["bits": .int(16), "granularity": .string("channel"), "symmetric": .bool(true)], tolerance: 1e-3),
        // An N:M-pruned layer keeps its pattern and quantizes only the kept weights.
        twins: [IntQuantizedLinear.self, NMQuantizedLinear.self],
        factory: .compression { v, context in
            IntegerQuantization.compress(try IntegerQuantizationSettings(v, owner: id), context)
        })
}

private let floatPapers = "FP8 versus INT8 for efficient deep learning inference (van Baalen et al., 2023); ZeroQuant-FP: A Leap Forward in LLMs Post-Training W4A8 Quantization Using Floating-Point Formats (Wu et al., 2023); QLoRA: Efficient Finetuning of Quantized LLMs (Dettmers et al., 2023); Understanding the Impact of Post-Training Quantization on Large Language Models (2024); Elucidating the Design Space of FP4 training (2025)"

/// `compress.quant.float` or one of its presets (the same method with another default format).
private func floatQuantizationVariant(id: String, format: FloatQuantizationFormat, summary: String) -> VariantDescriptor {
    VariantDescriptor(
        id: id, summary: summary, paper: floatPapers,
        parameters: FloatQuantization.parameters(format: format),
        realCost: "bytes real: 1 byte per FP8 code, 4-bit codes packed two per byte, plus the block scales; speed simulated: the kernel decodes to Float32 on every call, then one sgemm",
        identity: CompressionIdentity(["format": .string("fp16")], tolerance: 2e-3), twins: [FloatQuantizedLinear.self],
        factory: .compression { v, context in FloatQuantization.compress(v, context) })
}
