/// The mechanism statistics of `measurement.internals` (stage `internals`), each declared once.
/// A statistic of one layer is recorded as `NAME.L<layer>` (`attention.entropy.L0`); curves
/// are named `internals.` + the metric name.
extension MetricSpec {
    public static let attentionMaxLogit = MetricSpec(
        "attention.max_logit", unit: "logit", .neutral, label: "max attention logit",
        "largest scaled, masked attention score QKᵀ/√d of a pass, averaged over the passes measured")
    public static let attentionEntropy = MetricSpec(
        "attention.entropy", unit: "nats", .neutral, label: "attention entropy",
        "mean entropy of the attention probability rows (0 one-hot, ln n uniform over n keys)")
    public static let meanLogZ = MetricSpec(
        "logits.mean_log_z", unit: "logit", .neutral, label: "mean log Z",
        "mean log-partition log Σ exp(logit) of the output softmax, what z-loss pushes toward 0")
    public static let gradientNorm = MetricSpec(
        "gradients.norm", unit: "norm", .neutral, label: "gradient norm",
        "Euclidean norm of a layer's gradients after backward, before clipping")
    public static let gradientSpread = MetricSpec(
        "gradients.spread", unit: "ratio", .neutral, label: "gradient-norm spread",
        "largest ÷ smallest per-layer gradient norm (1 when every layer's is equal)")
    public static let residualRMS = MetricSpec(
        "residual.rms", unit: "value", .neutral, label: "residual RMS",
        "root mean square of a block's output, the residual stream at that depth")
    public static let activationKurtosis = MetricSpec(
        "activations.kurtosis", unit: "ratio", .neutral, label: "activation kurtosis",
        "plain (Pearson) kurtosis m₄/m₂² of a layer's output: 3 Gaussian, large with outliers; undefined when constant")
    public static let activationMaxMedian = MetricSpec(
        "activations.max_median", unit: "ratio", .neutral, label: "activation max ÷ median",
        "largest |x| ÷ median |x| of a layer's output (outlier features)")
    public static let moeLoadCV = MetricSpec(
        "moe.load_cv", unit: "ratio", .neutral, label: "expert load CV",
        "coefficient of variation of the tokens routed to each expert (0 uniform)")
    public static let moeRouterEntropy = MetricSpec(
        "moe.router_entropy", unit: "nats", .neutral, label: "router entropy",
        "mean entropy of the router's probabilities over experts")
    public static let moeDroppedFraction = MetricSpec(
        "moe.dropped_fraction", unit: "fraction", .neutral, label: "dropped tokens",
        "fraction of token assignments dropped by the experts' capacity")
    public static let moeMaxLoad = MetricSpec(
        "moe.max_load", unit: "ratio", .neutral, label: "max expert load",
        "largest expert's share of the routing slots × number of experts (1 uniform)")
    public static let decayMean = MetricSpec(
        "decay.mean", unit: "factor", .neutral, label: "mean decay",
        "mean per-step decay factor of a gated or retention mixer's state (1: no forgetting)")
    public static let decayMin = MetricSpec(
        "decay.min", unit: "factor", .neutral, label: "min decay",
        "smallest per-step decay factor of the mixer's state (the fastest forgetting channel)")
    public static let decayHalfLife = MetricSpec(
        "decay.half_life", unit: "tokens", .neutral, label: "decay half-life",
        "tokens for the mean decay to halve the state, ln ½ ÷ ln(mean decay); undefined at decay 1")

    /// The internals statistics in the order reports show them.
    public static let internals: [MetricSpec] = [
        attentionMaxLogit, attentionEntropy, meanLogZ, gradientNorm, gradientSpread, residualRMS, activationKurtosis,
        activationMaxMedian, moeLoadCV, moeMaxLoad, moeRouterEntropy, moeDroppedFraction, decayMean, decayMin,
        decayHalfLife,
    ]

    /// This statistic of layer `layer`: `NAME.L<layer>`.
    public func atLayer(_ layer: Int) -> MetricSpec {
        MetricSpec(name + ".L\(layer)", unit: unit, polarity, label: label + " L\(layer)", summary)
    }

    /// The statistic and layer of an internals metric name (`attention.entropy.L3` →
    /// (`attention.entropy`, 3); `logits.mean_log_z` → (itself, nil)).
    public static func internalsLayer(of name: String) -> (statistic: String, layer: Int?) {
        guard let dot = name.lastIndex(of: "."), name[name.index(after: dot)...].hasPrefix("L"),
              let layer = Int(name[name.index(dot, offsetBy: 2)...]) else { return (name, nil) }
        return (String(name[..<dot]), layer)
    }
}
