import NN
import Tensor

/// How structured pruning scores a unit (FFN neuron or attention key/value group).
public enum UnitScore: String, Sendable, CaseIterable {
    /// FLAP's fluctuation `Σ_c Var_n(X_{n,c})·‖W_out[:, c]‖²` over the unit's channels c of the
    /// output projection's input X.
    case fluctuation
    /// The baseline `Σ_c Σ_i |W_out[i, c]|·‖X_{:,c}‖₂`.
    case weightActivation = "weight-activation"
}

/// How many units each layer loses: the same share everywhere, or one global threshold on
/// scores standardized per layer.
public enum RatioMode: String, Sendable, CaseIterable {
    case uniform, adaptive
}

/// One layer's prunable units: the Linears whose rows produce them (`fc1`, SwiGLU's `w1` and
/// `w3`, attention's `qkv`) and the Linear whose columns consume them (`fc2`, `w2`, `proj`).
struct PrunableUnits {
    /// The consuming Linear's dotted name, for reports.
    var name: String
    var producers: [(name: String, linear: Linear)]
    var consumer: (name: String, linear: Linear)
    /// Units in the layer.
    var count: Int
    /// The rows of unit u in each producer, in producer order.
    var rows: (_ unit: Int) -> [[Int]]
    /// The consumer's input columns of unit u.
    var columns: (_ unit: Int) -> [Int]
    /// Attention whose head counts follow the kept groups, with the query heads per group.
    var attention: (layer: MultiHeadAttention, groupSize: Int)?
}

/// FLAP-style structured pruning: scores units from calibration statistics of the consuming
/// projection's input, removes them (rows of the producers, columns of the consumer) into
/// smaller `DenseLinear` twins and compensates the removed units' mean contribution in the
/// consumer's bias.
enum StructuredPruning {
    /// FFN neurons: GELU MLP and SwiGLU blocks of an LM; consecutive Linear pairs (hidden
    /// units) of an MLP classifier.
    static func neuronLayers(_ model: CompressibleModel) -> [PrunableUnits] {
        func single(_ u: Int, producers: Int) -> [[Int]] { Array(repeating: [u], count: producers) }
        if let mlp = model as? MLPClassifier {
            let linears = mlp.layers.enumerated().compactMap { i, l in (l as? Linear).map { (name: "layers.\(i)", linear: $0) } }
            return zip(linears, linears.dropFirst()).map { a, b in
                PrunableUnits(name: b.name, producers: [a], consumer: b, count: a.linear.outFeatures,
                              rows: { single($0, producers: 1) }, columns: { [$0] }, attention: nil)
            }
        }
        guard let lm = model as? DecoderLM else { return [] }
        return lm.blocks.enumerated().compactMap { i, b in
            guard !b.ffnDropped else { return nil }
            let p = "blocks.\(i).ffn"
            if let f = b.ffn as? GELUFeedForward {
                return PrunableUnits(name: p + ".fc2", producers: [(p + ".fc1", f.fc1)], consumer: (p + ".fc2", f.fc2),
                                     count: f.hidden, rows: { single($0, producers: 1) }, columns: { [$0] }, attention: nil)
            }
            if let f = b.ffn as? SwiGLUFeedForward {
                return PrunableUnits(name: p + ".w2", producers: [(p + ".w1", f.w1), (p + ".w3", f.w3)], consumer: (p + ".w2", f.w2),
                                     count: f.hidden, rows: { single($0, producers: 2) }, columns: { [$0] }, attention: nil)
            }
            return nil
        }
    }

    /// Attention key/value groups (heads under multi-head attention) of an LM's softmax
    /// attention blocks: a group's query heads, its key and value head (rows of `qkv`) and
    /// the query heads' columns of `proj`.
    static func headLayers(_ model: CompressibleModel) -> [PrunableUnits] {
        guard let lm = model as? DecoderLM else { return [] }
        return lm.blocks.enumerated().compactMap { i, b in
            guard !b.mixerDropped, let a = b.mixer as? MultiHeadAttention else { return nil }
            let (hd, h, g) = (a.headWidth, a.heads, a.kvHeads)
            let q = h / g
            let p = "blocks.\(i).mixer"
            let columns = { (u: Int) in Array((u * q * hd)..<((u + 1) * q * hd)) }
            return PrunableUnits(
                name: p + ".proj", producers: [(p + ".qkv", a.qkv)], consumer: (p + ".proj", a.proj), count: g,
                rows: { u in [columns(u) + Array(((h + u) * hd)..<((h + u + 1) * hd)) + Array(((h + g + u) * hd)..<((h + g + u + 1) * hd))] },
                columns: columns, attention: (a, q))
        }
    }

    /// Removes `ratio` of the units of `layers` (at least one kept per layer) and reports.
    static func prune(_ context: CompressionContext, id: String, layers: [PrunableUnits], ratio: Double,
                      mode: RatioMode, score: UnitScore, compensate: Bool) throws -> CompressionOutcome {
        try UnstructuredPruning.requireUnshared(id, context.model)
        let stats = context.inputStatistics(of: layers.map(\.consumer.linear))
        let weights = layers.map { $0.consumer.linear.currentWeight() }
        let scores = zip(layers, zip(stats, weights)).map { units(of: $0, score: score, stats: $1.0, weight: $1.1) }
        let removed = selection(scores, ratio: ratio, mode: mode)
        var outcome = CompressionOutcome()
        let before = (context.model.parameterCount, (context.model as? DecoderLM)?.forwardFLOPsPerToken)
        for (k, layer) in layers.enumerated() where !removed[k].isEmpty {
            let pruned = Set(removed[k])
            let kept = (0..<layer.count).filter { !pruned.contains($0) }
            for (p, producer) in layer.producers.enumerated() {
                // Ascending order keeps a fused layer's segments (all q rows, then k, then v) intact.
                let rows = kept.flatMap { layer.rows($0)[p] }.sorted()
                let w = producer.linear.currentWeight(), b = producer.linear.currentBias()
                let twin = DenseLinear(weight: w.selectingRows(rows), bias: b.map { $0.selectingRows(rows) })
                outcome.layers.append(producer.linear.replace(with: twin, name: producer.name))
            }
            let w = weights[k], columns = kept.flatMap(layer.columns)
            var bias = layer.consumer.linear.currentBias()
            if compensate {
                let b = bias ?? Tensor(shape: [w.shape[0]])
                let means = stats[k].means
                for c in removed[k].flatMap(layer.columns) {
                    for i in 0..<w.shape[0] { b.data[i] += w.data[i * w.shape[1] + c] * Float(means[c]) }
                }
                bias = b
            }
            let twin = DenseLinear(weight: w.selectingColumns(columns), bias: bias)
            outcome.layers.append(layer.consumer.linear.replace(with: twin, name: layer.consumer.name))
            if let (attention, q) = layer.attention { attention.removeHeads(keeping: kept.count * q, kvHeads: kept.count) }
            outcome.metrics["units_removed." + layer.name] = Double(removed[k].count)
        }
        outcome.metrics["parameters_before"] = Double(before.0)
        outcome.metrics["parameters_after"] = Double(context.model.parameterCount)
        if let flops = before.1, let lm = context.model as? DecoderLM {
            outcome.metrics["forward_flops_per_token_before"] = Double(flops)
            outcome.metrics["forward_flops_per_token_after"] = Double(lm.forwardFLOPsPerToken)
        }
        outcome.speed = context.model.speedLabel
        return outcome
    }

    /// The score of every unit of `layer`.
    static func units(of layer: PrunableUnits, score: UnitScore, stats: InputStatistics, weight w: Tensor) -> [Double] {
        let (out, inputs) = (w.shape[0], w.shape[1])
        let variances = stats.variances, norms = stats.columnNorms
        var channel = [Double](repeating: 0, count: inputs)
        for c in 0..<inputs {
            var s = 0.0
            for i in 0..<out {
                let v = Double(w.data[i * inputs + c])
                s += score == .fluctuation ? v * v : abs(v)
            }
            channel[c] = score == .fluctuation ? variances[c] * s : norms[c] * s
        }
        return (0..<layer.count).map { layer.columns($0).reduce(0) { $0 + channel[$1] } }
    }

    /// The units each layer loses. Uniform: the `round(ratio·count)` lowest of each layer.
    /// Adaptive: scores standardized per layer (`z = (S − mean)/std`, population std; all 0
    /// when std is 0), then the `round(ratio·Σ count)` lowest z over all layers. Both keep at
    /// least one unit per layer.
    static func selection(_ scores: [[Double]], ratio: Double, mode: RatioMode) -> [[Int]] {
        func lowest(_ s: [Double]) -> [Int] { s.indices.sorted { s[$0] < s[$1] || (s[$0] == s[$1] && $0 < $1) } }
        switch mode {
        case .uniform:
            return scores.map { s in Array(lowest(s).prefix(min(s.count - 1, Int((ratio * Double(s.count)).rounded())))) }
        case .adaptive:
            var pooled: [(z: Double, layer: Int, unit: Int)] = []
            for (k, s) in scores.enumerated() {
                let mean = s.reduce(0, +) / Double(s.count)
                let std = (s.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(s.count)).squareRoot()
                for (u, v) in s.enumerated() { pooled.append((std > 0 ? (v - mean) / std : 0, k, u)) }
            }
            pooled.sort { ($0.z, $0.layer, $0.unit) < ($1.z, $1.layer, $1.unit) }
            var target = Int((ratio * Double(pooled.count)).rounded())
            var removed = scores.map { _ in [Int]() }
            for p in pooled where target > 0 && removed[p.layer].count < scores[p.layer].count - 1 {
                removed[p.layer].append(p.unit)
                target -= 1
            }
            return removed
        }
    }
}

extension Tensor {
    /// A new [rows.count, columns] matrix (or [rows.count] vector) of the given rows.
    func selectingRows(_ rows: [Int]) -> Tensor {
        let width = rank == 1 ? 1 : shape[1]
        let out = Tensor(shape: rank == 1 ? [rows.count] : [rows.count, width])
        for (k, r) in rows.enumerated() { (out.data + k * width).update(from: data + r * width, count: width) }
        return out
    }

    /// A new [rows, columns.count] matrix of the given columns.
    func selectingColumns(_ columns: [Int]) -> Tensor {
        let (rows, width) = (shape[0], shape[1])
        let out = Tensor(shape: [rows, columns.count])
        for i in 0..<rows {
            for (k, c) in columns.enumerated() { out.data[i * columns.count + k] = data[i * width + c] }
        }
        return out
    }
}
