import Configuration
import NN

private let includeHead = ParameterSpec.bool("include_head", default: false, "Prune the output layer (LM head, classifier output) too.")
private let layerSelection = ParameterSpec.choice("layers", default: "all", LayerSelection.allCases.map(\.rawValue),
                                                  "Which Linears of a transformer: all, only the token mixers', or only the feed-forwards'.")
private let sparseCost = "bytes real (CSR or bitmask + values, whichever is smaller); the sparse kernel beats dense BLAS only at density ≤ 10% here, so speed is simulated above that"

/// The pruning methods, in the order `ablate list variants` shows them.
let pruningVariants: [VariantDescriptor] = [
    VariantDescriptor(
        id: "compress.prune.magnitude", summary: "Unstructured magnitude pruning (per layer or one global threshold), stored sparse.",
        paper: "Learning both Weights and Connections for Efficient Neural Networks (Han et al., 2015)",
        parameters: [
            .double("sparsity", default: 0.5, in: 0...0.999, unit: "fraction", "Fraction s of the weights removed (the round(s·n) smallest |W|)."),
            .choice("scope", default: "layer", PruningScope.allCases.map(\.rawValue),
                    "layer: fraction s of every matrix; global: one threshold over all pruned matrices."),
            includeHead, layerSelection,
        ],
        realCost: sparseCost,
        identity: CompressionIdentity(["sparsity": .double(0)], tolerance: 1e-4), twins: [SparseLinear.self],
        factory: .compression { v, context in
            try UnstructuredPruning.prune(context, id: "compress.prune.magnitude", sparsity: v.double("sparsity"), score: .magnitude,
                                          scope: PruningScope(rawValue: v.string("scope"))!,
                                          targets: try targets("compress.prune.magnitude", v, context))
        }),
    VariantDescriptor(
        id: "compress.prune.wanda", summary: "Unstructured pruning by |W_ij|·‖X_j‖₂ per output row from calibration activations, stored sparse.",
        paper: "A Simple and Effective Pruning Approach for Large Language Models (Sun et al., 2023)",
        parameters: [
            .double("sparsity", default: 0.5, in: 0...0.999, unit: "fraction", "Fraction s of each row removed (the round(s·in) lowest scores)."),
            includeHead, layerSelection,
        ],
        realCost: sparseCost,
        identity: CompressionIdentity(["sparsity": .double(0)], tolerance: 1e-4), twins: [SparseLinear.self],
        factory: .compression { v, context in
            try UnstructuredPruning.prune(context, id: "compress.prune.wanda", sparsity: v.double("sparsity"), score: .wanda,
                                          scope: .layer, targets: try targets("compress.prune.wanda", v, context))
        }),
    VariantDescriptor(
        id: "compress.prune.nm", summary: "N:M semi-structured sparsity (2:4 by default): kept values plus a packed pattern index per group.",
        paper: "Learning N:M Fine-grained Structured Sparse Neural Networks From Scratch (Zhou et al., 2021); MaskLLM: Learnable Semi-Structured Sparsity for Large Language Models (Fang et al., 2024)",
        parameters: [
            .int("n", default: 2, in: 1...16, "Weights kept per group."),
            .int("m", default: 4, in: 1...16, "Group length M (consecutive inputs of a row); n ≤ m."),
            .choice("score", default: "magnitude", PruningScore.allCases.map(\.rawValue), "magnitude: |W|; wanda: |W|·‖X_j‖₂."),
            includeHead, layerSelection,
        ],
        realCost: "bytes real (N/M of the values + ⌈log₂ C(M,N)⌉ bits per group); the sparse kernel cannot beat dense BLAS at 2:4, so speed is simulated",
        identity: CompressionIdentity(["n": .int(4), "m": .int(4)], tolerance: 1e-4), twins: [NMSparseLinear.self],
        factory: .compression { v, context in
            try UnstructuredPruning.pruneNM(context, id: "compress.prune.nm", n: v.int("n"), m: v.int("m"),
                                            score: PruningScore(rawValue: v.string("score"))!,
                                            targets: try targets("compress.prune.nm", v, context))
        }),
    structured("compress.prune.neurons", units: "FFN neurons (GELU MLP fc1 rows + fc2 columns, SwiGLU w1/w3 rows + w2 columns; hidden units of an MLP classifier)") {
        StructuredPruning.neuronLayers($0)
    },
    structured("compress.prune.heads", units: "attention heads (key/value groups under grouped-query attention: qkv rows, proj columns)") {
        StructuredPruning.headLayers($0)
    },
    dropping(.attention), dropping(.mlp), dropping(.block),
]

/// The Linears an unstructured method prunes under its `include_head` and `layers` options.
private func targets(_ id: String, _ v: ParameterValues, _ context: CompressionContext) throws -> [(name: String, linear: Linear)] {
    try UnstructuredPruning.targets(context, id: id, includeHead: v.bool("include_head"),
                                    selection: LayerSelection(rawValue: v.string("layers"))!)
}

/// A FLAP-style structured pruning entry over the units `layers` finds.
private func structured(_ id: String, units: String, layers: @escaping (CompressibleModel) -> [PrunableUnits]) -> VariantDescriptor {
    VariantDescriptor(
        id: id, summary: "Structured pruning of \(units) by fluctuation score with bias compensation: a smaller dense model.",
        paper: "Fluctuation-based Adaptive Structured Pruning for Large Language Models (An et al., 2024)",
        parameters: [
            .double("ratio", default: 0.25, in: 0...0.99, unit: "fraction", "Fraction of the units removed (at least one kept per layer)."),
            .choice("ratio_mode", default: "uniform", RatioMode.allCases.map(\.rawValue),
                    "uniform: the same share per layer; adaptive: scores standardized per layer, one global threshold."),
            .choice("score", default: "fluctuation", UnitScore.allCases.map(\.rawValue),
                    "fluctuation: Var(X_c)·‖W_out[:, c]‖² summed over a unit's channels; weight-activation: Σ|W_out|·‖X_c‖ (baseline)."),
            .bool("bias_compensation", default: true, "Add the removed units' mean contribution W_out[:, P]·mean(X_P) to the output bias."),
        ],
        realCost: "real: smaller dense GEMMs (parameters, FLOPs and latency fall with the removed share)",
        identity: CompressionIdentity(["ratio": .double(0)], tolerance: 0), twins: [DenseLinear.self],
        factory: .compression { v, context in
            let found = layers(context.model)
            guard !found.isEmpty else { throw CompressionError.notApplicable(id, "the model has no \(units)") }
            return try StructuredPruning.prune(context, id: id, layers: found, ratio: v.double("ratio"),
                                               mode: RatioMode(rawValue: v.string("ratio_mode"))!,
                                               score: UnitScore(rawValue: v.string("score"))!, compensate: v.bool("bias_compensation"))
        })
}

/// A sublayer-dropping entry.
private func dropping(_ kind: SublayerKind) -> VariantDescriptor {
    let what = ["attention": "attention sublayers", "mlp": "MLP sublayers", "block": "whole blocks"][kind.rawValue]!
    return VariantDescriptor(
        id: "compress.drop.\(kind.rawValue)", summary: "Removes the \(what) whose output is most similar to their input (1 − mean cos on calibration tokens).",
        paper: "What Matters in Transformers? Not All Attention is Needed (He et al., 2024)",
        parameters: [
            .int("count", default: 1, in: 0...1024, "Number k of \(what) removed (the k least important)."),
            .bool("iterative", default: false, "Re-rank after each removal instead of once."),
        ],
        realCost: "real: the removed sublayers' GEMMs (and attention's cache) disappear",
        identity: CompressionIdentity(["count": .int(0)], tolerance: 0),
        factory: .compression { v, context in
            try SublayerDropping.drop(context, id: "compress.drop.\(kind.rawValue)", kind: kind, count: v.int("count"),
                                      iterative: v.bool("iterative"))
        })
}
