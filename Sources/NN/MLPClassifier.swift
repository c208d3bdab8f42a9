import Tensor

/// The activation between the hidden layers of an MLP.
public enum Activation: String, Codable, Sendable, CaseIterable {
    case relu, gelu

    func makeLayer() -> Layer { self == .relu ? ReLU() : GELU() }
}

/// What an MLP classifier's logits score, and so the loss it trains with.
public enum ClassifierObjective: Sendable {
    /// One class per example: softmax cross-entropy over the classes.
    case singleLabel
    /// Independent labels per example: sigmoid binary cross-entropy per label.
    case multiLabel
}

/// A multilayer perceptron classifier: x [B, inputs] → Linear → act → … → Linear → logits [B, classes].
public final class MLPClassifier: Layer {
    public let layers: [Layer]
    public let inputs: Int
    public let classes: Int
    public let objective: ClassifierObjective
    private let lossFunction: ClassifierLoss
    /// One probe per hidden layer on its activated output, for `measurement.internals`.
    public let activationProbes: [ActivationProbe]

    /// Matrix-product FLOPs of one example's forward pass through layers of these widths.
    public static func forwardFLOPsPerExample(inputs: Int, hidden: [Int], classes: Int) -> Int {
        let widths = [inputs] + hidden + [classes]
        return zip(widths, widths.dropFirst()).reduce(0) { $0 + 2 * $1.0 * $1.1 }
    }

    /// Hidden widths in order; PyTorch-default uniform initialisation from `rng`.
    public init(inputs: Int, hidden: [Int], classes: Int, activation: Activation = .relu,
                objective: ClassifierObjective = .singleLabel, rng: inout RNG) {
        self.inputs = inputs
        self.classes = classes
        self.objective = objective
        switch objective {
        case .singleLabel: lossFunction = SoftmaxCrossEntropy()
        case .multiLabel: lossFunction = SigmoidBinaryCrossEntropy()
        }
        var layers: [Layer] = []
        var width = inputs
        for h in hidden {
            let l = Linear(width, h)
            l.initializeUniform(rng: &rng)
            layers.append(l)
            layers.append(activation.makeLayer())
            width = h
        }
        let out = Linear(width, classes)
        out.initializeUniform(rng: &rng)
        layers.append(out)
        self.layers = layers
        activationProbes = hidden.map { _ in ActivationProbe() }
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        for (i, l) in layers.enumerated() { l.visitParameters(prefix: qualified(prefix, "layers.\(i)"), visit) }
    }

    public func forward(_ x: Tensor) -> Tensor {
        var y = x
        for (i, l) in layers.enumerated() {
            y = l.forward(y)
            // layers alternate Linear, activation: hidden layer h's output is at 2h + 1
            if i % 2 == 1, activationProbes[i / 2].recordsInternals { activationProbes[i / 2].observe(y) }
        }
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        layers.reversed().reduce(dy) { $1.backward($0) }
    }
}

extension MLPClassifier: TrainableModel {
    public func logits(_ input: Tensor) -> Tensor { forward(input) }

    public func backward(logits gradient: Tensor) { _ = backward(gradient) }

    public func lossAndBackward(_ input: Tensor, targets: [Int32]) -> (loss: Float, count: Int) {
        let loss = lossFunction.forward(forward(input), targets: targets, computeGradient: true)
        _ = backward(lossFunction.gradient!)
        return (loss, lossFunction.counted)
    }

    public func loss(_ input: Tensor, targets: [Int32]) -> Float {
        lossFunction.forward(forward(input), targets: targets, computeGradient: false)
    }

    /// No layer of an MLP changes between training and evaluation.
    public func setTraining(_ training: Bool) {}

    public func prepare(step: Int, of totalSteps: Int) {}

    /// The widths from input to logits.
    private var widths: [Int] { [inputs] + layers.compactMap { ($0 as? Linear)?.outFeatures } }

    /// Weights and biases of every Linear.
    public var analyticParameterCount: Int { zip(widths, widths.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 } }

    /// Per example.
    public var forwardFLOPsPerUnit: Int { Self.forwardFLOPsPerExample(inputs: inputs, hidden: hidden, classes: classes) }

    /// Per example: the input, the logits, and each hidden layer's output before and after its activation.
    public var activationBytesPerUnit: Int { 4 * (inputs + classes + 2 * hidden.reduce(0, +)) }

    private var hidden: [Int] { Array(widths.dropFirst().dropLast()) }
}

extension MLPClassifier: InternalsSource {
    /// Each hidden layer's probe.
    public var internalsReporters: [(layer: Int?, reporter: any InternalsReporting)] {
        activationProbes.enumerated().map { (layer: $0.offset, reporter: $0.element) }
    }

    /// Hidden layer h for the Linear before its activation (`layers.2h.…`); the output
    /// Linear is layer `hidden.count`.
    public func internalsLayer(ofParameter name: String) -> Int? {
        Self.index(ofParameter: name, in: "layers").map { $0 / 2 }
    }
}

/// The loss an MLP classifier trains with: softmax cross-entropy over classes, or sigmoid
/// binary cross-entropy per label.
protocol ClassifierLoss: AnyObject {
    func forward(_ logits: Tensor, targets: [Int32], computeGradient: Bool) -> Float
    var gradient: Tensor? { get }
    var counted: Int { get }
}

extension SoftmaxCrossEntropy: ClassifierLoss {}
extension SigmoidBinaryCrossEntropy: ClassifierLoss {}
