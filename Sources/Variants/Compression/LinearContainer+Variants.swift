import NN

// The registry's layers whose matrices are plain `Linear` layers called through `forward`.
// Gated linear attention fuses its projections (reads the weights directly) and the
// structured feed-forwards store their own factors: their matrices stay Float32.

extension SwiGLUFeedForward: LinearContainer {
    public func visitLinears(prefix: String, _ visit: (String, Linear) -> Void) {
        visit(qualified(prefix, "w1"), w1)
        visit(qualified(prefix, "w3"), w3)
        visit(qualified(prefix, "w2"), w2)
    }
}

extension LinearAttention: LinearContainer {
    public func visitLinears(prefix: String, _ visit: (String, Linear) -> Void) {
        visit(qualified(prefix, "qkv"), qkv)
        visit(qualified(prefix, "proj"), proj)
    }
}

extension MixtureOfExperts: LinearContainer {
    /// The experts' matrices; the router stays Float32 (it is tiny and decides the routing).
    public func visitLinears(prefix: String, _ visit: (String, Linear) -> Void) {
        for (i, e) in experts.enumerated() {
            (e as? LinearContainer)?.visitLinears(prefix: qualified(prefix, "experts.\(i)"), visit)
        }
    }
}

extension DecoderLM: LinearContainer {
    /// The blocks' matrices in order, then the output head.
    public func visitLinears(prefix: String, _ visit: (String, Linear) -> Void) {
        for (i, b) in blocks.enumerated() { b.visitLinears(prefix: qualified(prefix, "blocks.\(i)"), visit) }
        visit(qualified(prefix, "head"), head)
    }
}
