/// The per-point loss on log residuals `r = log ŷ − log y` that a fit minimizes (summed over points).
public enum Loss: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Huber: `r²/2` for `|r| ≤ δ`, `δ·(|r| − δ/2)` beyond; robust to outlying points.
    case huber(delta: Double)
    /// Plain least squares `r²/2`.
    case squares

    /// Huber with the conventional δ = 1e-3.
    public static let defaultHuber = Loss.huber(delta: 1e-3)

    /// The loss of one residual.
    @inline(__always)
    public func value(_ r: Double) -> Double {
        switch self {
        case .squares: return 0.5 * r * r
        case .huber(let d):
            let a = abs(r)
            return a <= d ? 0.5 * r * r : d * (a - 0.5 * d)
        }
    }

    /// The derivative ψ(r) of the loss of one residual.
    @inline(__always)
    public func derivative(_ r: Double) -> Double {
        switch self {
        case .squares: return r
        case .huber(let d): return Swift.min(Swift.max(r, -d), d)
        }
    }

    /// `huber(δ=…)` or `squares`.
    public var description: String {
        switch self {
        case .squares: return "squares"
        case .huber(let d): return "huber(delta=\(d))"
        }
    }
}
