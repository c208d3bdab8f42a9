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
        identity: CompressionIdentity(["sparsity": .double(0)], tolerance: 1e-4),
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
        identity: CompressionIdentity(["sparsity": .double(0)], tolerance: 1e-4),
        factory: .compression { v, context in
            try UnstructuredPruning.prune(context, id: "compress.prune.wanda", sparsity: v.double("sparsity"), score: .wanda,
                                          scope: .layer, targets: try targets("compress.prune.wanda", v, context))
        }),
]

/// The Linears an unstructured method prunes under its `include_head` and `layers` options.
private func targets(_ id: String, _ v: ParameterValues, _ context: CompressionContext) throws -> [(name: String, linear: Linear)] {
    try UnstructuredPruning.targets(context, id: id, includeHead: v.bool("include_head"),
                                    selection: LayerSelection(rawValue: v.string("layers"))!)
}
