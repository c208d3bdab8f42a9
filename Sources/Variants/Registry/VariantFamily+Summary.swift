extension VariantFamily {
    /// One line: what the family's variants change and where a suite names them.
    public var summary: String {
        switch self {
        case .norm:
            return "Normalization layers: how each block normalizes its input (suite key `model.norm`)."
        case .attn:
            return "Token mixers: how a block mixes information across positions, softmax attention and its linear and recurrent replacements (suite key `model.mixer`)."
        case .ffn:
            return "Feed-forward layers: each block's per-token channel mixer, dense, structured or mixture-of-experts (suite key `model.ffn`)."
        case .arch:
            return "Architecture variants the model assembler applies: weight sharing across layers, scaling rules and parametrizations (suite key `model.arch`, a list)."
        case .compress:
            return "Compression methods applied to a trained model: quantization, pruning and sublayer removal, factorizations, clustering, then recovery steps (suite key `compression`, pipelines of stages)."
        case .merge:
            return "Model merging (reserved: no variant is registered yet)."
        }
    }
}
