import Configuration

private let uniqueSpec = ParameterSpec.int("unique_blocks", default: 2, in: 1...1024, unit: "blocks", "K distinct blocks looped over the depth.")
private let orderSpec = ParameterSpec.choice("order", default: "cycle", SharingScheme.Order.allCases.map(\.rawValue),
                                             "cycle: 1..K, 1..K, …; block: each block repeated in turn.")
private let sharedNormsSpec = ParameterSpec.bool("shared_norms", default: false, "Share the norms too (default: a norm per layer).")

/// The `arch.*` family, in catalogue order. The model assembler (`DecoderLM`, `ModelSpec`)
/// applies them; `ModelSpec.applying(_:)` turns a resolved entry into the spec's fields.
public let architectureVariants: [VariantDescriptor] = [
    VariantDescriptor(
        id: "arch.transformer",
        summary: "Decoder-only transformer assembled from one norm, placement, mixer and FFN; block options placement and z_loss.",
        paper: "Attention Is All You Need (Vaswani et al., 2017); placements: Mix-LN (Li et al., 2024), The Curse of Depth in Large Language Models (Sun et al., 2025); z-loss: Small-scale proxies for large-scale Transformer training instabilities (Wortsman et al., 2023)",
        parameters: [
            .int("depth", default: 4, in: 1...1024, unit: "layers", "Blocks L."),
            .int("width", default: 64, in: 1...65536, "Model width d."),
            .int("heads", default: 2, in: 1...1024, "Attention heads H (divides d)."),
            .double("ffn_ratio", default: 4, in: 0.01...64, "FFN hidden width ÷ d."),
            .choice("placement", default: "pre", ["pre", "post", "mix", "depth-scaled"], "Where the norms sit."),
            .double("mix_alpha", default: 0.25, in: 0...1, "mix: fraction of layers (the first) that are post-norm."),
            .double("z_loss", default: 0, in: 0...1, "Coefficient c of c·mean (log Z)² (1e-4 typical; 0: off)."),
            .bool("bias", default: true, "Biases in Linear layers and norms."),
        ],
        realCost: "baseline; placement and z-loss change no real cost (depth-scaled adds one scaling per norm)",
        factory: .architecture),
    VariantDescriptor(
        id: "arch.tied", summary: "All layers share one block's weights (ALBERT style); norms per layer unless shared_norms.",
        paper: "ALBERT: A Lite BERT for Self-supervised Learning of Language Representations (Lan et al., 2019)",
        parameters: [sharedNormsSpec],
        realCost: "real in stored bytes (one block instead of L); FLOPs unchanged; training RAM unchanged (per-layer copies hold activations' weights)",
        factory: .architecture),
    VariantDescriptor(
        id: "arch.recursive", summary: "K unique blocks looped to depth L = K·R (order cycle or block).",
        paper: "Relaxed Recursive Transformers: Effective Parameter Sharing with Layer-wise LoRA (Bae et al., 2024)",
        parameters: [uniqueSpec, orderSpec, sharedNormsSpec],
        realCost: "as arch.tied: real in stored bytes, FLOPs unchanged",
        factory: .architecture),
    VariantDescriptor(
        id: "arch.relaxed-recursive", summary: "Recursive blocks plus a per-layer LoRA (rank r) on every shared matrix; r = 0 is arch.recursive.",
        paper: "Relaxed Recursive Transformers: Effective Parameter Sharing with Layer-wise LoRA (Bae et al., 2024)",
        parameters: [uniqueSpec, orderSpec, sharedNormsSpec, .int("lora_rank", default: 8, in: 0...4096, "LoRA rank r.")],
        realCost: "real: r·(in+out) extra parameters per matrix per layer; the LoRA is merged into each layer's weights once per step (2·r·in·out FLOPs per matrix per layer per step), token FLOPs unchanged",
        factory: .architecture),
    VariantDescriptor(
        id: "arch.scale", summary: "Scaling rule mapping a compute factor s to (depth, width, heads): a sweep-axis generator.",
        paper: "Fast and Accurate Model Scaling (Dollár, Singh, Girshick, 2021); Revisiting ResNets: Improved Training and Scaling Strategies (Bello et al., 2021)",
        parameters: [
            .choice("rule", default: "fast", ScalingRule.Rule.allCases.map(\.rawValue), "depth, width, heads, compound or fast."),
            .choice("heads_rule", default: "fixed-dh", ScalingRule.HeadsRule.allCases.map(\.rawValue), "Keep head width or head count fixed."),
            .int("head_width", default: 32, in: 1...4096, "d_h for fixed-dh."),
            .double("fast_exponent", default: 0.8, in: 0...1, "a of the fast rule."),
        ],
        realCost: "changes real cost by design: FLOPs × s; activations ∝ s (depth), √s (width), s^0.6 (fast)",
        factory: .architecture),
    VariantDescriptor(
        id: "arch.mup", summary: "μP for width: hidden-matrix init × √(d₀/d) and Adam rate × d₀/d, logits × d₀/d, zero or N(0, 0.02²) head.",
        paper: "Tensor Programs V: Tuning Large Neural Networks via Zero-Shot Hyperparameter Transfer (Yang et al., 2022)",
        parameters: [
            .int("base_width", default: 64, in: 1...65536, "d₀, where μP equals the standard parametrization."),
            .choice("readout", default: "zero", MuP.Readout.allCases.map(\.rawValue),
                    "Output head init: zero, or normal (N(0, 0.02²) at every width: the standard parametrization at d₀).")
                .omittedAtDefault(),
        ],
        realCost: "none: same FLOPs and bytes",
        factory: .architecture),
    VariantDescriptor(
        id: "arch.embedding-scale", summary: "A learnable scalar, initialized to √d, multiplies the embedding output (DyT's LLaMA recipe).",
        paper: "Transformers without Normalization (Zhu et al., 2025)",
        realCost: "none: one scaling of the embedding output",
        factory: .architecture),
]

extension ModelSpec {
    /// The spec with an `arch.*` entry applied: sharing (`arch.tied`, `arch.recursive`,
    /// `arch.relaxed-recursive`), μP (`arch.mup`), block options (`arch.transformer`), the
    /// embedding scale (`arch.embedding-scale`).
    /// `arch.scale` is a sweep axis: use `ScalingRule`.
    public func applying(_ v: ResolvedVariant) -> ModelSpec {
        var s = self
        let p = v.values
        switch v.descriptor.id {
        case "arch.transformer":
            s.depth = p.int("depth"); s.width = p.int("width"); s.heads = p.int("heads")
            s.ffnRatio = p.double("ffn_ratio"); s.bias = p.bool("bias"); s.zLoss = p.double("z_loss")
            switch p.string("placement") {
            case "post": s.placement = .post
            case "mix": s.placement = .mix(alpha: p.double("mix_alpha"))
            case "depth-scaled": s.placement = .depthScaled
            default: s.placement = .pre
            }
        case "arch.tied":
            s.sharing = .recursive(unique: 1, order: .cycle, loraRank: 0, sharedNorms: p.bool("shared_norms"))
        case "arch.recursive", "arch.relaxed-recursive":
            s.sharing = .recursive(unique: p.int("unique_blocks"), order: SharingScheme.Order(rawValue: p.string("order"))!,
                                   loraRank: v.descriptor.id == "arch.recursive" ? 0 : p.int("lora_rank"),
                                   sharedNorms: p.bool("shared_norms"))
        case "arch.mup":
            s.mup = MuP(baseWidth: p.int("base_width"), readout: MuP.Readout(rawValue: p.string("readout"))!)
        case "arch.embedding-scale":
            s.embeddingScale = true
        default:
            break
        }
        return s
    }
}
