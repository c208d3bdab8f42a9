import Configuration
import NN
import Reports
import Variants

/// The type of a value in a suite, as the validator checks it and the JSON Schema states it.
public indirect enum SchemaType: Sendable {
    /// Any string, or one of `choices` when given.
    case string(choices: [String]?)
    /// An integer in `min...max` (an integral number such as `1e6` is accepted).
    case integer(min: Int?, max: Int?)
    /// A number in `min...max`; `exclusiveMinimum` excludes `min` itself.
    case number(min: Double?, max: Double?, exclusiveMinimum: Bool)
    case boolean
    /// A mapping with these fields; unknown keys are errors.
    case object([SchemaField])
    /// A mapping with any keys, each value of this type.
    case map(SchemaType)
    /// A list of items of this type, at least `minItems` long (`count` exactly when given).
    case list(SchemaType, minItems: Int, count: Int?)
    /// A registered variant of this family: its id, or `{id, params}`.
    case variant(VariantFamily)
    /// A catalogue task id.
    case task
    /// One of these alternatives (the first that fits).
    case oneOf([SchemaType])
    /// Anything (values checked later, e.g. task parameters by the catalogue).
    case any
}

/// One key of a suite mapping: name, type, whether it is required, its default and what it means.
public struct SchemaField: Sendable {
    public let name: String
    public let type: SchemaType
    public let required: Bool
    public let defaultValue: ParameterValue?
    public let summary: String

    public init(_ name: String, _ type: SchemaType, required: Bool = false, default defaultValue: ParameterValue? = nil, _ summary: String) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// A field naming one case of `Choice`: its raw values are the allowed strings.
    public init<Choice: RawRepresentable & CaseIterable>(_ name: String, default defaultValue: Choice, _ summary: String)
    where Choice.RawValue == String {
        self.init(name, .choice(Choice.self), default: .string(defaultValue.rawValue), summary)
    }
}

extension SchemaType {
    /// A string naming one case of `Choice`.
    public static func choice<Choice: RawRepresentable & CaseIterable>(_: Choice.Type) -> SchemaType where Choice.RawValue == String {
        .string(choices: Choice.allCases.map(\.rawValue))
    }
}

/// The suite format: one definition per key that validates suites, gives trial specs their
/// defaults (`SchemaSection`) and generates the JSON Schema.
public enum SuiteSchema {
    static let variantParams = SchemaType.map(.any)

    /// The top-level keys of a suite.
    public static var root: [SchemaField] {
        [
            SchemaField("name", .string(choices: nil), required: true, "The suite's name; also the default sweep id in the store."),
            SchemaField("description", .string(choices: nil), default: .string(""), "What the suite compares, in a sentence or two."),
            SchemaField("task", .object(task), required: true, "The task to train and evaluate on."),
            SchemaField("model", .object(model), required: true, "The model: family, shape and layer variants by registry id."),
            SchemaField("training", .object(training), "How long and how to train."),
            SchemaField("measurement", .object(measurement), "Inference latency protocol settings (DESIGN.md, Measurement protocol)."),
            SchemaField("sweep", .object(sweep), "The sweep: grid, zip, random and seeds over dotted keys of this suite."),
            SchemaField("compression", .list(.oneOf([.variant(.compress), .list(.variant(.compress), minItems: 1, count: nil)]), minItems: 0, count: nil),
                        "Compression pipelines applied to each trained model, each on its own copy: a compress.* variant (one stage) or a list of them applied in order (prune, then quantize, then recover); every stage is evaluated and timed."),
            SchemaField("fits", .list(.object(fit), minItems: 0, count: nil), "Scaling-law fits run after the sweep by `ablate run` and saved in the store (also `ablate fit SWEEP`)."),
            SchemaField("tune", .object(tune), "Tune hyperparameters per configuration on the validation split before the final runs."),
            SchemaField("baseline", .map(.any), "The configuration every other one is compared with, paired by seed: sweep axis → value (e.g. {model.norm: norm.layernorm})."),
            SchemaField("claims", .list(.object(claim), minItems: 0, count: nil), "What the suite expects, each checked by code into a verdict: supported, contradicted or inconclusive."),
            SchemaField("gates", .object(gates), "What a trial must show before a claim on it counts: headroom, converged, stable, tuned."),
            SchemaField("report", .map(.any), "Report settings (validated as a mapping; used by `ablate report`)."),
            SchemaField("debug", .object(debug), "Fault injection for testing the harness itself."),
        ]
    }

    static var task: [SchemaField] {
        [
            SchemaField("id", .task, required: true, "Catalogue id (`ablate list tasks`)."),
            SchemaField("params", .map(.any), "Task parameters (`ablate describe TASK`), checked by the catalogue."),
            SchemaField("seed", .integer(min: 0, max: nil), default: .int(0), "Data seed: the examples each split holds."),
        ]
    }

    static var model: [SchemaField] {
        [
            SchemaField("family", default: ModelFamily.transformer,
                        "transformer (sequence tasks) or mlp (classification tasks)."),
            SchemaField("depth", .integer(min: 1, max: 1024), default: .int(2), "Blocks (transformer) or hidden layers (mlp)."),
            SchemaField("width", .integer(min: 1, max: 65536), default: .int(64), "Model width d (transformer) or hidden width (mlp)."),
            SchemaField("heads", .integer(min: 1, max: 1024), default: .int(2), "Attention heads (divides the width)."),
            SchemaField("ffn_ratio", .number(min: 0.01, max: 64, exclusiveMinimum: false), default: .double(4), "FFN hidden width ÷ width."),
            SchemaField("bias", .boolean, default: .bool(true), "Biases in Linear layers and norms."),
            SchemaField("placement", default: PlacementKind.pre, "Where the norms sit."),
            SchemaField("mix_alpha", .number(min: 0, max: 1, exclusiveMinimum: false), default: .double(0.25), "mix: fraction of post-norm layers."),
            SchemaField("z_loss", .number(min: 0, max: 1, exclusiveMinimum: false), default: .double(0), "z-loss coefficient (0: off)."),
            SchemaField("norm", .variant(.norm), default: .string("norm.layernorm"), "Normalization variant."),
            SchemaField("mixer", .variant(.attn), default: .string("attn.softmax"), "Token mixer variant."),
            SchemaField("ffn", .variant(.ffn), default: .string("ffn.mlp"), "Feed-forward variant."),
            SchemaField("arch", .list(.variant(.arch), minItems: 0, count: nil), "Architecture variants applied in order (sharing, μP)."),
            SchemaField("activation", default: Activation.relu, "mlp: hidden activation."),
        ]
    }

    static var training: [SchemaField] {
        [
            SchemaField("steps", .integer(min: 1, max: 100_000_000), default: .int(100), "Optimizer steps (or give budget)."),
            SchemaField("budget", .object([
                SchemaField("tokens", .integer(min: 1, max: nil), "Training tokens (sequence) or examples (classification)."),
                SchemaField("flops", .number(min: 0, max: nil, exclusiveMinimum: true), "Training FLOPs: 3 × forward FLOPs per token × tokens."),
                SchemaField("seconds", .number(min: 0, max: nil, exclusiveMinimum: true), "Wall-clock training time (not reproducible bitwise)."),
            ]), "A compute budget instead of steps: exactly one of tokens, flops, seconds."),
            SchemaField("batch", .integer(min: 1, max: 1_000_000), default: .int(32), "Examples per step."),
            SchemaField("lr", .number(min: 0, max: 10, exclusiveMinimum: true), default: .double(1e-3), "Base learning rate."),
            SchemaField("optimizer", default: OptimizerKind.adamw, "Optimizer."),
            SchemaField("weight_decay", .number(min: 0, max: 10, exclusiveMinimum: false), default: .double(0.01), "Weight decay."),
            SchemaField("beta1", .number(min: 0, max: 0.999999, exclusiveMinimum: false), default: .double(0.9), "AdamW β₁."),
            SchemaField("beta2", .number(min: 0, max: 0.999999, exclusiveMinimum: false), default: .double(0.999), "AdamW β₂."),
            SchemaField("momentum", .number(min: 0, max: 0.999999, exclusiveMinimum: false), default: .double(0.9), "SGD momentum."),
            SchemaField("schedule", default: ScheduleKind.cosine, "Learning-rate schedule."),
            SchemaField("warmup", .integer(min: 0, max: nil), default: .int(0), "Warm-up steps (cosine, wsd)."),
            SchemaField("decay_steps", .integer(min: 0, max: nil), default: .int(0), "wsd: final decay steps (0: a fifth of training)."),
            SchemaField("min_lr_ratio", .number(min: 0, max: 1, exclusiveMinimum: false), default: .double(0.1), "Final rate ÷ base rate."),
            SchemaField("clip", .number(min: 0, max: nil, exclusiveMinimum: false), default: .double(1), "Global gradient-norm clip (0: off)."),
            SchemaField("log_every", .integer(min: 1, max: nil), default: .int(10), "Record loss and lr every k steps."),
            SchemaField("eval_every", .integer(min: 0, max: nil), default: .int(0), "Evaluate on the validation split every m steps (0: only at the end)."),
            SchemaField("eval_examples", .integer(min: 1, max: nil), default: .int(512), "Validation examples used by the periodic and final validation evaluations."),
        ]
    }

    static var measurement: [SchemaField] {
        [
            SchemaField("latency", .boolean, default: .bool(true), "Measure inference latency."),
            SchemaField("latency_batch", .integer(min: 1, max: 4096), default: .int(1), "Sequences (or examples) per timed forward pass."),
            SchemaField("warmup_iterations", .integer(min: 10, max: nil), default: .int(10), "Warm-up iterations (at least 10)."),
            SchemaField("warmup_seconds", .number(min: 0.2, max: nil, exclusiveMinimum: false), default: .double(0.2), "Warm-up time (at least 0.2 s)."),
            SchemaField("min_samples", .integer(min: 30, max: nil), default: .int(30), "Timed samples (at least 30; p99 needs 100)."),
            SchemaField("min_seconds", .number(min: 1, max: nil, exclusiveMinimum: false), default: .double(1), "Timed seconds (at least 1)."),
            SchemaField("bootstrap", .integer(min: 100, max: 100_000), default: .int(1000), "Bootstrap resamples for the median's 95% interval."),
            SchemaField("internals", .list(.choice(InternalsGroup.self), minItems: 0, count: nil),
                        "Mechanism statistics recorded every log_every steps (curves `internals.…`) and at the end (stage `internals`): attention, logits, gradients, residual, activations; moe and decay from layers that have them. An MLP records activations and gradients only. Absent or empty: off."),
        ]
    }

    /// The values of one sweep axis.
    static let axis = SchemaType.list(.any, minItems: 1, count: nil)

    static var sweep: [SchemaField] {
        [
            SchemaField("grid", .map(axis), "Cartesian product: dotted key → list of values."),
            SchemaField("zip", .map(axis), "Lists of equal length advanced together: dotted key → list."),
            SchemaField("random", .object(random), "n seeded samples, crossed with the grid."),
            SchemaField("seeds", .oneOf([.integer(min: 1, max: 10_000), .list(.integer(min: 0, max: nil), minItems: 1, count: nil)]),
                        default: .int(1), "Replicates: a count (seeds 0..n-1) or a list of seeds."),
        ]
    }

    /// The keys of `sweep.random`.
    static var random: [SchemaField] {
        let range = SchemaType.list(.number(min: nil, max: nil, exclusiveMinimum: false), minItems: 2, count: 2)
        let distribution = SchemaType.oneOf([
            .object([SchemaField("choice", axis, required: true, "Values drawn uniformly.")]),
            .object([SchemaField("uniform", range, required: true, "[low, high], drawn uniformly.")]),
            .object([SchemaField("log-uniform", range, required: true, "[low, high] > 0, drawn uniformly in log space.")]),
        ])
        return [
            SchemaField("n", .integer(min: 1, max: 100_000), required: true, "Samples drawn."),
            SchemaField("seed", .integer(min: 0, max: nil), default: .int(0), "Sampling seed."),
            SchemaField("axes", .map(distribution), required: true, "Dotted key → choice, uniform or log-uniform."),
        ]
    }

    static var fit: [SchemaField] {
        [
            SchemaField("form", .string(choices: ["power", "saturating-power", "saturating", "chinchilla", "broken-power", "log-linear"]), required: true, "Functional form."),
            SchemaField("x", .string(choices: nil), required: true, "Dotted key or metric used as the covariate."),
            SchemaField("y", .string(choices: nil), required: true, "Metric fitted (stage.name, e.g. eval.loss)."),
            SchemaField("by", .string(choices: nil), "Fit each value of this spec key separately (e.g. model.ffn) and report the crossovers."),
            SchemaField("bootstrap", .integer(min: 0, max: 100_000), default: .int(0), "Bootstrap resamples (seeds resampled within each configuration) for intervals; 0: none."),
            SchemaField("holdout_largest", .integer(min: 1, max: 1000), "Hold out the largest this-many x values, refit, and report the prediction error on them."),
        ]
    }

    /// The keys of `tune:`.
    static var tune: [SchemaField] {
        let range = SchemaType.list(.number(min: 0, max: nil, exclusiveMinimum: true), minItems: 2, count: 2)
        let candidates = SchemaType.oneOf([
            .list(.number(min: nil, max: nil, exclusiveMinimum: false), minItems: 2, count: nil),
            .object([SchemaField("log-range", range, required: true, "[low, high] > 0: points evenly spaced in log space, at most 2× apart.")]),
        ])
        return [
            SchemaField("keys", .map(candidates), required: true, "Dotted key (training.lr, model.norm.params.alpha0, …) → candidate values: a list of at least two numbers, or {log-range: [low, high]}."),
            SchemaField("metric", .string(choices: nil), default: .string("loss"), "The task metric selected on (its better direction from the metric catalogue)."),
            SchemaField("split", .string(choices: ["validation"]), default: .string("validation"), "The split selected on: the validation split, never test."),
            SchemaField("seeds", .integer(min: 1, max: 100), default: .int(1), "Seeds per candidate; tuning seeds are 1000, 1001, …, apart from the final runs' seeds."),
            SchemaField("extend", .integer(min: 0, max: 10), default: .int(2), "When the best value lies at an end of the candidates, add up to this many steps past it, one at a time."),
        ]
    }

    /// The keys of one `claims:` entry: a name, exactly one kind key, and its settings.
    static var claim: [SchemaField] {
        let partial = SchemaType.map(.any)
        return [
            SchemaField("name", .string(choices: nil), "A short name for the claim (default: its kind and subject)."),
            SchemaField("better", partial, "The configuration (sweep axis → value) claimed better than `than` on `metric`."),
            SchemaField("worse", partial, "The configuration claimed worse than `than` on `metric`."),
            SchemaField("equivalent", partial, "The configuration claimed within ±margin of `than` on `metric` (two one-sided tests)."),
            SchemaField("monotone", .string(choices: nil), "A sweep axis along which `metric` is claimed to move in `direction`."),
            SchemaField("order", .list(partial, minItems: 2, count: nil), "Configurations claimed ranked best first on `metric`."),
            SchemaField("slope", .string(choices: nil), "The curve (a `by` value of fit `fit`, or `all`) whose exponent is claimed to lie above `above` and/or below `below`."),
            SchemaField("crossover", .list(.string(choices: nil), minItems: 2, count: 2), "Two curves of fit `fit` claimed to cross inside `within`."),
            SchemaField("than", partial, "better/worse/equivalent: what the configuration is compared with (default: the suite's baseline)."),
            SchemaField("metric", .string(choices: nil), "The metric compared, stage.name (eval.loss, eval.exact_match, eval.latency_median, …)."),
            SchemaField("margin", .oneOf([.number(min: 0, max: nil, exclusiveMinimum: false), .string(choices: nil)]),
                        "better/worse: the least difference claimed; equivalent: the largest difference allowed. A number in the metric's unit, or a percentage of the reference (\"5%\")."),
            SchemaField("direction", .string(choices: ["increasing", "decreasing"]), "monotone: how the metric moves as the axis grows."),
            SchemaField("where", partial, "monotone: only configurations with these axis values."),
            SchemaField("fit", .integer(min: 1, max: 1000), default: .int(1), "slope/crossover: which entry of `fits:` (1 for the first)."),
            SchemaField("parameter", .string(choices: nil), "slope: the fitted parameter (default: the form's exponent, e.g. alpha)."),
            SchemaField("above", .number(min: nil, max: nil, exclusiveMinimum: false), "slope: the exponent's lower bound claimed."),
            SchemaField("below", .number(min: nil, max: nil, exclusiveMinimum: false), "slope: the exponent's upper bound claimed."),
            SchemaField("within", .list(.number(min: nil, max: nil, exclusiveMinimum: false), minItems: 2, count: 2), "crossover: the x range [low, high] the curves are claimed to cross in."),
            SchemaField("gates", .list(.string(choices: Gate.allCases.map(\.rawValue)), minItems: 0, count: nil), "The gates this claim requires (default: the suite's gates.require)."),
        ]
    }

    /// The keys of `gates:`; the defaults are `GateSettings.standard`.
    static var gates: [SchemaField] {
        let standard = GateSettings.standard
        return [
            SchemaField("require", .list(.string(choices: Gate.allCases.map(\.rawValue)), minItems: 0, count: nil),
                        "The gates every claim requires unless it names its own (default: all of headroom, converged, stable, tuned)."),
            SchemaField("headroom", .number(min: 0, max: 1, exclusiveMinimum: false), default: .double(standard.headroom),
                        "The validation loss must lie this fraction below the task's trivial reference (unigram or label-prior loss)."),
            SchemaField("converged", .number(min: 0, max: 1, exclusiveMinimum: false), default: .double(standard.converged),
                        "Of the whole improvement of the validation loss (from the task's reference loss), at most this share may come in the last fifth of training."),
            SchemaField("spike", .number(min: 1, max: nil, exclusiveMinimum: true), default: .double(standard.spike),
                        "After warm-up, a logged training loss above this many times the lowest before it (at least a tenth of the first) fails `stable`."),
        ]
    }

    static var debug: [SchemaField] {
        [
            SchemaField("fault", default: FaultKind.none,
                        "crash: fatalError; hang: loop forever; nan: poison a weight so the loss turns NaN."),
            SchemaField("fault_step", .integer(min: 0, max: nil), default: .int(0), "The training step at which the fault happens."),
        ]
    }

    /// The schema of the value at a dotted path (`training.lr`, `task.params.n`), or nil.
    public static func type(at path: [String]) -> SchemaType? {
        var fields = root
        var type: SchemaType?
        for (i, part) in path.enumerated() {
            if case .map(let inner)? = type {
                type = inner
                if i < path.count - 1 { return nil }
                continue
            }
            guard let f = fields.first(where: { $0.name == part }) else { return nil }
            type = f.type
            if case .object(let sub) = f.type { fields = sub }
        }
        return type
    }
}
