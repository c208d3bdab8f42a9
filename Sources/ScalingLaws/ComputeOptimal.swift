import Foundation

/// Compute-optimal allocation for `L(N, D) = E + A/N^α + B/D^β` under `C = k·N·D`:
/// the N and D that minimize loss at a fixed compute budget, and what follows from them.
public struct ComputeOptimal: Sendable, Equatable {
    /// Coefficient of the parameter term.
    public let A: Double
    /// Coefficient of the data term.
    public let B: Double
    /// Irreducible loss.
    public let E: Double
    /// Parameter exponent.
    public let alpha: Double
    /// Data exponent.
    public let beta: Double
    /// The cost model.
    public let cost: TrainingCost

    /// The allocation for one fitted law.
    public init(A: Double, B: Double, E: Double, alpha: Double, beta: Double, cost: TrainingCost = TrainingCost()) {
        self.A = A; self.B = B; self.E = E; self.alpha = alpha; self.beta = beta; self.cost = cost
    }

    /// `G = (αA/(βB))^{1/(α+β)}`.
    public var G: Double { pow(alpha * A / (beta * B), 1 / (alpha + beta)) }
    /// `p_N = β/(α+β)`: N_opt ∝ C^{p_N}.
    public var exponentN: Double { beta / (alpha + beta) }
    /// `p_D = α/(α+β)`: D_opt ∝ C^{p_D}.
    public var exponentD: Double { alpha / (alpha + beta) }

    private func nd(_ c: Double) -> Double { c / cost.flopsPerParameterToken }

    /// The loss-minimizing parameter count at compute C.
    public func optimalN(compute c: Double) -> Double { G * pow(nd(c), exponentN) }
    /// The loss-minimizing token count at compute C.
    public func optimalD(compute c: Double) -> Double { pow(nd(c), exponentD) / G }
    /// Optimal tokens per parameter `D_opt/N_opt` at compute C.
    public func tokensPerParameter(compute c: Double) -> Double { optimalD(compute: c) / optimalN(compute: c) }

    /// `A·G^{−α} + B·G^{β}`: the reducible loss at `C/k = 1` along the frontier.
    private var frontierCoefficient: Double { A * pow(G, -alpha) + B * pow(G, beta) }
    /// The exponent `αβ/(α+β)` of the reducible loss along the frontier.
    public var frontierExponent: Double { alpha * beta / (alpha + beta) }

    /// The lowest loss reachable with compute C.
    public func optimalLoss(compute c: Double) -> Double {
        E + frontierCoefficient * pow(nd(c), -frontierExponent)
    }

    /// The compute needed to bring the reducible loss `L − E` down to `reducible` (> 0).
    public func compute(forReducibleLoss reducible: Double) -> Double {
        cost.flopsPerParameterToken * pow(reducible / frontierCoefficient, -1 / frontierExponent)
    }

    /// The data-optimal D for a model of N parameters (the D the frontier pairs with N).
    public func optimalD(parameters n: Double) -> Double {
        pow(G, -(1 + exponentD / exponentN)) * pow(n, exponentD / exponentN)
    }
}
