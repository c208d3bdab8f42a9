/// A layer whose weight matrices are `Linear` layers that compression may replace by their
/// compressed twins. Layers that read their weights directly in fused kernels do not
/// conform: their matrices stay Float32 and are reported as such.
public protocol LinearContainer: AnyObject {
    /// Calls `visit` with the dotted name (as in `visitParameters`) and every compressible
    /// `Linear`, in network order (the order inputs reach them).
    func visitLinears(prefix: String, _ visit: (String, Linear) -> Void)
}

extension LinearContainer {
    /// Every (name, Linear) pair in network order.
    public func namedLinears() -> [(String, Linear)] {
        var out: [(String, Linear)] = []
        visitLinears(prefix: "") { out.append(($0, $1)) }
        return out
    }
}

extension Linear: LinearContainer {
    public func visitLinears(prefix: String, _ visit: (String, Linear) -> Void) { visit(prefix, self) }
}

extension MultiHeadAttention: LinearContainer {
    public func visitLinears(prefix: String, _ visit: (String, Linear) -> Void) {
        visit(qualified(prefix, "qkv"), qkv)
        visit(qualified(prefix, "proj"), proj)
    }
}

extension GELUFeedForward: LinearContainer {
    public func visitLinears(prefix: String, _ visit: (String, Linear) -> Void) {
        visit(qualified(prefix, "fc1"), fc1)
        visit(qualified(prefix, "fc2"), fc2)
    }
}

extension MLPClassifier: LinearContainer {
    public func visitLinears(prefix: String, _ visit: (String, Linear) -> Void) {
        for (i, l) in layers.enumerated() {
            if let linear = l as? Linear { visit(qualified(prefix, "layers.\(i)"), linear) }
        }
    }
}

extension TransformerBlock: LinearContainer {
    public func visitLinears(prefix: String, _ visit: (String, Linear) -> Void) {
        if !mixerDropped { (mixer as? LinearContainer)?.visitLinears(prefix: qualified(prefix, "mixer"), visit) }
        if !ffnDropped { (ffn as? LinearContainer)?.visitLinears(prefix: qualified(prefix, "ffn"), visit) }
    }
}
