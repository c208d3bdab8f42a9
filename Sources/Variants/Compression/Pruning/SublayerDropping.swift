import NN
import Tensor

/// Which sublayers `compress.drop.*` removes.
public enum SublayerKind: String, Sendable, CaseIterable {
    case attention, mlp, block
}

/// Removes whole sublayers ranked by `I_m = 1 − mean_t cos(X_in,t, X_out,t)` over the
/// calibration tokens (attention: block input x vs the residual r after it; MLP: r vs the
/// block output y; block: x vs y), leaving the residual path.
enum SublayerDropping {
    /// The importance of every candidate block's `kind` sublayer (nil where already dropped),
    /// from one calibration pass.
    static func importances(_ lm: DecoderLM, _ kind: SublayerKind, _ context: CompressionContext) -> [Double?] {
        var sums = [Double](repeating: 0, count: lm.blocks.count)
        var tokens = [Int](repeating: 0, count: lm.blocks.count)
        for (i, b) in lm.blocks.enumerated() {
            b.streamObserver = { x, r, y in
                let (a, c): (Tensor, Tensor) = kind == .attention ? (x, r) : kind == .mlp ? (r, y) : (x, y)
                let d = a.shape.last!, n = a.count / d
                for t in 0..<n {
                    let p = a.data + t * d, q = c.data + t * d
                    let dot = Double(Kernels.dot(d, p, q))
                    let norms = (Kernels.sumOfSquares(d, p) * Kernels.sumOfSquares(d, q)).squareRoot()
                    sums[i] += norms > 0 ? dot / norms : 1
                }
                tokens[i] += n
            }
        }
        context.calibrate()
        for b in lm.blocks { b.streamObserver = nil }
        return lm.blocks.enumerated().map { i, b in
            let gone = kind == .attention ? b.mixerDropped : kind == .mlp ? b.ffnDropped : b.mixerDropped && b.ffnDropped
            return gone || tokens[i] == 0 ? nil : 1 - sums[i] / Double(tokens[i])
        }
    }

    /// Drops the `count` least important `kind` sublayers, all from one ranking or (iterative)
    /// re-ranking after each drop; reports the removed Linears and the importances.
    static func drop(_ context: CompressionContext, id: String, kind: SublayerKind, count: Int,
                     iterative: Bool) throws -> CompressionOutcome {
        guard let lm = context.model as? DecoderLM else {
            throw CompressionError.notApplicable(id, "the model has no transformer blocks")
        }
        try UnstructuredPruning.requireUnshared(id, lm)
        var outcome = CompressionOutcome()
        let (parameters, flops) = (lm.parameterCount, lm.forwardFLOPsPerToken)
        var remaining = count
        while remaining > 0 {
            let scores = importances(lm, kind, context)
            let ranked = scores.indices.filter { scores[$0] != nil }.sorted { (scores[$0]!, $0) < (scores[$1]!, $1) }
            guard ranked.count >= remaining else {
                throw CompressionError("\(id): count \(count) exceeds the \(kind.rawValue) sublayers left to drop")
            }
            for (i, s) in scores.enumerated() { if let s { outcome.metrics["importance.blocks.\(i)"] = s } }
            for i in ranked.prefix(iterative ? 1 : remaining) {
                let block = lm.blocks[i]
                let before = Dictionary(block.namedLinears(), uniquingKeysWith: { a, _ in a })
                block.drop(mixer: kind != .mlp, ffn: kind != .attention)
                let after = Set(block.namedLinears().map(\.0))
                for (name, l) in before.sorted(by: { $0.key < $1.key }) where !after.contains(name) {
                    outcome.layers.append(CompressedLayerReport(name: "blocks.\(i).\(name)", format: "dropped", relativeError: nil,
                                                                bytesBefore: l.storedBytes, bytesAfter: 0))
                }
                outcome.notes.append("dropped blocks.\(i) \(kind.rawValue) (importance \(scores[i]!))")
                remaining -= 1
            }
        }
        outcome.metrics["parameters_before"] = Double(parameters)
        outcome.metrics["parameters_after"] = Double(lm.parameterCount)
        outcome.metrics["forward_flops_per_token_before"] = Double(flops)
        outcome.metrics["forward_flops_per_token_after"] = Double(lm.forwardFLOPsPerToken)
        outcome.speed = lm.speedLabel
        return outcome
    }
}
