import Configuration
import NN
import Tensor

/// `compress.quant.mixed`: one bit width per layer from `bits_choices`, chosen to minimize
/// the summed measured sensitivity `Σ_ℓ ΔL_ℓ(b_ℓ)` under a byte budget (VARIANTS.md E).
///
/// `ΔL_ℓ(b)` is the calibration loss with only layer ℓ round-to-nearest quantized at b bits
/// minus the loss before; `bytes_ℓ(b)` is that twin's exact `codeBytes` (codes, scales, zero
/// points). The allocation is a multiple-choice knapsack solved exactly by dynamic programming
/// over bytes (in units of one byte up to 2^18 budget bytes, coarser above, each layer's cost
/// rounded up so the budget always holds). Only the `measured` score is implemented.
enum MixedPrecisionQuantization {
    /// The typed parameters.
    static var parameters: [ParameterSpec] {
        [
            .string("bits_choices", default: "8,4,3,2", "Bit widths a layer may take, comma-separated (each 2, 3, 4, 8 or 16)."),
            .double("budget", default: 4.5, in: 1...32, unit: "bits/weight",
                    "Average stored bits per quantized weight, codes + scales + zero points (budget bytes = budget·Σ d_in·d_out / 8)."),
            .choice("score", default: "measured", ["measured"], "Sensitivity: ΔL_ℓ(b), calibration loss with only layer ℓ at b bits minus the loss before."),
        ] + IntegerQuantizationSettings.parameters(bits: 8, granularity: .channel, symmetric: true, activations: false)
            .filter { $0.name != "bits" }
    }

    /// The parsed `bits_choices`.
    static func choices(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0.map(IntegerQuantizationSettings.allowedBits.contains) ?? false }) else {
            throw ParameterError.invalidParameterValue(owner: "compress.quant.mixed", key: "bits_choices", value: text,
                                                       allowed: "a comma-separated list of 2, 3, 4, 8, 16")
        }
        return Array(Set(parts.map { $0! })).sorted(by: >)
    }

    static func compress(_ v: ParameterValues, _ context: CompressionContext) throws -> CompressionOutcome {
        let settings = try IntegerQuantizationSettings(v, owner: "compress.quant.mixed")
        let bits = try choices(v.string("bits_choices"))
        let layers = context.linears(includeHead: settings.includeHead)
        let weights = layers.reduce(0) { $0 + $1.linear.inFeatures * $1.linear.outFeatures }
        let budgetBytes = Int((v.double("budget") * Double(weights) / 8).rounded(.down))

        // Sensitivities and exact byte costs, one layer at a time.
        let base = context.calibrationLoss()
        var delta = [[Double]](), cost = [[Int]]()
        for (_, linear) in layers {
            let previous = linear.compressed
            let (w, b) = (linear.currentWeight(), linear.currentBias())
            var d = [Double](), c = [Int]()
            for bit in bits {
                let twin = settings.roundToNearest(w, bias: b, bits: bit)
                linear.compress(with: twin)
                d.append(context.calibrationLoss() - base)
                c.append(twin.codeBytes)
            }
            linear.compress(with: previous ?? DenseLinear(weight: w, bias: b))
            delta.append(d)
            cost.append(c)
        }
        guard let choice = allocate(delta: delta, cost: cost, budget: budgetBytes) else {
            let minimum = cost.reduce(0) { $0 + $1.min()! }
            throw CompressionError("compress.quant.mixed: budget \(v.double("budget")) bits/weight (\(budgetBytes) bytes) is below the smallest allocation, \(minimum) bytes (\(8 * Double(minimum) / Double(weights)) bits/weight)")
        }

        var outcome = CompressionOutcome(speed: .simulated)
        for (l, (name, linear)) in layers.enumerated() {
            let twin = settings.roundToNearest(linear.currentWeight(), bias: linear.currentBias(), bits: bits[choice[l]])
            outcome.layers.append(linear.replace(with: twin, name: name))
            outcome.metrics["bits." + name] = Double(bits[choice[l]])
        }
        outcome.recordBitsPerWeight(layers.map(\.linear))
        outcome.metrics["budget_bytes"] = Double(budgetBytes)
        outcome.metrics["predicted_loss_increase"] = choice.enumerated().reduce(0) { $0 + delta[$1.offset][$1.element] }
        outcome.metrics["calibration_loss_increase"] = context.calibrationLoss() - base
        return outcome
    }

    /// The choice per layer minimizing `Σ delta[ℓ][k]` with `Σ cost[ℓ][k] ≤ budget` (exact
    /// dynamic programming over bytes, in units of ⌈budget/2^18⌉ bytes with costs rounded
    /// up); nil when no choice fits.
    static func allocate(delta: [[Double]], cost: [[Int]], budget: Int) -> [Int]? {
        guard budget >= 0 else { return nil }
        let unit = max(1, (budget + (1 << 18) - 1) >> 18)
        let capacity = budget / unit
        var best = [Double](repeating: 0, count: capacity + 1)
        var picks = [[Int8]]()
        for (d, c) in zip(delta, cost) {
            var next = [Double](repeating: .infinity, count: capacity + 1)
            var pick = [Int8](repeating: -1, count: capacity + 1)
            for k in d.indices {
                let units = (c[k] + unit - 1) / unit
                guard units <= capacity else { continue }
                for cap in units...capacity where best[cap - units] + d[k] < next[cap] {
                    next[cap] = best[cap - units] + d[k]
                    pick[cap] = Int8(k)
                }
            }
            best = next
            picks.append(pick)
        }
        guard best[capacity].isFinite else { return nil }
        var choice = [Int](repeating: 0, count: delta.count), cap = capacity
        for l in stride(from: delta.count - 1, through: 0, by: -1) {
            let k = Int(picks[l][cap])
            choice[l] = k
            cap -= (cost[l][k] + unit - 1) / unit
        }
        return choice
    }
}
