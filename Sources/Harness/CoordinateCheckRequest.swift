import Configuration
import Reports
import Variants

/// What a coordinate check measures: a base trial (task, model, optimizer), rebuilt at each
/// width of a ladder under each parametrization and trained a few steps (`run()`).
public struct CoordinateCheckRequest: Sendable {
    /// How the model's init, multipliers and learning rates depend on width.
    public enum Parametrization: Hashable, Sendable {
        /// No width rules (the spec's own init and rates at every width).
        case standard
        /// `arch.mup` relative to `baseWidth` with the given readout.
        case mup(baseWidth: Int, readout: MuP.Readout)

        /// `standard` or `mup`.
        public var name: String {
            switch self {
            case .standard: return "standard"
            case .mup: return "mup"
            }
        }

        /// What it is, for headings.
        public var label: String {
            switch self {
            case .standard: return "standard parametrization"
            case .mup(let d, let readout): return "μP, base width \(d), \(readout.rawValue) readout"
            }
        }
    }

    /// The trial whose task, model and optimizer are checked; its width, heads, μP and seed are replaced.
    public var base: TrialSpec
    /// The width ladder, ascending.
    public var widths: [Int]
    /// Training steps; sizes are recorded at steps 0 (init) … `steps`.
    public var steps: Int
    /// The base learning rate, constant (no warm-up or decay, no clipping: both would rescale
    /// updates by something other than the parametrization).
    public var learningRate: Double
    /// Seeds averaged over: the base's seed and the next ones.
    public var seeds: Int
    public var parametrizations: [Parametrization]
    /// Head width d_h, fixed across the ladder (heads = width / d_h), so attention's 1/d_h rule is the identity.
    public var headWidth: Int
    /// The largest |slope| of log size on log width that counts as flat.
    public var threshold: Double

    /// A check of `base` over `widths`; by default at the base's learning rate, the base's
    /// head width, and standard against μP with the normal readout based at the smallest width.
    public init(base: TrialSpec, widths: [Int], steps: Int = 4, learningRate: Double? = nil, seeds: Int = 3,
                parametrizations: [Parametrization]? = nil, headWidth: Int? = nil,
                threshold: Double = CoordinateCheck.defaultThreshold) {
        self.base = base
        self.widths = widths.sorted()
        self.steps = steps
        self.learningRate = learningRate ?? base.training.lr
        self.seeds = seeds
        self.parametrizations = parametrizations ?? [.standard, .mup(baseWidth: self.widths.first ?? 1, readout: .normal)]
        self.headWidth = headWidth ?? max(1, base.model.width / base.model.heads)
        self.threshold = threshold
    }

    /// The first trial `suite` plans (its first sweep point, first seed).
    public static func base(suite: Suite) throws -> TrialSpec {
        guard let first = try SweepPlanner.plan(suite).trials.first else {
            throw CoordinateCheckError.invalid("suite \(suite.name) plans no trials")
        }
        return first.spec
    }

    /// The base at `width` under `parametrization` with replicate `seed`: heads for the fixed
    /// head width, any `arch.mup` of the base replaced.
    func trialSpec(width: Int, _ parametrization: Parametrization, seed: Int) throws -> TrialSpec {
        var spec = base
        spec.model.width = width
        spec.model.heads = width / headWidth
        spec.model.arch.removeAll { $0.id == "arch.mup" }
        if case .mup(let d, let readout) = parametrization {
            let given: [String: ParameterValue] = ["base_width": .int(d), "readout": .string(readout.rawValue)]
            let resolved = try Registry.validate(key: "model.arch", id: "arch.mup", parameters: given, family: .arch)
            spec.model.arch.append(VariantSpec(id: "arch.mup", params: resolved.recordedValues
                .mapValues(SpecValue.init)))
        }
        spec.seed = seed
        return spec
    }

    /// Checks the ladder, steps and seeds.
    func validate() throws {
        guard widths.count >= 2, Set(widths).count == widths.count else {
            throw CoordinateCheckError.invalid("a width ladder needs at least two distinct widths (got \(widths))")
        }
        for w in widths where w < headWidth || w % headWidth != 0 {
            throw CoordinateCheckError.invalid("width \(w) is not a multiple of the head width \(headWidth)")
        }
        guard steps >= 1, seeds >= 1, learningRate > 0 else {
            throw CoordinateCheckError.invalid("steps and seeds must be at least 1 and the learning rate positive")
        }
    }
}

/// A coordinate check that cannot run.
public enum CoordinateCheckError: Error, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): return "coord-check: \(reason)"
        }
    }
}
