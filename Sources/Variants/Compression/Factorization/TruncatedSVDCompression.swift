import Configuration
import NN
import Tensor

/// `compress.lowrank.svd`: every chosen Linear's weight W [out, in] (as it currently acts,
/// so the method chains) is replaced by its truncated SVD `W ≈ B·A`,
/// A = Σ_r^{1/2}V_rᵀ [r, in], B = U_rΣ_r^{1/2} [out, r] (LAPACK `dgesdd` in Double). The rank
/// is `r = max(1, ⌈ρ·min(out, in)⌉)` for `rank_ratio` ρ > 0, else the smallest r keeping the
/// `energy` τ of Σσ². A layer whose r reaches the break-even `r·(in + out) ≥ in·out` keeps its
/// weight (noted in the outcome). The factors are trainable, so a later recovery stage can
/// heal them. The option `whiten` (SVD of W·C^{1/2}) is not implemented.
enum TruncatedSVDCompression {
    /// The method's id.
    static let id = "compress.lowrank.svd"

    /// The rank for a weight with singular values `svd`: from ρ when ρ > 0, else from τ.
    static func rank(_ svd: SingularValueDecomposition<Double>, rankRatio: Double, energy: Double) -> Int {
        if rankRatio > 0 { return min(svd.k, max(1, Int((rankRatio * Double(svd.k)).rounded(.up)))) }
        return svd.rank(energy: energy)
    }

    /// Whether rank r stores at least as many scalars as the dense [out, in] matrix.
    static func atOrAboveBreakEven(rank r: Int, inFeatures: Int, outFeatures: Int) -> Bool {
        r * (inFeatures + outFeatures) >= inFeatures * outFeatures
    }

    /// Applies the method with resolved `values` to `context`'s model.
    static func apply(_ values: ParameterValues, _ context: CompressionContext) throws -> CompressionOutcome {
        let ratio = values.double("rank_ratio"), energy = values.double("energy")
        var outcome = CompressionOutcome(speed: .measured)
        var factored = 0, dense = 0, keptRank = 0, fullRank = 0
        for (name, linear) in context.linears(includeHead: values.bool("include_head")) {
            let w = linear.currentWeight()
            let (out, inputs) = (w.shape[0], w.shape[1])
            let svd = SingularValueDecomposition<Double>(w)
            let r = rank(svd, rankRatio: ratio, energy: energy)
            outcome.metrics["rank.\(name)"] = Double(r)
            fullRank += svd.k
            if atOrAboveBreakEven(rank: r, inFeatures: inputs, outFeatures: out) {
                dense += 1
                keptRank += svd.k
                outcome.notes.append("\(name): rank \(r) of \(svd.k) is at or above the break-even \(inputs * out / (inputs + out)) for \(out)×\(inputs); kept as it was")
                continue
            }
            factored += 1
            keptRank += r
            let twin = LowRankCompressedLinear(truncating: svd, rank: r, bias: linear.currentBias())
            outcome.layers.append(linear.replace(with: twin, name: name))
        }
        outcome.metrics["layers_factored"] = Double(factored)
        outcome.metrics["layers_kept_dense"] = Double(dense)
        outcome.metrics["rank_fraction"] = fullRank == 0 ? 1 : Double(keptRank) / Double(fullRank)
        return outcome
    }

    /// The registry entry.
    static let descriptor = VariantDescriptor(
        id: id,
        summary: "Truncated SVD of each weight, W ≈ B·A (rank by ratio or kept energy); two thin GEMMs, factors trainable; layers at or above the break-even rank stay dense.",
        paper: "PELA: Learning Parameter-Efficient Models with Low-Rank Approximation (Guo et al., 2023); Eckart–Young optimality of the truncated SVD",
        parameters: [
            .double("rank_ratio", default: 0, in: 0...1,
                    "ρ: r = max(1, ⌈ρ·min(out, in)⌉); 0 chooses the rank by energy."),
            .double("energy", default: 0.9, in: 0...1,
                    "τ (when rank_ratio is 0): the smallest r with Σ_{i≤r} σ_i² ≥ τ·Σ_i σ_i²."),
            .bool("include_head", default: false, "Factor the output layer too (kept Float32 by default)."),
        ],
        realCost: "real below the break-even rank r·(in+out) < in·out: r·(in+out) parameters and multiply-adds per row, less the thin-GEMM penalty",
        identity: CompressionIdentity(["energy": .double(1)], tolerance: 0), twins: [LowRankCompressedLinear.self],
        factory: .compression(apply))
}
