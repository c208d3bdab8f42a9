import NN
import Tensor

/// How unstructured pruning scores a weight: `|W_ij|` or Wanda's `|W_ij|·‖X_{:,j}‖₂`.
public enum PruningScore: String, Sendable, CaseIterable {
    case magnitude, wanda
}

/// Where unstructured pruning draws its threshold: per matrix, or once over all of them.
public enum PruningScope: String, Sendable, CaseIterable {
    case layer, global
}

/// Which Linears of a transformer an unstructured method prunes.
public enum LayerSelection: String, Sendable, CaseIterable {
    case all
    /// Only the token mixers' (`blocks.i.mixer.*`).
    case mixer
    /// Only the feed-forwards' (`blocks.i.ffn.*`).
    case ffn
}

/// Magnitude, Wanda and N:M pruning of a context's Linear layers into sparse twins.
enum UnstructuredPruning {
    /// Throws `notApplicable` for models whose blocks share weights (a pruned copy would
    /// diverge from the shared weights it is pulled from).
    static func requireUnshared(_ id: String, _ model: CompressibleModel) throws {
        if let lm = model as? DecoderLM, lm.sharing != nil {
            throw CompressionError.notApplicable(id, "the model shares block weights")
        }
    }

    /// The context's Linears (with the head if `includeHead`) that `selection` names;
    /// `notApplicable` when a mixer/ffn selection finds none (an MLP classifier).
    static func targets(_ context: CompressionContext, id: String, includeHead: Bool,
                        selection: LayerSelection) throws -> [(name: String, linear: Linear)] {
        let all = context.linears(includeHead: includeHead)
        guard selection != .all else { return all }
        let chosen = all.filter { $0.name.contains(".\(selection.rawValue).") }
        guard !chosen.isEmpty else { throw CompressionError.notApplicable(id, "the model has no \(selection.rawValue) layers") }
        return chosen
    }

    /// Row-major keep mask with the `remove` lowest of `scores` false (ties: lower index first).
    static func keepMask(_ scores: [Float], remove: Int) -> [Bool] {
        var keep = [Bool](repeating: true, count: scores.count)
        guard remove > 0 else { return keep }
        let order = scores.indices.sorted { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        for i in order.prefix(remove) { keep[i] = false }
        return keep
    }

    /// `|W_ij|` for every entry, or `|W_ij|·a_j` with `a_j` the input norms.
    static func scores(_ w: Tensor, norms: [Double]?) -> [Float] {
        let columns = w.shape[1]
        return (0..<w.count).map { i in
            let m = abs(w.data[i])
            guard let norms else { return m }
            return m * Float(norms[i % columns])
        }
    }

    /// The input norms ‖X_{:,j}‖₂ of `linear` on the calibration data as the model is now.
    static func inputNorms(_ linear: Linear, _ context: CompressionContext) -> [Double] {
        context.inputStatistics(of: [linear])[0].columnNorms
    }

    /// Prunes every chosen Linear to `sparsity` and installs `SparseLinear` twins.
    /// Magnitude: the `round(s·numel)` smallest `|W|` of each matrix (`layer`) or the
    /// `round(s·Σ numel)` smallest over all matrices (`global`). Wanda: in each output row,
    /// the `round(s·in)` lowest `|W_ij|·‖X_j‖`, with each layer's inputs observed after the
    /// layers before it were pruned (one calibration pass per layer, in network order).
    static func prune(_ context: CompressionContext, id: String, sparsity: Double, score: PruningScore,
                      scope: PruningScope, targets: [(name: String, linear: Linear)]) throws -> CompressionOutcome {
        try requireUnshared(id, context.model)
        var outcome = CompressionOutcome()
        var spreads: [Double] = []
        var masks: [[Bool]] = []
        if score == .magnitude && scope == .global {
            let weights = targets.map { $0.linear.currentWeight() }
            let all = weights.flatMap { scores($0, norms: nil) }
            let flat = keepMask(all, remove: Int((sparsity * Double(all.count)).rounded()))
            var offset = 0
            for w in weights {
                masks.append(Array(flat[offset..<(offset + w.count)]))
                offset += w.count
            }
        }
        for (k, (name, linear)) in targets.enumerated() {
            let w = linear.currentWeight()
            let keep: [Bool]
            switch (score, scope) {
            case (.magnitude, .global):
                keep = masks[k]
            case (.magnitude, .layer):
                keep = keepMask(scores(w, norms: nil), remove: Int((sparsity * Double(w.count)).rounded()))
            case (.wanda, _):
                let norms = inputNorms(linear, context)
                spreads.append(spread(norms))
                keep = rowwiseMask(scores(w, norms: norms), columns: w.shape[1], sparsity: sparsity)
            }
            let twin = SparseLinear(weight: w, keep: keep, bias: linear.currentBias())
            outcome.layers.append(linear.replace(with: twin, name: name))
            outcome.notes.append("\(name): \(twin.layout.rawValue), density \(twin.density)")
        }
        summarize(&outcome, context.model)
        if !spreads.isEmpty {
            outcome.metrics["activation_norm_spread_max"] = spreads.max()
            outcome.metrics["activation_norm_spread_mean"] = spreads.reduce(0, +) / Double(spreads.count)
        }
        return outcome
    }

    /// Keeps all but the `round(s·columns)` lowest scores of each row.
    static func rowwiseMask(_ scores: [Float], columns: Int, sparsity: Double) -> [Bool] {
        let remove = Int((sparsity * Double(columns)).rounded())
        return stride(from: 0, to: scores.count, by: columns).flatMap { start in
            keepMask(Array(scores[start..<(start + columns)]), remove: remove)
        }
    }

    /// max_j a_j / median_j a_j (Wanda's activation outlier spread; 0 when the median is 0).
    static func spread(_ norms: [Double]) -> Double {
        let sorted = norms.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        return median > 0 ? sorted.last! / median : 0
    }

    /// N:M pruning: in each row, every group of `m` consecutive inputs keeps the `n` highest
    /// scores (ties: lower position first). Layers whose input count `m` does not divide stay
    /// as they are (noted).
    static func pruneNM(_ context: CompressionContext, id: String, n: Int, m: Int, score: PruningScore,
                        targets: [(name: String, linear: Linear)]) throws -> CompressionOutcome {
        try requireUnshared(id, context.model)
        guard 0 < n, n <= m, m <= NMPatterns.maximumGroup else {
            throw CompressionError("\(id): n = \(n), m = \(m): need 0 < n ≤ m ≤ \(NMPatterns.maximumGroup)")
        }
        var outcome = CompressionOutcome()
        var spreads: [Double] = []
        for (name, linear) in targets {
            guard linear.inFeatures % m == 0 else {
                outcome.notes.append("\(name): \(linear.inFeatures) inputs are not a multiple of \(m); left as it was")
                continue
            }
            let w = linear.currentWeight()
            var norms: [Double]?
            if score == .wanda {
                norms = inputNorms(linear, context)
                spreads.append(spread(norms!))
            }
            let keep = rowwiseMask(scores(w, norms: norms), columns: m, sparsity: Double(m - n) / Double(m))
            let twin = NMSparseLinear(weight: w, keep: keep, n: n, m: m, bias: linear.currentBias())
            outcome.layers.append(linear.replace(with: twin, name: name))
        }
        summarize(&outcome, context.model)
        if !spreads.isEmpty { outcome.metrics["activation_norm_spread_max"] = spreads.max() }
        return outcome
    }

    /// The speed label and achieved sparsity over the sparse twins.
    static func summarize(_ outcome: inout CompressionOutcome, _ model: CompressibleModel) {
        var kept = 0, total = 0
        for (_, twin) in model.compressedLinears where twin is SparseLinear || twin is NMSparseLinear {
            kept += twin.effectiveWeightCount
            total += twin.inFeatures * twin.outFeatures
        }
        outcome.speed = model.speedLabel
        outcome.metrics["sparsity"] = total == 0 ? 0 : 1 - Double(kept) / Double(total)
    }
}
