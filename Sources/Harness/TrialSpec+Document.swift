import Configuration
import Foundation
import Tasks
import Variants

extension TrialSpec {
    /// The spec of one planned trial from its validated document and the variants the validator
    /// resolved in it (by dotted key), checking what the schema cannot: task parameters against
    /// the catalogue, the model's shape and the task's kind, and the training length. Errors
    /// point at the offending node.
    public static func from(document doc: SuiteNode, variants: [String: VariantSpec], seed: Int) throws -> TrialSpec {
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
        let task = TaskPart(id: taskId, params: taskValues.values.mapValues(SpecValue.init),
                            seed: SchemaSection("task", of: doc, SuiteSchema.task).int("seed"))

        // Model.
        let m = SchemaSection("model", of: doc, SuiteSchema.model)
        let family: ModelFamily = m.choice("family")
        let expected = ModelFamily(training: descriptor.family)
        if family != expected {
            throw SuiteError(at: doc.node(at: ["model", "family"])?.location ?? doc["model"]!.location, key: "model.family",
                             "\(taskId) is a \(descriptor.family) task and needs model family '\(expected.rawValue)'", allowed: expected.rawValue)
        }
        func variant(_ key: String) -> VariantSpec {
            guard let resolved = variants[key] else { preconditionFailure("the validator resolves every variant (\(key))") }
            return resolved
        }
        var arch: [VariantSpec] = []
        if case .list(let items)? = doc.node(at: ["model", "arch"])?.value {
            arch = items.indices.map { variant("model.arch[\($0)]") }
        }
        let model = ModelPart(
            family: family, depth: m.int("depth"), width: m.int("width"), heads: m.int("heads"),
            ffn_ratio: m.double("ffn_ratio"), bias: m.bool("bias"), placement: m.choice("placement"),
            mix_alpha: m.double("mix_alpha"), z_loss: m.double("z_loss"), norm: variant("model.norm"),
            mixer: variant("model.mixer"), ffn: variant("model.ffn"), arch: arch, activation: m.choice("activation"))

        // Training.
        let t = SchemaSection("training", of: doc, SuiteSchema.training)
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
            steps: budgetNode == nil ? t.int("steps") : nil, budget: budget, batch: t.int("batch"), lr: t.double("lr"),
            optimizer: t.choice("optimizer"), weight_decay: t.double("weight_decay"), beta1: t.double("beta1"),
            beta2: t.double("beta2"), momentum: t.double("momentum"), schedule: t.choice("schedule"), warmup: t.int("warmup"),
            decay_steps: t.int("decay_steps"), min_lr_ratio: t.double("min_lr_ratio"), clip: t.double("clip"),
            log_every: t.int("log_every"), eval_every: t.int("eval_every"), eval_examples: t.int("eval_examples"))
        let l = SchemaSection("measurement", of: doc, SuiteSchema.measurement)
        let measurement = MeasurementPart(
            latency: l.bool("latency"), latency_batch: l.int("latency_batch"), warmup_iterations: l.int("warmup_iterations"),
            warmup_seconds: l.double("warmup_seconds"), min_samples: l.int("min_samples"), min_seconds: l.double("min_seconds"),
            bootstrap: l.int("bootstrap"), internals: try internalsGroups(doc, family: family))
        var compression: [[VariantSpec]] = []
        if case .list(let items)? = doc["compression"]?.value {
            for (i, item) in items.enumerated() {
                if case .list(let stages) = item.value {
                    compression.append(stages.indices.map { variant("compression[\(i)][\($0)]") })
                } else {
                    compression.append([variant("compression[\(i)]")])
                }
            }
        }
        let d = SchemaSection("debug", of: doc, SuiteSchema.debug)
        let fault: FaultKind = d.choice("fault")
        let debug = fault == .none ? nil : DebugPart(fault: fault, fault_step: d.int("fault_step"))
        let spec = TrialSpec(engine: Engine.version, task: task, model: model, training: training, measurement: measurement,
                             compression: compression, seed: seed, debug: debug)
        if family == .transformer {
            // The variants are resolved already: only the shape is left to check.
            let shape = spec.modelSpec(vocabulary: 2, context: 1)
            if !compression.isEmpty && shape.sharing != .none {
                throw SuiteError(at: doc["compression"]!.location, key: "compression",
                                 "compression of weight-shared models (arch.tied, arch.recursive, arch.relaxed-recursive) is not supported yet",
                                 allowed: "a model without weight sharing")
            }
            do {
                try shape.checkShape()
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
        case .pre: placement = .pre
        case .post: placement = .post
        case .mix: placement = .mix(alpha: model.mix_alpha)
        case .depthScaled: placement = .depthScaled
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

    /// `measurement.internals` in canonical order, nil when absent or empty; a group the
    /// model family cannot report is an error at its entry.
    private static func internalsGroups(_ doc: SuiteNode, family: ModelFamily) throws -> [InternalsGroup]? {
        guard case .list(let items)? = doc.node(at: ["measurement", "internals"])?.value else { return nil }
        var given = Set<InternalsGroup>()
        for item in items {
            guard case .string(let s) = item.value, let group = InternalsGroup(rawValue: s) else {
                preconditionFailure("schema checked measurement.internals")
            }
            if family == .mlp && !InternalsGroup.classifierGroups.contains(group) {
                throw SuiteError(at: item.location, key: "measurement.internals",
                                 "an mlp model has no \(s) statistics (no attention, residual stream, vocabulary softmax, experts or decay)",
                                 allowed: InternalsGroup.classifierGroups.map(\.rawValue).joined(separator: ", "))
            }
            given.insert(group)
        }
        return given.isEmpty ? nil : InternalsGroup.allCases.filter(given.contains)
    }

    private static func asInt(_ n: SuiteNode) -> Int {
        switch n.value { case .int(let i): return i; case .double(let d): return Int(d); default: return 0 }
    }
    private static func asDouble(_ n: SuiteNode) -> Double {
        switch n.value { case .int(let i): return Double(i); case .double(let d): return d; default: return 0 }
    }
}
