import Configuration
import NN
import Tensor

/// `compress.tt`: every chosen Linear's weight (as it currently acts) becomes a
/// matrix-product operator by TT-SVD (`TensorTrainLinear(decomposing:…)`) with K `cores` and
/// bond dimension at most χ (`bond`), optionally truncated further by kept `energy` per
/// unfolding. A layer whose cores would hold at least as many scalars as its dense matrix
/// keeps its weight (noted in the outcome), as `compress.lowrank.svd` does above break-even.
/// The cores are trainable (healing by `compress.recover.distill`). Tucker and CP forms are
/// not implemented.
enum TensorTrainCompression {
    /// The method's id.
    static let id = "compress.tt"

    /// Applies the method with resolved `values` to `context`'s model.
    static func apply(_ values: ParameterValues, _ context: CompressionContext) throws -> CompressionOutcome {
        let count = values.int("cores"), bond = values.int("bond"), energy = values.double("energy")
        var outcome = CompressionOutcome(speed: .measured)
        var factored = 0, dense = 0, maxRank = 0, flops = 0, denseFlops = 0
        for (name, linear) in context.linears(includeHead: values.bool("include_head")) {
            let w = linear.currentWeight()
            let twin = TensorTrainLinear(decomposing: w, bias: linear.currentBias(), cores: count, maxBond: bond, energy: energy)
            let shape = twin.shape
            outcome.metrics["parameters.\(name)"] = Double(shape.parameterCount)
            if shape.parameterCount >= w.count {
                dense += 1
                outcome.notes.append("\(name): \(shape.parameterCount) core scalars (modes out \(shape.outFactors), in \(shape.inFactors), ranks \(shape.ranks)) ≥ \(w.count) dense; kept as it was")
                continue
            }
            factored += 1
            maxRank = max(maxRank, shape.ranks.max()!)
            flops += shape.forwardFLOPsPerRow
            denseFlops += 2 * w.count
            outcome.layers.append(linear.replace(with: twin, name: name))
        }
        outcome.metrics["layers_factored"] = Double(factored)
        outcome.metrics["layers_kept_dense"] = Double(dense)
        outcome.metrics["max_bond"] = Double(maxRank)
        outcome.metrics["flops_per_row"] = Double(flops)
        outcome.metrics["dense_flops_per_row"] = Double(denseFlops)
        return outcome
    }

    /// The registry entry.
    static let descriptor = VariantDescriptor(
        id: id,
        summary: "Tensor-train / MPO decomposition of each weight (TT-SVD over K cores, bond χ), inference by contracting the cores (one GEMM each); cores trainable.",
        paper: "CompactifAI: Extreme Compression of Large Language Models using Quantum-Inspired Tensor Networks (Tomut et al., 2024); Tensorizing Neural Networks (Novikov et al., 2015); Tensor-Train Decomposition (Oseledets, 2011)",
        parameters: [
            .int("cores", default: 2, in: 2...6, "K: in and out are each factored into K modes as evenly as possible (padded when they do not factor)."),
            .int("bond", default: 16, in: 1...65_536, "χ: the largest bond rank r_k."),
            .double("energy", default: 1, in: 0...1,
                    "τ: each unfolding also keeps only the smallest rank with Σ_{i≤r} σ_i² ≥ τ·Σσ² (1: χ alone decides)."),
            .bool("include_head", default: false, "Decompose the output layer too (kept Float32 by default)."),
        ],
        realCost: "parameters real (Σ r_{k−1}·m_k·n_k·r_k per layer); latency measured on the contraction kernel, K GEMM stages plus two transposes, slower than dense BLAS at widths ≤ 256",
        identity: CompressionIdentity(["bond": .int(65_536)], tolerance: 0), twins: [TensorTrainLinear.self],
        factory: .compression(apply))
}
