import Configuration
import NN
import Tensor

/// The settings shared by the integer quantizers (`compress.quant.int` and its presets,
/// `.gptq`, `.mixed`, `compress.lowrank.lorc`), resolved from their parameters.
struct IntegerQuantizationSettings {
    /// The allowed bit widths.
    static let allowedBits = [2, 3, 4, 8, 16]

    var bits: Int
    var symmetric: Bool
    var granularity: QuantizationGranularity
    /// 0: the default for the layer's input width.
    var groupSize: Int
    var activations: ActivationQuantization
    var includeHead: Bool

    /// Reads `symmetric`, `granularity`, `group_size` and (when present) `bits`, `acts`,
    /// `include_head` from `v`; `bits` must be one of 2, 3, 4, 8, 16 (16 when absent).
    init(_ v: ParameterValues, owner: String) throws {
        bits = v.values["bits"] == nil ? 16 : v.int("bits")
        guard Self.allowedBits.contains(bits) else {
            throw ParameterError.invalidParameterValue(owner: owner, key: "bits", value: String(bits), allowed: "one of 2, 3, 4, 8, 16")
        }
        symmetric = v.bool("symmetric")
        granularity = QuantizationGranularity(rawValue: v.string("granularity"))!
        groupSize = v.int("group_size")
        activations = v.values["acts"].map { ActivationQuantization(rawValue: $0.description)! } ?? .none
        includeHead = v.values["include_head"].map { $0 == .bool(true) } ?? false
    }

    /// The grid at `bits` (default: the configured bits).
    func grid(bits b: Int? = nil) -> IntegerGrid { IntegerGrid(bits: b ?? bits, symmetric: symmetric) }

    /// Round-to-nearest twin of `weight` with `bias` at `bits` (default: the configured bits).
    func roundToNearest(_ weight: Tensor, bias: Tensor?, bits b: Int? = nil) -> IntQuantizedLinear {
        IntQuantizedLinear(roundingToNearest: weight, bias: bias, grid: grid(bits: b), granularity: granularity,
                           groupSize: groupSize, activations: activations)
    }

    /// The typed parameters of an integer quantizer with these defaults.
    static func parameters(bits: Int, granularity: QuantizationGranularity, symmetric: Bool,
                           activations: Bool = true) -> [ParameterSpec] {
        var specs: [ParameterSpec] = [
            .int("bits", default: bits, in: 2...16, unit: "bits", "Bits per weight code b: 2, 3, 4, 8 or 16 (16: near-lossless, the identity setting)."),
            .choice("granularity", default: granularity.rawValue, QuantizationGranularity.allCases.map(\.rawValue),
                    "Weights sharing a scale: the whole tensor, each output row (channel), or g consecutive inputs of a row (group)."),
            .int("group_size", default: 0, in: 0...65_536, unit: "inputs", "Group width g for granularity group (0: 32 when d_in ≤ 256, else 128)."),
            .bool("symmetric", default: symmetric, "Symmetric grid (q_max = 2^{b−1}−1, zero point implied) or asymmetric (range widened to include 0, b-bit zero point per group)."),
        ]
        if activations {
            specs.append(.choice("acts", default: "none", ActivationQuantization.allCases.map(\.rawValue),
                                 "Inputs: Float32 (none) or rounded to int8 with one symmetric scale per input row at run time (dynamic-token)."))
        }
        specs.append(.bool("include_head", default: false, "Quantize the output layer (LM head, classifier output) too."))
        return specs
    }
}

/// `compress.quant.int`: round-to-nearest integer quantization of every compressible Linear
/// (the head only with `include_head`), each replaced by an `IntQuantizedLinear`, or, for a
/// layer already pruned N:M, by an `NMQuantizedLinear` that quantizes only its kept weights.
enum IntegerQuantization {
    static func compress(_ settings: IntegerQuantizationSettings, _ context: CompressionContext) -> CompressionOutcome {
        var outcome = CompressionOutcome(speed: .simulated)
        for (name, linear) in context.linears(includeHead: settings.includeHead) {
            let twin: CompressedLinear
            if let sparse = linear.compressed as? NMSparseLinear {
                twin = NMQuantizedLinear(sparse) { settings.roundToNearest($0, bias: nil) }
            } else {
                twin = settings.roundToNearest(linear.currentWeight(), bias: linear.currentBias())
            }
            outcome.layers.append(linear.replace(with: twin, name: name))
        }
        outcome.recordBitsPerWeight(context.linears(includeHead: settings.includeHead).map(\.linear))
        return outcome
    }
}
