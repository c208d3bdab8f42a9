import Configuration
import NN
import Tensor

/// A trainable decoder-only language model assembled from a `ModelSpec`: token and learned
/// positional embedding, L blocks of the chosen norm, placement, mixer and feed-forward
/// (sharing weights as the scheme says), a final norm when the last block is pre-norm, and
/// an untied output head without bias. tokens [B, T] → logits [B, T, V].
public final class DecoderLM: ParameterVisitable {
    /// The losses of the last `lossAndBackward` or `loss` call.
    public struct Losses: Equatable {
        /// Mean next-token cross-entropy in nats.
        public var crossEntropy: Float = 0
        /// The weighted z-loss term (0 when off).
        public var zLoss: Float = 0
        /// The feed-forward layers' auxiliary losses (MoE load balancing), summed.
        public var auxiliary: Float = 0
        /// mean_t log Z_t of the output softmax.
        public var meanLogZ: Float = 0
        /// What the optimizer minimizes.
        public var total: Float { crossEntropy + zLoss + auxiliary }
    }

    public let spec: ModelSpec
    public let embedding: Embedding
    /// Multiplies the embedding output (`arch.embedding-scale`), or nil.
    public let embeddingScale: LearnedScale?
    public let blocks: [TransformerBlock]
    public let finalNorm: Normalization?
    public let head: Linear
    /// Logits are multiplied by this (μP's 1/m; 1 otherwise).
    public let logitScale: Float
    public private(set) var lastLosses = Losses()
    /// Called after every forward with the logits it returns (the coordinate check); nil normally.
    public var logitsObserver: ((Tensor) -> Void)?
    /// One probe per block on its output (the residual stream), for `measurement.internals`.
    public let streamProbes: [ActivationProbe]
    /// Whether training passes gather `logits.mean_log_z` (see `InternalsReporting`).
    public var recordsInternals = false
    var logZGathered = InternalsAverage()
    let sharing: BlockSharing?
    private let crossEntropy = SoftmaxCrossEntropy()
    private var scaledLogits = Buffer()

    /// Builds and initializes the model; the same spec and seed give the same weights.
    /// Throws the registry's error for an invalid spec.
    public init(_ spec: ModelSpec, seed: UInt64) throws {
        let (norm, mixer, ffn) = try spec.validated()
        self.spec = spec
        let root = RNG(seed: seed)
        var rng = root.derived("embedding")
        embedding = Embedding(vocabulary: spec.vocabulary, width: spec.width, context: spec.context)
        embedding.initialize(std: 0.02, rng: &rng)
        embeddingScale = spec.embeddingScale ? LearnedScale(initial: Float(spec.width).squareRoot()) : nil
        func build<T>(_ v: ResolvedVariant, _ i: Int, _ label: String, _ site: NormSite? = nil) throws -> T {
            var r = root.derived("\(label).\(i)")
            return try v.descriptor.buildLayer(v.values, spec.layerContext(i, normSite: site), rng: &r) as! T
        }
        var blocks: [TransformerBlock] = []
        for i in 0..<spec.depth {
            blocks.append(TransformerBlock(
                norm1: try build(norm, i, "norm1", .mixer) as Normalization, mixer: try build(mixer, i, "mixer") as TokenMixer,
                norm2: try build(norm, i, "norm2", .ffn) as Normalization, ffn: try build(ffn, i, "ffn") as FeedForward,
                placement: spec.placement.blockPlacement(layer: i, depth: spec.depth)))
        }
        self.blocks = blocks
        streamProbes = blocks.map { _ in ActivationProbe() }
        finalNorm = spec.placement.hasFinalNorm(depth: spec.depth) ? try build(norm, spec.depth, "final", .final) as Normalization : nil
        head = Linear(spec.width, spec.vocabulary, bias: false)
        if spec.sharing != .none {
            var r = root.derived("lora")
            sharing = BlockSharing(blocks: blocks, scheme: spec.sharing, rng: &r)
        } else {
            sharing = nil
        }
        var r = root.derived("head")
        logitScale = spec.mup.map { 1 / $0.widthMultiplier(spec.width) } ?? 1
        // μP's zero readout leaves the head at 0; every other head is N(0, 0.02²) (see `MuP.Readout`).
        if spec.mup?.readout != .zero { head.initializeNormal(std: 0.02, rng: &r) }
        applyLearningRateRules()
    }

    /// The block parameters the optimizer updates, with names relative to their block: the
    /// shared copies under sharing, each block's own otherwise.
    private var trainedBlockParameters: [[(name: String, parameter: Parameter)]] {
        if let sharing { return sharing.shared }
        return blocks.map { $0.namedParameters().map { (name: $0.0, parameter: $0.1) } }
    }

    /// μP's init and learning-rate rules for hidden matrices, and layers' own multipliers.
    private func applyLearningRateRules() {
        let params = trainedBlockParameters
        for (i, block) in params.enumerated() {
            let own = (blocks[i].ffn as? LearningRateScaled)?.learningRateMultipliers ?? [:]
            for (name, p) in block {
                if name.hasPrefix("ffn."), let m = own[String(name.dropFirst(4))] { p.learningRateMultiplier *= m }
                if let mup = spec.mup, name.hasPrefix("mixer.") || name.hasPrefix("ffn."),
                   MuP.isHiddenMatrix(p.shape, width: spec.width) {
                    let m = mup.widthMultiplier(spec.width)
                    p.value.scale(by: 1 / m.squareRoot())
                    p.learningRateMultiplier /= m
                }
            }
        }
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        embedding.visitParameters(prefix: qualified(prefix, "embed"), visit)
        embeddingScale?.visitParameters(prefix: qualified(prefix, "embed"), visit)
        if let sharing {
            sharing.visitShared(prefix: prefix, visit)
            for (i, b) in blocks.enumerated() {
                let p = qualified(prefix, "blocks.\(i)")
                if !sharing.sharedNorms {
                    b.norm1.visitParameters(prefix: qualified(p, "norm1"), visit)
                    b.norm2.visitParameters(prefix: qualified(p, "norm2"), visit)
                }
                sharing.visitLoRA(layer: i, prefix: p, visit)
            }
        } else {
            for (i, b) in blocks.enumerated() { b.visitParameters(prefix: qualified(prefix, "blocks.\(i)"), visit) }
        }
        finalNorm?.visitParameters(prefix: qualified(prefix, "ln_f"), visit)
        head.visitParameters(prefix: qualified(prefix, "head"), visit)
    }

    /// Every layer that switches between training and evaluation or follows the step schedule.
    public var phaseDependentLayers: [TrainingPhaseDependent] {
        var out: [AnyObject] = blocks.flatMap { [$0.norm1, $0.mixer, $0.norm2, $0.ffn] as [AnyObject] }
        if let finalNorm { out.append(finalNorm) }
        return out.compactMap { $0 as? TrainingPhaseDependent }
    }

    /// Switches every phase-dependent layer to training (true) or evaluation (false).
    public func setTraining(_ training: Bool) {
        for l in phaseDependentLayers { l.isTraining = training }
    }

    /// Tells scheduled layers (PRepBN's λ, PowerNorm's warm-up) which step is next.
    public func prepare(step: Int, of totalSteps: Int) {
        for l in phaseDependentLayers { l.prepare(step: step, of: totalSteps) }
    }

    /// Logits [batch, time, vocabulary] for `tokens` (row-major [batch, time]).
    public func forward(tokens: [Int32], batch: Int, time: Int) -> Tensor {
        sharing?.pull()
        var x = embedding.forward(tokens, batch: batch, time: time)
        if let embeddingScale { x = embeddingScale.forward(x) }
        for (i, b) in blocks.enumerated() {
            x = b.forward(x)
            if streamProbes[i].recordsInternals { streamProbes[i].observe(x) }
        }
        if let finalNorm { x = finalNorm.forward(x) }
        var logits = head.forward(x)
        if logitScale != 1 {
            let out = scaledLogits.get(logits.shape)
            out.assign(logits)
            out.scale(by: logitScale)
            logits = out
        }
        logitsObserver?(logits)
        return logits
    }

    /// Accumulates every parameter gradient from ∂loss/∂logits of the last `forward`.
    public func backward(_ dLogits: Tensor) {
        if logitScale != 1 { dLogits.scale(by: logitScale) }
        var g = head.backward(dLogits)
        if let finalNorm { g = finalNorm.backward(g) }
        for b in blocks.reversed() { g = b.backward(g) }
        if let embeddingScale { g = embeddingScale.backward(g) }
        embedding.backward(g)
        sharing?.push()
    }

    /// Forward, loss (cross-entropy + z-loss + auxiliary losses) and backward; returns the
    /// total loss. Gradients accumulate into the parameters.
    @discardableResult
    public func lossAndBackward(tokens: [Int32], targets: [Int32], batch: Int, time: Int) -> Float {
        let logits = forward(tokens: tokens, batch: batch, time: time)
        var losses = Losses()
        losses.crossEntropy = crossEntropy.forward(logits, targets: targets)
        let grad = crossEntropy.gradient!
        if spec.zLoss > 0 {
            let (z, logZ) = ZLoss.apply(coefficient: Float(spec.zLoss), logits: logits, targets: targets, into: grad)
            losses.zLoss = z
            losses.meanLogZ = logZ
        }
        losses.auxiliary = blocks.reduce(0) { $0 + $1.ffn.auxiliaryLoss }
        if recordsInternals {
            let logZ = spec.zLoss > 0 ? Double(losses.meanLogZ) : ZLoss.meanLogZ(logits: logits, targets: targets)
            logZGathered.add("logits.mean_log_z", logZ)
        }
        lastLosses = losses
        backward(grad)
        return losses.total
    }

    /// Mean cross-entropy without gradients (call `setTraining(false)` first to evaluate).
    public func loss(tokens: [Int32], targets: [Int32], batch: Int, time: Int) -> Float {
        let logits = forward(tokens: tokens, batch: batch, time: time)
        let ce = crossEntropy.forward(logits, targets: targets, computeGradient: false)
        lastLosses = Losses(crossEntropy: ce)
        return ce
    }

    // MARK: Cost

    /// The analytic count of trainable scalars: registry formulas for the layers, tables for
    /// the embedding and head, r·(in+out) per LoRA'd matrix; shared blocks counted once.
    public var analyticParameterCount: Int {
        let (norm, mixer, ffn) = try! spec.validated()
        func count(_ v: ResolvedVariant, _ i: Int) -> Int { v.descriptor.parameterCount?(v.values, spec.layerContext(i)) ?? 0 }
        let unique = spec.sharing.uniqueBlocks(depth: spec.depth)
        var total = spec.vocabulary * spec.width + spec.context * spec.width + spec.width * spec.vocabulary
        if spec.embeddingScale { total += 1 }
        total += (0..<unique).reduce(0) { $0 + count(mixer, $1) + count(ffn, $1) }
        let normLayers = (sharing?.sharedNorms ?? false) ? unique : spec.depth
        total += 2 * normLayers * count(norm, 0)
        if finalNorm != nil { total += count(norm, spec.depth) }
        return total + (sharing?.loraParameterCount ?? 0)
    }

    /// Matrix-product FLOPs per token of one forward pass over a full context, head included.
    public var forwardFLOPsPerToken: Int {
        let t = spec.context
        var total = 2 * spec.width * spec.vocabulary
        for b in blocks { total += b.forwardFLOPsPerToken(context: t) }
        return total + (finalNorm?.forwardFLOPsPerToken(context: t) ?? 0)
    }

    /// FLOPs of the per-step LoRA merges (independent of the tokens; 0 without LoRA).
    public var mergeFLOPsPerStep: Int { sharing?.mergeFLOPs ?? 0 }

    /// Bytes of activations per token kept for the backward pass: every layer's, the
    /// residual stream twice per block, the embedding output (twice when scaled) and the logits.
    public var activationBytesPerToken: Int {
        let t = spec.context
        var total = 4 * (spec.width + spec.vocabulary) + (spec.embeddingScale ? 4 * spec.width : 0)
        for b in blocks { total += b.activationBytesPerToken(context: t) + 4 * 2 * spec.width }
        return total + (finalNorm?.activationBytesPerToken(context: t) ?? 0)
    }
}

extension DecoderLM: TrainableModel {
    public func logits(_ input: TokenBatch) -> Tensor { forward(tokens: input.tokens, batch: input.batch, time: input.time) }

    public func backward(logits gradient: Tensor) { backward(gradient) }

    /// The total loss (cross-entropy, z-loss, auxiliary losses) and the targets that are not −1.
    public func lossAndBackward(_ input: TokenBatch, targets: [Int32]) -> (loss: Float, count: Int) {
        let loss = lossAndBackward(tokens: input.tokens, targets: targets, batch: input.batch, time: input.time)
        return (loss, crossEntropy.counted)
    }

    /// The mean cross-entropy.
    public func loss(_ input: TokenBatch, targets: [Int32]) -> Float {
        loss(tokens: input.tokens, targets: targets, batch: input.batch, time: input.time)
    }

    /// Per token of a full context.
    public var forwardFLOPsPerUnit: Int { forwardFLOPsPerToken }

    /// Per token of a full context.
    public var activationBytesPerUnit: Int { activationBytesPerToken }
}
