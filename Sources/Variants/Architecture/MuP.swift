/// Maximal-update parametrization for width (Adam rules), relative to a base width d₀:
/// hidden matrices (both dimensions grow with width) get init std × √(d₀/d) and learning
/// rate × d₀/d; the output head's logits are multiplied by d₀/d, its rate is unchanged and
/// its init is the `readout`'s; embeddings, biases and gains are unchanged. Attention's 1/d_h
/// score rule is the identity when head width is fixed (heads ∝ width), which `ModelSpec` uses.
public struct MuP: Hashable, Sendable {
    /// How the output head starts.
    ///
    /// μP asks for readout weights whose effective variance is ∝ 1/fan_in² (Tensor Programs V,
    /// table 3). The logits are W·x/m with m = d/d₀, so drawing the stored W from N(0, σ²) with
    /// the standard parametrization's σ at every width gives an effective std σ/m = σ·d₀/d:
    /// ∝ 1/fan_in as required, and exactly the standard parametrization at d = d₀ (m = 1).
    public enum Readout: String, Sendable, CaseIterable {
        /// All zeros: the logits start at 0 at every width (the body gets no gradient at the
        /// first step, a slow start in short runs).
        case zero
        /// N(0, σ²) with the standard parametrization's σ (0.02) at every width.
        case normal
    }

    /// d₀, the width at which μP and the standard parametrization coincide (for `normal`).
    public var baseWidth: Int
    /// The output head's initialization.
    public var readout: Readout

    public init(baseWidth: Int = 64, readout: Readout = .zero) {
        self.baseWidth = baseWidth
        self.readout = readout
    }

    /// m = d/d₀.
    public func widthMultiplier(_ width: Int) -> Float { Float(width) / Float(baseWidth) }

    /// Whether a parameter of `shape` in a block of `width` is a hidden matrix: rank 2 with
    /// both dimensions at least half the width (routers and low-rank factors are not).
    public static func isHiddenMatrix(_ shape: [Int], width: Int) -> Bool {
        shape.count == 2 && shape.allSatisfy { 2 * $0 >= width }
    }
}
