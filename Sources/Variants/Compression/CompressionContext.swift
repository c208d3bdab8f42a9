import Configuration
import NN
import Tensor

/// A trained model a compression method can work on: its parameters, its compressible
/// `Linear` layers in network order, and which of them is the output layer.
public protocol CompressibleModel: ParameterVisitable, LinearContainer {
    /// The layer producing the logits (LM head, classifier output): Float32 unless a
    /// method's `include_head` option says otherwise.
    var outputLinear: Linear { get }
}

extension DecoderLM: CompressibleModel {
    public var outputLinear: Linear { head }
}

extension MLPClassifier: CompressibleModel {
    public var outputLinear: Linear { layers.last as! Linear }
}

/// Everything a compression method may use besides its options: the model (changed in
/// place), calibration passes, and training steps for recovery methods. The harness builds
/// it from the task; tests build it from synthetic data.
public final class CompressionContext {
    /// The model being compressed; methods replace its layers by compressed twins.
    public let model: CompressibleModel
    /// Runs the model's forward pass over the fixed calibration batches (128 sequences for
    /// an LM, 512 examples for a classifier) in evaluation mode; Linear input observers see
    /// every calibration input.
    public let calibrate: () -> Void
    /// The mean loss of the model over the calibration batches.
    public let calibrationLoss: () -> Double
    /// One training step's forward and backward on the next training batch, accumulating
    /// every visited parameter's gradient; returns the loss. With a teacher, the loss is the
    /// distillation loss against the teacher's logits. Nil when the caller cannot train.
    public let recoveryStep: ((_ distillation: Distillation?) -> Double)?
    /// The uncompressed model before the first stage (for distillation), if kept.
    public let teacher: CompressibleModel?
    /// Seeds every random choice a method makes.
    public let seed: UInt64

    public init(model: CompressibleModel, seed: UInt64, calibrate: @escaping () -> Void,
                calibrationLoss: @escaping () -> Double,
                recoveryStep: ((_ distillation: Distillation?) -> Double)? = nil, teacher: CompressibleModel? = nil) {
        self.model = model
        self.seed = seed
        self.calibrate = calibrate
        self.calibrationLoss = calibrationLoss
        self.recoveryStep = recoveryStep
        self.teacher = teacher
    }

    /// The Linear layers a method compresses: every compressible Linear in network order,
    /// without the output layer unless `includeHead`.
    public func linears(includeHead: Bool = false) -> [(name: String, linear: Linear)] {
        let head = model.outputLinear
        return model.namedLinears().filter { includeHead || $0.1 !== head }.map { (name: $0.0, linear: $0.1) }
    }
}

/// Settings of the distillation loss
/// `L = (1−α)·CE(y, z_s) + α·T²·KL(softmax(z_t/T) ‖ softmax(z_s/T))`.
public struct Distillation: Equatable, Sendable {
    /// The temperature T.
    public var temperature: Float
    /// The weight α of the KL term.
    public var alpha: Float

    public init(temperature: Float, alpha: Float) {
        self.temperature = temperature
        self.alpha = alpha
    }
}

/// What a compression stage reports about each Linear it changed.
public struct CompressedLayerReport: Equatable, Sendable {
    /// The layer's dotted name.
    public var name: String
    /// The twin's storage format (`int`, `csr`, `lowrank`, …).
    public var format: String
    /// `‖W − Ŵ‖_F / ‖W‖_F` against the weight before this stage; nil when the shapes differ
    /// (structured pruning).
    public var relativeError: Double?
    /// Bytes of the weight and bias before (Float32) and after (codes + Float32 parameters).
    public var bytesBefore: Int
    public var bytesAfter: Int

    public init(name: String, format: String, relativeError: Double?, bytesBefore: Int, bytesAfter: Int) {
        self.name = name
        self.format = format
        self.relativeError = relativeError
        self.bytesBefore = bytesBefore
        self.bytesAfter = bytesAfter
    }
}

/// The result of one compression stage.
public struct CompressionOutcome: Equatable, Sendable {
    /// Per changed layer, in network order.
    public var layers: [CompressedLayerReport] = []
    /// Whether the stage's latency is a real change (every changed layer's kernel does less
    /// work) or simulated (decode + dense BLAS, or a sparse kernel that cannot win here).
    public var speed: SpeedLabel = .measured
    /// Method-specific numbers worth recording (chosen ranks, kept layers, calibration
    /// statistics), by name.
    public var metrics: [String: Double] = [:]
    /// Human-readable notes (layers kept dense above the break-even rank, …).
    public var notes: [String] = []

    public init(layers: [CompressedLayerReport] = [], speed: SpeedLabel = .measured,
                metrics: [String: Double] = [:], notes: [String] = []) {
        self.layers = layers
        self.speed = speed
        self.metrics = metrics
        self.notes = notes
    }
}
