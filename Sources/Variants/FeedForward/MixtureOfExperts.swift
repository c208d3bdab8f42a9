import Foundation
import NN
import Tensor

/// A mixture of expert FFNs with top-k softmax routing (dropless, or with a capacity factor)
/// and a load-balancing loss.
///
/// x [B, T, d] → logits z = x·W_rᵀ [n, E], p = softmax(z); each token goes to its k most
/// probable experts K with gates gᵢ = pᵢ/Σ_{j∈K} pⱼ (k > 1) or gᵢ = pᵢ (k = 1, Switch);
/// y = Σ_{i∈K kept} gᵢ·FFNᵢ(x). Each expert runs once on the rows routed to it (gathered).
/// With a capacity factor each expert serves at most `capacity(tokens:)` slots of the
/// micro-batch (`keptSlots`); a dropped slot adds nothing (the token keeps its residual) and
/// the kept gates are not renormalized.
/// `auxiliaryLoss` = c·E·Σ_G (n_G/n)·Σᵢ fᵢ^G·Pᵢ^G (fᵢ: fraction of routing slots, a constant;
/// Pᵢ: mean router probability) plus the optional router z-loss c_z·mean (logsumexp z)²;
/// `backward` adds both gradients.
public final class MixtureOfExperts: FeedForward {
    /// Which tokens share one load count f.
    public enum BalancingScope: String, Sendable, CaseIterable {
        /// Each sequence separately.
        case sequence
        /// The whole micro-batch of this forward.
        case microBatch = "micro-batch"
        /// The whole optimizer step: f from `globalLoad` when set (else this micro-batch).
        case global
    }

    /// Router d → E, no bias.
    public let router: Linear
    /// The E experts.
    public let experts: [FeedForward]
    public let width: Int
    /// Experts per token k.
    public let topK: Int
    /// Load-balancing coefficient c.
    public let balanceCoefficient: Float
    /// Router z-loss coefficient c_z (0: off).
    public let zLossCoefficient: Float
    public let scope: BalancingScope
    /// Capacity factor cf (0: dropless): each expert serves at most ⌈cf·k·n/E⌉ routing slots of
    /// a forward's n tokens.
    public let capacityFactor: Double
    /// Fractions fᵢ of routing slots over the whole optimizer step, for `global` scope: set it
    /// from the summed `routedCounts` of every micro-batch before the forward passes.
    public var globalLoad: [Float]?

    /// The weighted load-balancing plus z-loss of the last forward.
    public private(set) var auxiliaryLoss: Float = 0
    /// The load-balancing term alone (weighted by c) of the last forward.
    public private(set) var balanceLoss: Float = 0
    /// Fraction of routing slots each expert was chosen for in the last forward, before any
    /// drop [E].
    public private(set) var expertLoad: [Float]
    /// Mean entropy (nats) of the router distribution over the last forward's tokens.
    public private(set) var routerEntropy: Float = 0
    /// Fraction of the last forward's routing slots dropped for capacity (0 when dropless).
    public private(set) var droppedFraction: Float = 0
    /// Whether forward passes gather `takeInternals` statistics.
    public var recordsInternals = false
    var internals = InternalsAverage()

    private var probabilities = Buffer()
    private var output = Buffer()
    private var inputGrad = Buffer()
    private var logitGrad = Buffer()
    private var gathered: [Buffer]
    private var expertOutGrad: [Buffer]
    private var expertOutputs: [Tensor?]
    private var rowsOf: [[Int]]      // per expert, the (token·k + slot) routing slots it serves
    private var chosen: [Int] = []   // [n, k] expert indices
    private var gates: [Float] = []  // [n, k]
    private var groupLoad: [Float] = []  // [groups, E] fᵢ^G used by the loss
    private var groupOf: (Int) -> Int = { _ in 0 }
    private var logSumExp: [Float] = []
    private var input: Tensor?

    public init(width: Int, experts: [FeedForward], topK: Int, balanceCoefficient: Float, zLossCoefficient: Float = 0,
                scope: BalancingScope = .global, capacityFactor: Double = 0) {
        precondition(capacityFactor >= 0, "MoE: capacity factor must be ≥ 0")
        precondition(!experts.isEmpty && topK >= 1 && topK <= experts.count, "MoE: need 1 ≤ k ≤ E")
        self.width = width
        self.experts = experts
        self.topK = topK
        self.balanceCoefficient = balanceCoefficient
        self.zLossCoefficient = zLossCoefficient
        self.scope = scope
        self.capacityFactor = capacityFactor
        router = Linear(width, experts.count, bias: false)
        expertLoad = [Float](repeating: 0, count: experts.count)
        gathered = Array(repeating: Buffer(), count: experts.count)
        expertOutGrad = Array(repeating: Buffer(), count: experts.count)
        expertOutputs = Array(repeating: nil, count: experts.count)
        rowsOf = Array(repeating: [], count: experts.count)
    }

    /// Number of experts E.
    public var expertCount: Int { experts.count }

    /// max fᵢ / mean fᵢ of the last forward (1 is perfect balance).
    public var loadImbalance: Float {
        let mean = expertLoad.reduce(0, +) / Float(expertCount)
        return mean > 0 ? (expertLoad.max() ?? 0) / mean : 0
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        router.visitParameters(prefix: qualified(prefix, "router"), visit)
        for (i, e) in experts.enumerated() { e.visitParameters(prefix: qualified(prefix, "experts.\(i)"), visit) }
    }

    /// The k most probable experts of one probability row (ties: lower index first).
    private func top(_ p: UnsafePointer<Float>) -> [Int] {
        var best: [Int] = []
        for _ in 0..<topK {
            var arg = -1
            for e in 0..<expertCount where !best.contains(e) && (arg < 0 || p[e] > p[arg]) { arg = e }
            best.append(arg)
        }
        return best
    }

    /// Routing slots per expert for x without changing any state (a router-only pass): sum
    /// these over the micro-batches of a step, divide by k·tokens, and set `globalLoad`.
    public func routedCounts(_ x: Tensor) -> [Int] {
        let n = x.count / width, e = expertCount
        let z = Tensor(shape: [n, e])
        sgemm(.none, .transposed, m: n, n: e, k: width, a: x.data, lda: width, b: router.weight.value.data, ldb: width,
              beta: 0, c: z.data, ldc: e)
        var counts = [Int](repeating: 0, count: e)
        for t in 0..<n {
            Kernels.softmax(e, z.data + t * e)
            for i in top(z.data + t * e) { counts[i] += 1 }
        }
        return counts
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "MoE expects [..., \(width)], got \(x.shape)")
        input = x
        let n = x.count / width, e = expertCount, k = topK
        let sequenceLength = x.rank == 3 ? x.shape[1] : n
        let logits = router.forward(x)
        let p = probabilities.get([n, e])
        p.assign(logits)
        logSumExp = [Float](repeating: 0, count: n)
        chosen = [Int](repeating: 0, count: n * k)
        gates = [Float](repeating: 0, count: n * k)
        for i in 0..<e { rowsOf[i].removeAll(keepingCapacity: true) }
        var entropy: Float = 0
        for t in 0..<n {
            let row = p.data + t * e
            let m = Kernels.max(e, row)
            Kernels.softmax(e, row)
            var s: Float = 0
            for i in 0..<e { s += FastMath.exp(logits.data[t * e + i] - m); if row[i] > 0 { entropy -= row[i] * Foundation.log(row[i]) } }
            logSumExp[t] = m + Foundation.log(s)
            let best = top(row)
            let total = best.reduce(Float(0)) { $0 + row[$1] }
            for (slot, i) in best.enumerated() {
                chosen[t * k + slot] = i
                gates[t * k + slot] = k == 1 ? row[i] : row[i] / total
            }
        }
        routerEntropy = entropy / Float(n)
        var dropped = 0
        for (s, kept) in keptSlots(chosen, tokens: n).enumerated() {
            if kept { rowsOf[chosen[s]].append(s) } else { dropped += 1 }
        }
        droppedFraction = Float(dropped) / Float(k * n)
        let y = output.get(x.shape)
        y.fill(0)
        for i in 0..<e {
            let slots = rowsOf[i]
            expertOutputs[i] = nil
            guard !slots.isEmpty else { continue }
            let xi = gathered[i].get([slots.count, width])
            for (r, s) in slots.enumerated() { (xi.data + r * width).update(from: x.data + (s / k) * width, count: width) }
            let yi = experts[i].forward(xi)
            expertOutputs[i] = yi
            for (r, s) in slots.enumerated() { Kernels.axpy(width, gates[s], yi.data + r * width, y.data + (s / k) * width) }
        }
        // load fractions before dropping: over the batch for the metric, per group for the loss
        var counts = [Int](repeating: 0, count: e)
        for i in chosen { counts[i] += 1 }
        expertLoad = counts.map { Float($0) / Float(k * n) }
        let groups: Int
        switch scope {
        case .sequence: groups = n / sequenceLength; groupOf = { $0 / sequenceLength }
        case .microBatch, .global: groups = 1; groupOf = { _ in 0 }
        }
        groupLoad = [Float](repeating: 0, count: groups * e)
        if scope == .global, let f = globalLoad {
            precondition(f.count == e, "globalLoad needs \(e) fractions")
            groupLoad = f
        } else {
            let perGroup = Float(k * n / groups)
            for t in 0..<n { for slot in 0..<k { groupLoad[groupOf(t) * e + chosen[t * k + slot]] += 1 / perGroup } }
        }
        // c·E·Σ_G (n_G/n)·Σᵢ fᵢ^G·Pᵢ^G = c·E/n·Σ_t Σᵢ f^{G(t)}ᵢ·pᵢ(t)
        var lbl: Float = 0
        for t in 0..<n {
            let g = groupOf(t)
            for i in 0..<e { lbl += groupLoad[g * e + i] * p.data[t * e + i] }
        }
        balanceLoss = balanceCoefficient * Float(e) * lbl / Float(n)
        var z2: Float = 0
        for t in 0..<n { z2 += logSumExp[t] * logSumExp[t] }
        auxiliaryLoss = balanceLoss + zLossCoefficient * z2 / Float(n)
        if recordsInternals { gatherInternals() }
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("MoE backward before forward") }
        let n = x.count / width, e = expertCount, k = topK
        let p = probabilities.get([n, e])
        let dx = inputGrad.get(x.shape)
        dx.fill(0)
        var dgate = [Float](repeating: 0, count: n * k)
        for i in 0..<e {
            let slots = rowsOf[i]
            guard let yi = expertOutputs[i], !slots.isEmpty else { continue }
            let dyi = expertOutGrad[i].get([slots.count, width])
            for (r, s) in slots.enumerated() {
                let src = dy.data + (s / k) * width, dst = dyi.data + r * width
                dgate[s] = Kernels.dot(width, src, yi.data + r * width)
                let g = gates[s]
                for c in 0..<width { dst[c] = g * src[c] }
            }
            let dxi = experts[i].backward(dyi)
            for (r, s) in slots.enumerated() { Kernels.add(width, dxi.data + r * width, dx.data + (s / k) * width) }
        }
        let dz = logitGrad.get([n, e])
        let lblScale = balanceCoefficient * Float(e) / Float(n)
        for t in 0..<n {
            let row = p.data + t * e, dp = dz.data + t * e
            let g = groupOf(t)
            for i in 0..<e { dp[i] = lblScale * groupLoad[g * e + i] }
            if k == 1 {
                dp[chosen[t]] += dgate[t]
            } else {
                // g_i = p_i/s over K: ∂/∂p_j = dg_j/s − Σ_i dg_i·p_i/s²
                var s: Float = 0, weighted: Float = 0
                for slot in 0..<k { let i = chosen[t * k + slot]; s += row[i]; weighted += dgate[t * k + slot] * row[i] }
                for slot in 0..<k { dp[chosen[t * k + slot]] += dgate[t * k + slot] / s - weighted / (s * s) }
            }
            // softmax: dz = p ⊙ (dp − p·dp); z-loss: 2c_z·lse·p/n
            let c = Kernels.dot(e, row, dp)
            let zl = 2 * zLossCoefficient * logSumExp[t] / Float(n)
            for i in 0..<e { dp[i] = row[i] * (dp[i] - c + zl) }
        }
        dx.add(router.backward(dz))
        return dx
    }

    /// Router 2·d·E plus k experts per token (dropless: exactly k; with a capacity factor an
    /// upper bound, as dropped slots run no expert).
    public func forwardFLOPsPerToken(context: Int) -> Int {
        2 * width * expertCount + topK * experts[0].forwardFLOPsPerToken(context: context)
    }

    public func activationBytesPerToken(context: Int) -> Int {
        // input, logits and probabilities, gathered copies and k experts' activations, output
        4 * (width + 2 * expertCount + topK * width + width) + topK * experts[0].activationBytesPerToken(context: context)
    }
}
