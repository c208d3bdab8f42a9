import Configuration
import NN
import Tensor

private let chunkSpec16 = ParameterSpec.int("chunk", default: 16, in: 1...4096, unit: "positions",
                                            "Chunk length C of the chunked training form (T ≤ C is the parallel form).")
private let outputGateSpec = ParameterSpec.bool("output_gate", default: true, "Multiply the normed output by swish(x·W_gᵀ).")

/// GPT-2 style initialization shared by the mixers: N(0, 0.02²) for input projections,
/// N(0, (0.02/√(2L))²) for the output projection that writes into the residual stream.
private func initialize(inputs: [Linear], output: Linear, ctx: LayerContext, rng: inout RNG) {
    for l in inputs { l.initializeNormal(std: 0.02, rng: &rng) }
    output.initializeNormal(std: 0.02 / Float(2 * ctx.depth).squareRoot(), rng: &rng)
}

/// Heads of `ctx`, checked to divide the width.
private func heads(_ ctx: LayerContext, _ id: String) throws -> Int {
    guard ctx.heads > 0, ctx.width % ctx.heads == 0 else {
        throw ParameterError.invalidParameterValue(owner: id, key: "heads", value: String(ctx.heads),
                                                   allowed: "a divisor of the width \(ctx.width)")
    }
    return ctx.heads
}

/// Total key width round(ratio·d), checked to split evenly over the heads.
private func keyWidth(_ v: ParameterValues, _ ctx: LayerContext, _ id: String) throws -> Int {
    let h = try heads(ctx, id)
    let dk = Int((v.double("key_ratio") * Double(ctx.width)).rounded())
    guard dk >= h, dk % h == 0 else {
        throw ParameterError.invalidParameterValue(owner: id, key: "key_ratio", value: String(v.double("key_ratio")),
                                                   allowed: "a ratio giving a key width divisible by \(h) heads (width \(ctx.width))")
    }
    return dk
}

private func gatedLinearAttention(_ v: ParameterValues, _ ctx: LayerContext, _ rng: inout RNG, decay: GatedLinearAttention.Decay,
                                  id: String) throws -> GatedLinearAttention {
    let a = GatedLinearAttention(width: ctx.width, heads: try heads(ctx, id), keyWidth: try keyWidth(v, ctx, id), decay: decay,
                                 outputGate: v.bool("output_gate"), chunk: v.int("chunk"))
    var inputs = [a.qProj, a.kProj, a.vProj]
    if let g = a.gProj { inputs.append(g) }
    if let down = a.gateDown, let up = a.gateUp {
        // the gate starts near α = σ(·)^{1/τ} ≈ 1 with a small data-dependent part
        down.initializeNormal(std: 0.02, rng: &rng)
        up.initializeNormal(std: 0.02, rng: &rng)
    }
    initialize(inputs: inputs, output: a.oProj, ctx: ctx, rng: &rng)
    return a
}

/// The `attn.*` family, in catalogue order.
public let attentionVariants: [VariantDescriptor] = [
    VariantDescriptor(
        id: "attn.softmax",
        summary: "Causal multi-head softmax attention; kv_heads < heads gives grouped- or multi-query attention; optional qk-norm.",
        paper: "Attention Is All You Need (Vaswani et al., 2017); GQA: Training Generalized Multi-Query Transformer Models from Multi-Head Checkpoints (Ainslie et al., 2023); Fast Transformer Decoding: One Write-Head is All You Need (Shazeer, 2019); Small-scale proxies for large-scale Transformer training instabilities (Wortsman et al., 2023)",
        parameters: [
            .int("kv_heads", default: 0, in: 0...4096, unit: "heads",
                 "Key/value heads G, a divisor of the heads (0: as many as query heads, i.e. multi-head)."),
            .bool("qk_norm", default: false, "LayerNorm (learned gain of size d_h shared by heads) on every query and key head."),
        ],
        realCost: "baseline; fewer kv_heads is real: smaller qkv GEMM and a generation cache smaller by H/G (score FLOPs unchanged); qk-norm adds negligible elementwise work",
        parameterCount: attentionParameterCounts["attn.softmax"],
        factory: .tokenMixer { v, ctx, rng in
            let h = try heads(ctx, "attn.softmax")
            let g = v.int("kv_heads") == 0 ? h : v.int("kv_heads")
            guard h % g == 0 else {
                throw ParameterError.invalidParameterValue(owner: "attn.softmax", key: "kv_heads", value: String(g),
                                                           allowed: "0 or a divisor of the \(h) heads")
            }
            let a = MultiHeadAttention(width: ctx.width, heads: h, kvHeads: g, qkNorm: v.bool("qk_norm"), bias: ctx.bias)
            initialize(inputs: [a.qkv], output: a.proj, ctx: ctx, rng: &rng)
            return a
        }),
    VariantDescriptor(
        id: "attn.linear", summary: "Causal linear attention with the elu+1 feature map (running sums, chunked).",
        paper: "Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention (Katharopoulos et al., 2020)",
        parameters: [.int("chunk", default: 64, in: 1...4096, unit: "positions",
                          "Chunk length C of the chunked form (T ≤ C is the parallel form).")],
        realCost: "real: O(T·d_h²) per head instead of O(T²·d_h) — faster than softmax only once T ≫ d_h and T > C; constant-size generation state",
        parameterCount: attentionParameterCounts["attn.linear"],
        factory: .tokenMixer { v, ctx, rng in
            let a = LinearAttention(width: ctx.width, heads: try heads(ctx, "attn.linear"), featureMap: .eluPlusOne,
                                    chunk: v.int("chunk"), bias: ctx.bias)
            initialize(inputs: [a.qkv], output: a.proj, ctx: ctx, rng: &rng)
            return a
        }),
    VariantDescriptor(
        id: "attn.sla", summary: "Simplified linear attention: ReLU kernel plus a causal depthwise convolution on the values.",
        paper: "SLAB: Efficient Transformers with Simplified Linear Attention and Progressive Re-parameterized Batch Normalization (Guo et al., 2024)",
        parameters: [
            .int("chunk", default: 64, in: 1...4096, unit: "positions", "Chunk length C of the chunked form."),
            .int("conv_kernel", default: 4, in: 1...64, unit: "positions", "Causal depthwise convolution length k."),
            .bool("share_conv_across_heads", default: true, "One kernel per head channel shared by all heads (else one per model channel)."),
        ],
        realCost: "real: as attn.linear plus 2·k·d elementwise FLOPs per token for the convolution (not in the GEMM count)",
        parameterCount: attentionParameterCounts["attn.sla"],
        factory: .tokenMixer { v, ctx, rng in
            let a = LinearAttention(width: ctx.width, heads: try heads(ctx, "attn.sla"), featureMap: .relu, chunk: v.int("chunk"),
                                    convKernel: v.int("conv_kernel"), shareConvAcrossHeads: v.bool("share_conv_across_heads"),
                                    bias: ctx.bias)
            initialize(inputs: [a.qkv], output: a.proj, ctx: ctx, rng: &rng)
            // a causal average over the window, so the convolution starts as local smoothing
            if let w = a.convWeight { w.value.fill(1 / Float(v.int("conv_kernel"))) }
            return a
        }),
    VariantDescriptor(
        id: "attn.gla",
        summary: "Gated linear attention: data-dependent per-channel decay (low-rank gate), chunked training form, recurrent generation form.",
        paper: "Gated Linear Attention Transformers with Hardware-Efficient Training (Yang et al., 2024)",
        parameters: [
            chunkSpec16,
            .int("gate_rank", default: 16, in: 1...4096, "Rank of the gate bottleneck W_α1·W_α2."),
            .double("temperature", default: 16, in: 1...1024, "τ in log α = logsigmoid(·)/τ (larger: decay closer to 1)."),
            .double("key_ratio", default: 0.5, in: 0.0625...4, unit: "× width", "Total key width d_k as a fraction of d."),
            outputGateSpec,
        ],
        realCost: "real: linear in T like attn.linear plus the gate projections; the intra-chunk decayed scores are a C×C×d_k loop outside BLAS (not in the GEMM FLOP count) — faster than softmax only at long T",
        parameterCount: attentionParameterCounts["attn.gla"],
        factory: .tokenMixer { v, ctx, rng in
            try gatedLinearAttention(v, ctx, &rng, decay: .learned(rank: v.int("gate_rank"), temperature: Float(v.double("temperature"))),
                                     id: "attn.gla")
        }),
    VariantDescriptor(
        id: "attn.retention", summary: "Retention: the GLA recurrence with a fixed per-head decay γ_h = 1 − 2^(−5−h), no gate parameters.",
        paper: "Retentive Network: A Successor to Transformer for Large Language Models (Sun et al., 2023)",
        parameters: [
            chunkSpec16,
            .double("key_ratio", default: 1, in: 0.0625...4, unit: "× width", "Total key width d_k as a fraction of d."),
            outputGateSpec,
            .choice("decay_schedule", default: "retnet", ["retnet"], "Per-head decays γ_h = 1 − 2^(−5−h)."),
        ],
        realCost: "real: linear in T (all scan products are GEMMs); same profile as attn.gla without the gate",
        parameterCount: attentionParameterCounts["attn.retention"],
        factory: .tokenMixer { v, ctx, rng in
            try gatedLinearAttention(v, ctx, &rng, decay: .retention, id: "attn.retention")
        }),
    VariantDescriptor(
        id: "attn.none", summary: "No token mixing: the mixer outputs zero, so the block is x + FFN(N(x)).",
        paper: "(ablation baseline; no paper)",
        realCost: "real: removes the mixer's FLOPs and parameters entirely",
        parameterCount: attentionParameterCounts["attn.none"],
        factory: .tokenMixer { _, ctx, _ in NoMixer(width: ctx.width) }),
]

/// Analytic parameter counts of the `attn.*` variants from their resolved parameters and
/// context (no layer is built), by id; tests check them against the visitor's count.
let attentionParameterCounts: [String: (ParameterValues, LayerContext) -> Int] = [
    "attn.softmax": { v, c in
        let hd = c.width / c.heads, g = v.int("kv_heads") == 0 ? c.heads : v.int("kv_heads")
        let columns = (c.heads + 2 * g) * hd
        return c.width * columns + c.width * c.width + (c.bias ? columns + c.width : 0) + (v.bool("qk_norm") ? 2 * hd : 0)
    },
    "attn.linear": { _, c in 4 * c.width * c.width + (c.bias ? 4 * c.width : 0) },
    "attn.sla": { v, c in
        let channels = v.bool("share_conv_across_heads") ? c.width / c.heads : c.width
        return 4 * c.width * c.width + (c.bias ? 4 * c.width : 0) + channels * (v.int("conv_kernel") + 1)
    },
    "attn.gla": { v, c in
        let dk = Int((v.double("key_ratio") * Double(c.width)).rounded()), r = v.int("gate_rank")
        return 2 * c.width * dk + (v.bool("output_gate") ? 3 : 2) * c.width * c.width + r * (c.width + dk) + dk + c.width / c.heads
    },
    "attn.retention": { v, c in
        let dk = Int((v.double("key_ratio") * Double(c.width)).rounded())
        return 2 * c.width * dk + (v.bool("output_gate") ? 3 : 2) * c.width * c.width + c.width / c.heads
    },
    "attn.none": { _, _ in 0 },
]
