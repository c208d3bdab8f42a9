/// Maximal-update parametrization for width (Adam rules), relative to a base width d₀:
/// hidden matrices (both dimensions grow with width) get init std × √(d₀/d) and learning
/// rate × d₀/d; the output head starts at zero, its logits are multiplied by d₀/d and its
/// rate is unchanged; embeddings, biases and gains are unchanged. Attention's 1/d_h score
/// rule is the identity when head width is fixed (heads ∝ width), which `ModelSpec` uses.
public struct MuP: Hashable, Sendable {
    /// d₀, the width at which μP and the standard parametrization coincide.
    public var baseWidth: Int

    public init(baseWidth: Int = 64) { self.baseWidth = baseWidth }

    /// m = d/d₀.
    public func widthMultiplier(_ width: Int) -> Float { Float(width) / Float(baseWidth) }

    /// Whether a parameter of `shape` in a block of `width` is a hidden matrix: rank 2 with
    /// both dimensions at least half the width (routers and low-rank factors are not).
    public static func isHiddenMatrix(_ shape: [Int], width: Int) -> Bool {
        shape.count == 2 && shape.allSatisfy { 2 * $0 >= width }
    }
}
