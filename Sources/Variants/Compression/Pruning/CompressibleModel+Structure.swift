import Foundation
import NN

extension CompressibleModel {
    /// The structural edits made by pruning, by block name (`blocks.3`): dropped sublayers
    /// (`drop_mixer`, `drop_ffn`: "1") and pruned attention head counts (`heads`,
    /// `kv_heads`). Empty for an unedited model. Pruned FFN widths need no entry: they follow
    /// from the stored Linear twins.
    public var structuralEdits: [String: [String: String]] {
        guard let lm = self as? DecoderLM else { return [:] }
        var edits: [String: [String: String]] = [:]
        for (i, b) in lm.blocks.enumerated() {
            var e: [String: String] = [:]
            if b.mixerDropped { e["drop_mixer"] = "1" }
            if b.ffnDropped { e["drop_ffn"] = "1" }
            if !b.mixerDropped, let a = b.mixer as? MultiHeadAttention, a.innerWidth != a.width {
                e["heads"] = String(a.heads)
                e["kv_heads"] = String(a.kvHeads)
            }
            if !e.isEmpty { edits["blocks.\(i)"] = e }
        }
        return edits
    }

    /// Drops the sublayers `edits` names (before the twins are installed: dropped layers
    /// have none).
    func applyDroppedSublayers(_ edits: [String: [String: String]]) throws {
        for (name, e) in edits where e["drop_mixer"] == "1" || e["drop_ffn"] == "1" {
            try block(name).drop(mixer: e["drop_mixer"] == "1", ffn: e["drop_ffn"] == "1")
        }
    }

    /// Sets the pruned head counts `edits` names (after the smaller twins are installed).
    func applyHeadCounts(_ edits: [String: [String: String]]) throws {
        for (name, e) in edits {
            guard let h = e["heads"].flatMap(Int.init), let g = e["kv_heads"].flatMap(Int.init) else { continue }
            guard let a = try block(name).mixer as? MultiHeadAttention,
                  h > 0, g > 0, h % g == 0, h / g == a.heads / a.kvHeads,
                  a.qkv.outFeatures == (h + 2 * g) * a.headWidth, a.proj.inFeatures == h * a.headWidth else {
                throw SafeTensorsError("compressed checkpoint: \(name) cannot hold \(h) heads and \(g) kv heads")
            }
            a.removeHeads(keeping: h, kvHeads: g)
        }
    }

    private func block(_ name: String) throws -> TransformerBlock {
        guard let lm = self as? DecoderLM, name.hasPrefix("blocks."), let i = Int(name.dropFirst(7)), lm.blocks.indices.contains(i) else {
            throw SafeTensorsError("compressed checkpoint: structural edit of \(name), which is not a block of this model")
        }
        return lm.blocks[i]
    }

    /// The metadata key holding `structuralEdits` (JSON).
    public static var structureKey: String { "ablate.structure" }
}
