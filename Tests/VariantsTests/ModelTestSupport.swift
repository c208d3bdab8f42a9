import XCTest
import NN
import Tensor
@testable import Variants

/// Small shared pieces of the model-level tests: a tiny spec, a fixed batch of a
/// learnable sequence task, and a short training run.
enum ModelTestSupport {
    /// A tiny model shape every mixer and feed-forward accepts.
    static func spec(_ norm: String = "norm.layernorm", mixer: String = "attn.softmax", ffn: String = "ffn.mlp",
                     placement: Placement = .pre, sharing: SharingScheme = .none, width: Int = 16, depth: Int = 2,
                     heads: Int = 2, vocabulary: Int = 12, context: Int = 8) -> ModelSpec {
        ModelSpec(vocabulary: vocabulary, context: context, width: width, depth: depth, heads: heads, ffnRatio: 2,
                  norm: VariantChoice(norm), placement: placement, mixer: VariantChoice(mixer), ffn: VariantChoice(ffn),
                  sharing: sharing)
    }

    /// Batch × context tokens of "count up by a per-row stride mod V" and their next tokens.
    static func batch(vocabulary: Int, batch: Int, time: Int, seed: UInt64 = 9) -> (tokens: [Int32], targets: [Int32]) {
        var rng = RNG(seed: seed)
        var tokens: [Int32] = [], targets: [Int32] = []
        for _ in 0..<batch {
            let start = rng.int(below: vocabulary), stride = 1 + rng.int(below: 2)
            for t in 0..<time {
                tokens.append(Int32((start + stride * t) % vocabulary))
                targets.append(Int32((start + stride * (t + 1)) % vocabulary))
            }
        }
        return (tokens, targets)
    }

    /// Trains `model` with AdamW for `steps` on one fixed batch; returns the loss per step.
    static func train(_ model: DecoderLM, steps: Int, learningRate: Float, batch: Int = 4, seed: UInt64 = 9) -> [Float] {
        let data = self.batch(vocabulary: model.spec.vocabulary, batch: batch, time: model.spec.context, seed: seed)
        let trainer = Trainer(model: model, optimizer: AdamW(weightDecay: 0), learningRate: learningRate, clipNorm: 1)
        model.setTraining(true)
        return (0..<steps).map { step in
            model.prepare(step: step, of: steps)
            return trainer.step {
                model.lossAndBackward(tokens: data.tokens, targets: data.targets, batch: batch, time: model.spec.context)
            }
        }
    }
}
