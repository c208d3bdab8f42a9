import Configuration
import NN
import Tensor

/// The exact rewrite of a trained Pre-LN model into a Pre-RMSNorm model (`norm.crmsnorm`):
/// centre every embedding row, centre every residual writer (`W ← (I − 11ᵀ/d)·W`,
/// `b ← b − mean(b)`) so the residual stream has zero feature-mean, then every LayerNorm
/// equals an RMSNorm with the same gain and shift. Logits are unchanged up to Float32 rounding.
public enum PreLNConversion {
    /// A new model with `norm.crmsnorm` norms computing the same function as `model`.
    /// Requires LayerNorm, pre placement (post-norm normalizes the residual sum itself)
    /// and mixers and feed-forwards that are `ResidualWriter`s.
    public static func convert(_ model: DecoderLM) throws -> DecoderLM {
        let spec = model.spec
        func reject(_ key: String, _ value: String, _ allowed: String) -> ParameterError {
            .invalidParameterValue(owner: "norm.crmsnorm conversion", key: key, value: value, allowed: allowed)
        }
        guard spec.norm.id == "norm.layernorm" else { throw reject("model.norm", spec.norm.id, "norm.layernorm") }
        guard spec.placement == .pre else { throw reject("placement", spec.placement.name, "pre") }
        guard spec.sharing == .none else { throw reject("sharing", "\(spec.sharing)", "none") }
        var target = spec
        let eps = (try spec.validated()).norm.values.double("epsilon")
        target.norm = VariantChoice("norm.crmsnorm", ["epsilon": .double(eps)])
        let converted = try DecoderLM(target, seed: 0)
        // Same layers, so same visiting order except the norms' names and the model head.
        try converted.load(model.checkpoint())
        centreRows(converted.embedding.tokens.value)
        if let p = converted.embedding.positions { centreRows(p.value) }
        for b in converted.blocks {
            for branch in [b.mixer as Any, b.ffn as Any] {
                guard let w = branch as? ResidualWriter else {
                    throw reject("model.mixer/ffn", "\(type(of: branch))", "a ResidualWriter (one output projection)")
                }
                centreOutputs(w.outputProjection)
            }
        }
        return converted
    }

    /// Subtracts each row's mean: rows [n, d].
    static func centreRows(_ t: Tensor) {
        let d = t.shape.last!, n = t.count / d
        for r in 0..<n {
            let row = t.data + r * d
            let m = Kernels.sum(d, row) / Float(d)
            for i in 0..<d { row[i] -= m }
        }
    }

    /// `W ← (I − 11ᵀ/d)·W` (each column of W [d, in] centred) and `b ← b − mean(b)`.
    static func centreOutputs(_ linear: Linear) {
        let d = linear.outFeatures, n = linear.inFeatures, w = linear.weight.value.data
        for j in 0..<n {
            var m: Float = 0
            for i in 0..<d { m += w[i * n + j] }
            m /= Float(d)
            for i in 0..<d { w[i * n + j] -= m }
        }
        if let b = linear.bias { centreRows(b.value.reshaped([1, d])) }
    }
}
