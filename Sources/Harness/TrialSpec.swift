import Configuration
import Foundation
import NN

/// A parameter value in canonical JSON: a number, boolean or string.
public enum SpecValue: Codable, Hashable, Sendable {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)

    public init(_ v: ParameterValue) {
        switch v {
        case .int(let x): self = .int(x)
        case .double(let x): self = .double(x)
        case .bool(let x): self = .bool(x)
        case .string(let x): self = .string(x)
        }
    }

    /// The value as the registry and catalogue take it.
    public var parameterValue: ParameterValue {
        switch self {
        case .int(let x): return .int(x)
        case .double(let x): return .double(x)
        case .bool(let x): return .bool(x)
        case .string(let x): return .string(x)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else { self = .string(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let x): try c.encode(x)
        case .double(let x): try c.encode(x)
        case .bool(let x): try c.encode(x)
        case .string(let x): try c.encode(x)
        }
    }
}

/// A registry variant with its resolved parameters (defaults filled in).
public struct VariantSpec: Codable, Hashable, Sendable {
    public var id: String
    public var params: [String: SpecValue]
    /// The variant's `revision` when above 0 (nil is left out of the JSON, so the keys of
    /// variants never revised are what they were).
    public var revision: Int? = nil

    public var parameterValues: [String: ParameterValue] { params.mapValues(\.parameterValue) }
}

/// Everything that defines one trial, fully resolved, so that its canonical JSON (sorted
/// keys) identifies the experiment: the content key is a hash of it and the engine version.
public struct TrialSpec: Codable, Hashable, Sendable {
    public struct TaskPart: Codable, Hashable, Sendable {
        public var id: String
        public var params: [String: SpecValue]
        public var seed: Int
    }

    public struct ModelPart: Codable, Hashable, Sendable {
        public var family: ModelFamily
        public var depth: Int
        public var width: Int
        public var heads: Int
        public var ffn_ratio: Double
        public var bias: Bool
        public var placement: PlacementKind
        public var mix_alpha: Double
        public var z_loss: Double
        public var norm: VariantSpec
        public var mixer: VariantSpec
        public var ffn: VariantSpec
        public var arch: [VariantSpec]
        public var activation: Activation
    }

    public struct Budget: Codable, Hashable, Sendable {
        public var tokens: Int?
        public var flops: Double?
        public var seconds: Double?
    }

    public struct TrainingPart: Codable, Hashable, Sendable {
        public var steps: Int?
        public var budget: Budget?
        public var batch: Int
        public var lr: Double
        public var optimizer: OptimizerKind
        public var weight_decay: Double
        public var beta1: Double
        public var beta2: Double
        public var momentum: Double
        public var schedule: ScheduleKind
        public var warmup: Int
        public var decay_steps: Int
        public var min_lr_ratio: Double
        public var clip: Double
        public var log_every: Int
        public var eval_every: Int
        public var eval_examples: Int
    }

    public struct MeasurementPart: Codable, Hashable, Sendable {
        public var latency: Bool
        public var latency_batch: Int
        public var warmup_iterations: Int
        public var warmup_seconds: Double
        public var min_samples: Int
        public var min_seconds: Double
        public var bootstrap: Int
        /// The mechanism statistics recorded, in `InternalsGroup` order; nil when none (left
        /// out of the JSON, so the keys of trials without them are what they were).
        public var internals: [InternalsGroup]? = nil
    }

    public struct DebugPart: Codable, Hashable, Sendable {
        public var fault: FaultKind
        public var fault_step: Int
    }

    /// The engine version the results depend on.
    public var engine: String
    public var task: TaskPart
    public var model: ModelPart
    public var training: TrainingPart
    public var measurement: MeasurementPart
    /// The compression pipelines, each applied to its own copy of the trained model: a list
    /// of methods run in order (a single method is a one-stage pipeline).
    public var compression: [[VariantSpec]]
    /// Model initialisation and batch-order seed (the replicate).
    public var seed: Int
    /// Fault injection; nil when none.
    public var debug: DebugPart?
    /// The tagged run this trial belongs to (`ablate run --tag`), or nil. A tag makes a repeat
    /// of the same experiment (a nightly run) a new trial instead of a resumed one; nil is left
    /// out of the JSON, so untagged keys are what they were before tags existed.
    public var tag: String? = nil

    /// The canonical JSON text: sorted keys, no whitespace.
    public var canonicalJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// The content key: the first 16 bytes of SHA-256 of the canonical JSON (which includes
    /// the engine version), in hex. Equal specs share a key; any change makes a new one.
    public var key: String {
        SHA256.hex(Array(canonicalJSON.utf8)).prefix(32).description
    }

    /// Decodes a stored spec.
    public static func decode(_ json: String) throws -> TrialSpec {
        try JSONDecoder().decode(TrialSpec.self, from: Data(json.utf8))
    }
}

/// The version of the engine and harness semantics baked into every content key: bump it
/// when a change alters what a trial with the same spec would measure (3: integer
/// quantization after N:M pruning stores only the kept weights, so such chains' bytes changed).
public enum Engine {
    public static let version = "ablate-engine-3"
}
