import Foundation

/// The mode sizes of a matrix-product operator (tensor-train matrix) for a W [out, in]:
/// `in ≤ ∏_k n_k`, `out ≤ ∏_k m_k` (padded with zero rows and columns where a dimension does
/// not factor evenly), and the bond ranks `r_0 = 1, r_1 … r_{K−1}, r_K = 1`.
///
/// Index convention: the input index j = (j₁ … j_K) and the output index i = (i₁ … i_K) are
/// mixed-radix numbers with the first mode most significant; core k couples (i_k, j_k).
public struct TensorTrainShape: Equatable, Sendable {
    /// n_k, the input mode sizes.
    public var inFactors: [Int]
    /// m_k, the output mode sizes.
    public var outFactors: [Int]
    /// r_0 … r_K (K + 1 entries, first and last 1).
    public var ranks: [Int]

    public init(inFactors: [Int], outFactors: [Int], ranks: [Int]) {
        precondition(inFactors.count == outFactors.count && ranks.count == inFactors.count + 1,
                     "TT shape: \(inFactors.count) input modes, \(outFactors.count) output modes, \(ranks.count) ranks")
        precondition(ranks.first == 1 && ranks.last == 1, "TT shape: boundary ranks must be 1, got \(ranks)")
        self.inFactors = inFactors
        self.outFactors = outFactors
        self.ranks = ranks
    }

    /// K, the number of cores.
    public var cores: Int { inFactors.count }
    /// ∏ n_k (≥ the layer's inputs).
    public var paddedIn: Int { inFactors.reduce(1, *) }
    /// ∏ m_k (≥ the layer's outputs).
    public var paddedOut: Int { outFactors.reduce(1, *) }

    /// Scalars in core k: r_{k−1}·m_k·n_k·r_k.
    public func coreCount(_ k: Int) -> Int { ranks[k] * outFactors[k] * inFactors[k] * ranks[k + 1] }

    /// Σ_k r_{k−1}·m_k·n_k·r_k.
    public var parameterCount: Int { (0..<cores).reduce(0) { $0 + coreCount($1) } }

    /// Multiply-adds ×2 per input row of the left-to-right contraction `TensorTrainLinear`
    /// runs: core k is a GEMM of [m_k·r_k, r_{k−1}·n_k] against the state for every
    /// (i₁ … i_{k−1}) and every (j_{k+1} … j_K).
    public var forwardFLOPsPerRow: Int {
        var total = 0
        for k in 0..<cores {
            let before = outFactors[..<k].reduce(1, *), after = inFactors[(k + 1)...].reduce(1, *)
            total += 2 * before * after * coreCount(k)
        }
        return total
    }

    /// The K mode sizes of `d`: the most even factorization (smallest largest factor) of the
    /// smallest `d' ≥ d` whose largest factor is at most `2·⌈d'^{1/K}⌉` (a prime d is padded),
    /// in increasing order.
    public static func factors(of d: Int, count k: Int) -> [Int] {
        precondition(d >= 1 && k >= 1)
        var padded = d
        while true {
            let best = evenest(padded, k)
            let root = Int((pow(Double(padded), 1 / Double(k)) - 1e-9).rounded(.up))
            if best.max()! <= 2 * max(root, 1) { return best }
            padded += 1
        }
    }

    /// The factorization of `d` into `k` non-decreasing factors with the smallest largest factor.
    private static func evenest(_ d: Int, _ k: Int) -> [Int] {
        if k == 1 { return [d] }
        var best: [Int]?
        var f = 1
        while f * f <= d {
            if d % f == 0 {
                let rest = evenest(d / f, k - 1)
                if rest.first! >= f, best == nil || rest.last! < best!.last! { best = [f] + rest }
            }
            f += 1
        }
        return best ?? [Int](repeating: 1, count: k - 1) + [d]
    }

    /// The shape for W [out, in] with K cores and full bond ranks (before truncation): input
    /// modes in decreasing order and output modes in increasing order, so that the core sizes
    /// m_k·n_k come out about equal.
    public static func modes(inFeatures: Int, outFeatures: Int, cores k: Int) -> (inFactors: [Int], outFactors: [Int]) {
        (Array(factors(of: inFeatures, count: k).reversed()), factors(of: outFeatures, count: k))
    }
}
