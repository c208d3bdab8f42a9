import Foundation

/// `arch.scale`: maps a compute factor s (FLOPs per token × s) to a model shape; a sweep
/// axis is the list of specs for a list of factors.
public struct ScalingRule: Hashable, Sendable {
    /// How depth and width grow with s.
    public enum Rule: String, CaseIterable, Sendable {
        case depth, width, heads, compound, fast
    }
    /// How heads follow width.
    public enum HeadsRule: String, CaseIterable, Sendable {
        /// d_h fixed (H = d/d_h).
        case fixedHeadWidth = "fixed-dh"
        /// H fixed.
        case fixedHeads = "fixed-H"
    }

    public var rule: Rule
    public var headsRule: HeadsRule
    /// Head width for `fixed-dh`; the width is rounded to a multiple of it.
    public var headWidth: Int
    /// The `fast` rule's exponent a (depth × s^{1−a}, width × s^{a/2}).
    public var fastExponent: Double
    /// A rule; the `heads` rule multiplies H by s at fixed width (kept a divisor of d).
    public init(rule: Rule, headsRule: HeadsRule = .fixedHeadWidth, headWidth: Int = 32, fastExponent: Double = 0.8) {
        self.rule = rule
        self.headsRule = headsRule
        self.headWidth = headWidth
        self.fastExponent = fastExponent
    }

    /// The base spec scaled by compute factor `s` (> 0).
    public func apply(_ s: Double, to base: ModelSpec) -> ModelSpec {
        precondition(s > 0, "scale factor must be positive")
        var spec = base
        let (depthFactor, widthFactor): (Double, Double)
        switch rule {
        case .depth: (depthFactor, widthFactor) = (s, 1)
        case .width: (depthFactor, widthFactor) = (1, s.squareRoot())
        case .heads: (depthFactor, widthFactor) = (1, 1)
        case .compound: (depthFactor, widthFactor) = (Foundation.pow(s, 1.0 / 3), Foundation.pow(s, 1.0 / 3))
        case .fast: (depthFactor, widthFactor) = (Foundation.pow(s, 1 - fastExponent), Foundation.pow(s, fastExponent / 2))
        }
        spec.depth = max(1, Int((Double(base.depth) * depthFactor).rounded()))
        let unit = headsRule == .fixedHeadWidth ? headWidth : base.heads
        spec.width = max(unit, Int((Double(base.width) * widthFactor / Double(unit)).rounded()) * unit)
        switch (rule, headsRule) {
        case (.heads, _):
            // Heads change, width does not: H × s, kept a divisor of d.
            var h = max(1, Int((Double(base.heads) * s).rounded()))
            while spec.width % h != 0 { h -= 1 }
            spec.heads = h
        case (_, .fixedHeadWidth): spec.heads = spec.width / headWidth
        case (_, .fixedHeads): spec.heads = base.heads
        }
        return spec
    }

    /// The sweep axis: one spec per factor.
    public func axis(_ factors: [Double], base: ModelSpec) -> [ModelSpec] { factors.map { apply($0, to: base) } }
}
