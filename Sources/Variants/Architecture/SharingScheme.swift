/// How the blocks of a model share weights (`arch.tied`, `arch.recursive`,
/// `arch.relaxed-recursive`). Norms stay per layer unless `sharedNorms`.
public enum SharingScheme: Hashable, Sendable {
    /// The order in which K unique blocks fill L layers.
    public enum Order: String, Hashable, Sendable, CaseIterable {
        /// 1..K, 1..K, …
        case cycle
        /// each block repeated R times in turn: 1, 1, …, 2, 2, …
        case block
    }

    /// Every layer has its own weights.
    case none
    /// K unique blocks looped over L = K·R layers; K = 1 is ALBERT-style tying. With
    /// `loraRank` r > 0 each layer's matrices are `W_shared + B_ℓ·A_ℓ` (relaxed recursion).
    case recursive(unique: Int, order: Order, loraRank: Int, sharedNorms: Bool)

    /// The unique block used by layer `index` of `depth`.
    public func uniqueIndex(layer index: Int, depth: Int) -> Int {
        switch self {
        case .none: return index
        case .recursive(let k, let order, _, _):
            switch order {
            case .cycle: return index % k
            case .block: return min(index / max(depth / k, 1), k - 1)
            }
        }
    }

    /// The number of distinct blocks for `depth` layers.
    public func uniqueBlocks(depth: Int) -> Int {
        switch self {
        case .none: return depth
        case .recursive(let k, _, _, _): return min(k, depth)
        }
    }
}
