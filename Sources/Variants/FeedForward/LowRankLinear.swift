import NN
import Tensor

/// A linear map factored through rank r: `y = U·(V·x) + b`, x [rows, in] → h [rows, r] → y [rows, out];
/// V [r, in], U [out, r] (PyTorch layout).
public final class LowRankLinear: Layer {
    /// The down factor V [r, in].
    public let down: Linear
    /// The up factor U [out, r], carrying the bias.
    public let up: Linear
    public let inFeatures: Int
    public let outFeatures: Int
    public let rank: Int

    public init(_ inFeatures: Int, _ outFeatures: Int, rank: Int, bias: Bool = true) {
        precondition(rank > 0, "low-rank linear needs rank ≥ 1")
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.rank = rank
        down = Linear(inFeatures, rank, bias: false)
        up = Linear(rank, outFeatures, bias: bias)
    }

    /// The rank giving a fraction ρ of the dense parameters: ⌊ρ·in·out/(in+out)⌋ (at least 1).
    public static func rank(fraction: Double, inFeatures: Int, outFeatures: Int) -> Int {
        max(1, Int(fraction * Double(inFeatures * outFeatures) / Double(inFeatures + outFeatures)))
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        down.visitParameters(prefix: qualified(prefix, "v"), visit)
        up.visitParameters(prefix: qualified(prefix, "u"), visit)
    }

    public func forward(_ x: Tensor) -> Tensor { up.forward(down.forward(x)) }

    public func backward(_ dy: Tensor) -> Tensor { down.backward(up.backward(dy)) }

    /// Draws a dense W₀ ~ N(0, 1/in) and sets the factors from its truncated SVD; bias 0.
    public func initializeSpectral(rng: inout RNG) {
        let w0 = Tensor(shape: [outFeatures, inFeatures])
        w0.fillNormal(std: 1 / Float(inFeatures).squareRoot(), rng: &rng)
        initialize(fromSVDOf: w0)
    }

    /// Sets V = √Σ_r·V_rᵀ and U = U_r·√Σ_r from the SVD W = U Σ Vᵀ of w [out, in]
    /// (so U·V is the best rank-r approximation of w); bias 0.
    public func initialize(fromSVDOf w: Tensor) {
        precondition(w.shape == [outFeatures, inFeatures])
        let svd = SingularValueDecomposition<Float>(w)
        let k = svd.k
        down.weight.value.fill(0)
        up.weight.value.fill(0)
        for i in 0..<min(rank, k) {
            let root = svd.singularValues[i].squareRoot()
            for j in 0..<inFeatures { down.weight.value.data[i * inFeatures + j] = root * svd.vt[i * inFeatures + j] }
            for o in 0..<outFeatures { up.weight.value.data[o * rank + i] = root * svd.u[o * k + i] }
        }
        up.bias?.value.fill(0)
    }

    /// 2·r·(in + out).
    public var forwardFLOPsPerRow: Int { 2 * rank * (inFeatures + outFeatures) }
}
