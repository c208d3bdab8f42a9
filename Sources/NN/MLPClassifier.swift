import Tensor

/// The activation between the hidden layers of an MLP.
public enum Activation: String, Codable, Sendable, CaseIterable {
    case relu, gelu

    func makeLayer() -> Layer { self == .relu ? ReLU() : GELU() }
}

/// A multilayer perceptron classifier: x [B, inputs] → Linear → act → … → Linear → logits [B, classes].
public final class MLPClassifier: Layer {
    public let layers: [Layer]
    public let inputs: Int
    public let classes: Int

    /// Matrix-product FLOPs of one example's forward pass through layers of these widths.
    public static func forwardFLOPsPerExample(inputs: Int, hidden: [Int], classes: Int) -> Int {
        let widths = [inputs] + hidden + [classes]
        return zip(widths, widths.dropFirst()).reduce(0) { $0 + 2 * $1.0 * $1.1 }
    }

    /// Hidden widths in order; PyTorch-default uniform initialisation from `rng`.
    public init(inputs: Int, hidden: [Int], classes: Int, activation: Activation = .relu, rng: inout RNG) {
        self.inputs = inputs
        self.classes = classes
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
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        for (i, l) in layers.enumerated() { l.visitParameters(prefix: qualified(prefix, "layers.\(i)"), visit) }
    }

    public func forward(_ x: Tensor) -> Tensor {
        layers.reduce(x) { $1.forward($0) }
    }

    public func backward(_ dy: Tensor) -> Tensor {
        layers.reversed().reduce(dy) { $1.backward($0) }
    }
}
