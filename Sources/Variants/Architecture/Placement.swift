import NN

/// Where every block's norms sit (the block option `placement`).
public enum Placement: Hashable, Sendable {
    /// Pre-norm in every layer, and a final norm before the head (the default).
    case pre
    /// Post-norm in every layer, no final norm.
    case post
    /// Mix-LN: the first ⌊α·L⌋ layers post-norm, the rest pre-norm.
    case mix(alpha: Double)
    /// LayerNorm scaling: pre-norm with each norm output scaled by 1/√ℓ in layer ℓ (1-based).
    case depthScaled

    /// The block placement of layer `index` (0-based) of `depth`.
    public func blockPlacement(layer index: Int, depth: Int) -> NormPlacement {
        switch self {
        case .pre: return .standard
        case .post: return .post
        case .mix(let alpha): return index < Int((alpha * Double(depth)).rounded(.down)) ? .post : .standard
        case .depthScaled: return .pre(scale: 1 / Float(index + 1).squareRoot())
        }
    }

    /// Whether the model ends with a final norm before the head (when the last layer is pre-norm).
    public func hasFinalNorm(depth: Int) -> Bool {
        blockPlacement(layer: depth - 1, depth: depth) != .post
    }

    /// The option's name as suites write it.
    public var name: String {
        switch self {
        case .pre: return "pre"
        case .post: return "post"
        case .mix: return "mix"
        case .depthScaled: return "depth-scaled"
        }
    }
}
