import Configuration
import NN

/// `compress.lowrank.lorc`: round-to-nearest integer quantization of every compressible
/// Linear, plus a Float32 rank-r correction of each layer's quantization error
/// (`LowRankCompensatedLinear`).
enum LowRankCompensation {
    /// The typed parameters.
    static var parameters: [ParameterSpec] {
        IntegerQuantizationSettings.parameters(bits: 4, granularity: .channel, symmetric: true, activations: false) + [
            .int("rank", default: 8, in: 0...65_536, "Rank r of the error correction B·A (0: plain quantization)."),
        ]
    }

    static func compress(_ v: ParameterValues, _ context: CompressionContext) throws -> CompressionOutcome {
        let settings = try IntegerQuantizationSettings(v, owner: "compress.lowrank.lorc")
        var outcome = CompressionOutcome(speed: .simulated)
        for (name, linear) in context.linears(includeHead: settings.includeHead) {
            let w = linear.currentWeight(), bias = linear.currentBias()
            let twin = LowRankCompensatedLinear(compensating: settings.roundToNearest(w, bias: nil), of: w, rank: v.int("rank"), bias: bias)
            outcome.layers.append(linear.replace(with: twin, name: name))
        }
        outcome.recordBitsPerWeight(context.linears(includeHead: settings.includeHead).map(\.linear))
        return outcome
    }
}
