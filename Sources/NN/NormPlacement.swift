/// Where a transformer block's two norms sit relative to its residual connections.
public enum NormPlacement: Equatable, Sendable {
    /// Pre-norm: `r = x + mixer(s·norm1(x))`, `y = r + ffn(s·norm2(r))`. `s = 1` is the
    /// standard block; `s = 1/√ℓ` in layer ℓ is LayerNorm scaling (*The Curse of Depth*).
    case pre(scale: Float)
    /// Post-norm (the original Transformer): `r = norm1(x + mixer(x))`, `y = norm2(r + ffn(r))`.
    case post

    /// The standard pre-norm block.
    public static let standard = NormPlacement.pre(scale: 1)
}
