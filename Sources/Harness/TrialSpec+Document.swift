import Configuration
import Foundation
import Tasks
import Variants

extension TrialSpec {
    /// The spec of one planned trial from its (schema-valid) document, checking what the
    /// schema cannot: task parameters against the catalogue, the model against the registry
    /// and the task's kind, and the training length. Errors point at the offending node.
    public static func from(document doc: SuiteNode, seed: Int) throws -> TrialSpec {
        // Task.
        let taskNode = doc["task"]!
        guard case .string(let taskId) = taskNode["id"]!.value else { preconditionFailure("schema checked task.id") }
        let descriptor = try TaskCatalog.descriptor(taskId)
        let paramsNode = taskNode["params"]
        let given = try paramsNode.map { try SuiteValidator.parameterValues($0, key: "task.params") } ?? [:]
        let taskValues: ParameterValues
        do {
            taskValues = try descriptor.resolve(given)
        } catch let e as ParameterError {
            throw SuiteValidator.parameterError(e, key: "task.params", params: paramsNode ?? taskNode)
        }
        let task = TaskPart(id: taskId, params: taskValues.values.mapValues(SpecValue.init), seed: int(doc, "task.seed", 0))

        // Model.
        let family = ModelFamily(rawValue: string(doc, "model.family", "transformer"))!
        let expected: ModelFamily = descriptor.family == .sequenceModel ? .transformer : .mlp
        if family != expected {
            throw SuiteError(at: doc.node(at: ["model", "family"])?.location ?? doc["model"]!.location, key: "model.family",
                             "\(taskId) is a \(descriptor.family) task and needs model family '\(expected.rawValue)'", allowed: expected.rawValue)
        }
        func variant(_ key: String, _ fallback: String, _ family: VariantFamily) throws -> VariantSpec {
            let node = doc.node(at: ["model", key]) ?? SuiteNode(.string(fallback), at: doc["model"]!.location)
            return try resolveVariant(node, key: "model." + key, family: family)
        }
        var arch: [VariantSpec] = []
        if case .list(let items)? = doc.node(at: ["model", "arch"])?.value {
            for (i, item) in items.enumerated() { arch.append(try resolveVariant(item, key: "model.arch[\(i)]", family: .arch)) }
        }
        let model = ModelPart(
            family: family, depth: int(doc, "model.depth", 2), width: int(doc, "model.width", 64), heads: int(doc, "model.heads", 2),
            ffn_ratio: double(doc, "model.ffn_ratio", 4), bias: bool(doc, "model.bias", true),
            placement: string(doc, "model.placement", "pre"), mix_alpha: double(doc, "model.mix_alpha", 0.25),
            z_loss: double(doc, "model.z_loss", 0), norm: try variant("norm", "norm.layernorm", .norm),
            mixer: try variant("mixer", "attn.softmax", .attn), ffn: try variant("ffn", "ffn.mlp", .ffn),
            arch: arch, activation: string(doc, "model.activation", "relu"))

        // Training.
        let budgetNode = doc.node(at: ["training", "budget"])
        var budget: Budget?
        if let budgetNode {
            budget = Budget(tokens: budgetNode["tokens"].map { asInt($0) }, flops: budgetNode["flops"].map { asDouble($0) },
                            seconds: budgetNode["seconds"].map { asDouble($0) })
            let given = [budget!.tokens != nil, budget!.flops != nil, budget!.seconds != nil].filter { $0 }.count
            if given != 1 {
                throw SuiteError(at: budgetNode.location, key: "training.budget", "give exactly one of tokens, flops, seconds (found \(given))")
            }
        }
        let stepsNode = doc.node(at: ["training", "steps"])
        if stepsNode != nil && budgetNode != nil {
            throw SuiteError(at: stepsNode!.location, key: "training.steps", "give either steps or budget, not both")
        }
        let training = TrainingPart(
            steps: stepsNode.map { asInt($0) } ?? (budgetNode == nil ? 100 : nil), budget: budget,
            batch: int(doc, "training.batch", 32), lr: double(doc, "training.lr", 1e-3),
            optimizer: string(doc, "training.optimizer", "adamw"), weight_decay: double(doc, "training.weight_decay", 0.01),
            beta1: double(doc, "training.beta1", 0.9), beta2: double(doc, "training.beta2", 0.999),
            momentum: double(doc, "training.momentum", 0.9), schedule: string(doc, "training.schedule", "cosine"),
            warmup: int(doc, "training.warmup", 0), decay_steps: int(doc, "training.decay_steps", 0),
            min_lr_ratio: double(doc, "training.min_lr_ratio", 0.1), clip: double(doc, "training.clip", 1),
            log_every: int(doc, "training.log_every", 10), eval_every: int(doc, "training.eval_every", 0),
            eval_examples: int(doc, "training.eval_examples", 512))
        let measurement = MeasurementPart(
            latency: bool(doc, "measurement.latency", true), latency_batch: int(doc, "measurement.latency_batch", 1),
            warmup_iterations: int(doc, "measurement.warmup_iterations", 10),
            warmup_seconds: double(doc, "measurement.warmup_seconds", 0.2),
            min_samples: int(doc, "measurement.min_samples", 30), min_seconds: double(doc, "measurement.min_seconds", 1),
            bootstrap: int(doc, "measurement.bootstrap", 1000))
        var compression: [[VariantSpec]] = []
        if case .list(let items)? = doc["compression"]?.value {
            for (i, item) in items.enumerated() {
                if case .list(let stages) = item.value {
                    compression.append(try stages.enumerated().map { j, stage in
                        try resolveVariant(stage, key: "compression[\(i)][\(j)]", family: .compress)
                    })
                } else {
                    compression.append([try resolveVariant(item, key: "compression[\(i)]", family: .compress)])
                }
            }
        }
        let fault = string(doc, "debug.fault", "none")
        let debug = fault == "none" ? nil : DebugPart(fault: fault, fault_step: int(doc, "debug.fault_step", 0))
        let spec = TrialSpec(engine: Engine.version, task: task, model: model, training: training, measurement: measurement,
                             compression: compression, seed: seed, debug: debug)
        if family == .transformer && !compression.isEmpty && spec.modelSpec(vocabulary: 2, context: 1).sharing != .none {
            throw SuiteError(at: doc["compression"]!.location, key: "compression",
                             "compression of weight-shared models (arch.tied, arch.recursive, arch.relaxed-recursive) is not supported yet",
                             allowed: "a model without weight sharing")
        }
        if family == .transformer {
            do {
                _ = try spec.modelSpec(vocabulary: 2, context: 1).validated()
            } catch let e as ParameterError {
                // Shape errors name the model key (heads, unique_blocks…).
                if case .invalidParameterValue(_, let key, let value, let allowed) = e {
                    let node = doc.node(at: ["model", key]) ?? doc["model"]!
                    throw SuiteError(at: node.location, key: "model." + key, "'\(value)' is not allowed", allowed: allowed)
                }
                throw SuiteError(at: doc["model"]!.location, key: "model", e.description)
            }
        }
        return spec
    }

    /// The registry's `ModelSpec` of a transformer trial for a task's vocabulary and context.
    public func modelSpec(vocabulary: Int, context: Int) -> ModelSpec {
        let placement: Placement
        switch model.placement {
        case "post": placement = .post
        case "mix": placement = .mix(alpha: model.mix_alpha)
        case "depth-scaled": placement = .depthScaled
        default: placement = .pre
        }
        var spec = ModelSpec(vocabulary: vocabulary, context: context, width: model.width, depth: model.depth, heads: model.heads,
                             ffnRatio: model.ffn_ratio, bias: model.bias,
                             norm: VariantChoice(model.norm.id, model.norm.parameterValues), placement: placement,
                             mixer: VariantChoice(model.mixer.id, model.mixer.parameterValues),
                             ffn: VariantChoice(model.ffn.id, model.ffn.parameterValues), zLoss: model.z_loss)
        for a in model.arch {
            if let resolved = try? Registry.validate(key: "model.arch", id: a.id, parameters: a.parameterValues, family: .arch) {
                spec = spec.applying(resolved)
            }
        }
        return spec
    }

    private static func resolveVariant(_ node: SuiteNode, key: String, family: VariantFamily) throws -> VariantSpec {
        try SuiteValidator.check(node, .variant(family), key: key)
        let (id, _, params) = try SuiteValidator.variantParts(node, key: key)
        let resolved = try Registry.validate(key: key, id: id, parameters: params?.parameters ?? [:], family: family)
        return VariantSpec(id: id, params: resolved.values.values.mapValues(SpecValue.init))
    }

    private static func value(_ doc: SuiteNode, _ path: String) -> SuiteNode? { doc.node(at: path.split(separator: ".").map(String.init)) }
    private static func asInt(_ n: SuiteNode) -> Int {
        switch n.value { case .int(let i): return i; case .double(let d): return Int(d); default: return 0 }
    }
    private static func asDouble(_ n: SuiteNode) -> Double {
        switch n.value { case .int(let i): return Double(i); case .double(let d): return d; default: return 0 }
    }
    private static func int(_ doc: SuiteNode, _ path: String, _ fallback: Int) -> Int { value(doc, path).map(asInt) ?? fallback }
    private static func double(_ doc: SuiteNode, _ path: String, _ fallback: Double) -> Double { value(doc, path).map(asDouble) ?? fallback }
    private static func bool(_ doc: SuiteNode, _ path: String, _ fallback: Bool) -> Bool {
        if case .bool(let b)? = value(doc, path)?.value { return b }
        return fallback
    }
    private static func string(_ doc: SuiteNode, _ path: String, _ fallback: String) -> String {
        if case .string(let s)? = value(doc, path)?.value { return s }
        return fallback
    }
}
