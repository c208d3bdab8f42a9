import Tensor

/// `y = x · Wᵀ + b`: x [rows, in] → y [rows, out]; W [out, in] (PyTorch layout), b [out].
///
/// After `compress(with:)` the layer runs its compressed twin instead (the parents keep
/// calling the Linear): the twin's kernel in `forward`, its parameters in the visitor.
public final class Linear: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    private let denseIn: Int
    private let denseOut: Int
    /// The compressed twin that replaced the dense weight and bias, if any.
    public private(set) var compressed: CompressedLinear?
    /// Called with every input `forward` sees (calibration statistics); nil normally.
    public var inputObserver: ((Tensor) -> Void)?
    private var decodedForBackward: Tensor?
    private var input: Tensor?
    private var output = Buffer()
    private var inputGrad = Buffer()

    /// A layer with zero parameters; call `initialize` or load a checkpoint.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true) {
        self.denseIn = inFeatures
        self.denseOut = outFeatures
        self.weight = Parameter(shape: [outFeatures, inFeatures], decays: true)
        self.bias = bias ? Parameter(shape: [outFeatures], decays: false) : nil
    }

    /// Weights ~ N(0, std²), bias 0.
    public func initializeNormal(std: Float, rng: inout RNG) {
        weight.value.fillNormal(std: std, rng: &rng)
        bias?.value.fill(0)
    }

    /// PyTorch's default: weights and bias ~ U(−1/√in, 1/√in).
    public func initializeUniform(rng: inout RNG) {
        let bound = 1 / Float(inFeatures).squareRoot()
        weight.value.fillUniform(-bound, bound, rng: &rng)
        bias?.value.fillUniform(-bound, bound, rng: &rng)
    }

    /// Input features (the twin's after compression).
    public var inFeatures: Int { compressed?.inFeatures ?? denseIn }
    /// Output features (the twin's after compression).
    public var outFeatures: Int { compressed?.outFeatures ?? denseOut }

    /// Replaces the dense weight and bias by `twin` for every later forward, backward and
    /// parameter visit; the dense weight's storage is released.
    public func compress(with twin: CompressedLinear) {
        compressed = twin
        decodedForBackward = nil
        weight.value = Tensor(shape: [0])
        weight.grad = Tensor(shape: [0])
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        if let compressed { compressed.visitParameters(prefix: prefix, visit); return }
        visit(qualified(prefix, "weight"), weight)
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    public func forward(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == inFeatures, "Linear(\(inFeatures)→\(outFeatures)) got input \(x.shape)")
        inputObserver?(x)
        let rows = x.count / inFeatures
        let y = output.get(Array(x.shape.dropLast()) + [outFeatures])
        if let compressed {
            compressed.apply(x, into: y)
            input = x
            return y
        }
        if let bias {
            for r in 0..<rows { (y.data + r &* outFeatures).update(from: bias.value.data, count: outFeatures) }
        }
        sgemm(.none, .transposed, m: rows, n: outFeatures, k: inFeatures, a: x.data, lda: inFeatures,
              b: weight.value.data, ldb: inFeatures, beta: bias == nil ? 0 : 1, c: y.data, ldc: outFeatures)
        input = x
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("Linear.backward before forward") }
        if let compressed { return backwardCompressed(compressed, dy, x) }
        let rows = x.count / inFeatures
        // dW[out, in] += dyᵀ · x
        sgemm(.transposed, .none, m: outFeatures, n: inFeatures, k: rows, a: dy.data, lda: outFeatures,
              b: x.data, ldb: inFeatures, beta: 1, c: weight.grad.data, ldc: inFeatures)
        if let bias { Kernels.addColumnSums(rows: rows, cols: outFeatures, dy.data, into: bias.grad.data) }
        // dx[rows, in] = dy · W
        let dx = inputGrad.get(x.shape)
        sgemm(.none, .none, m: rows, n: inFeatures, k: outFeatures, a: dy.data, lda: outFeatures,
              b: weight.value.data, ldb: inFeatures, beta: 0, c: dx.data, ldc: inFeatures)
        return dx
    }

    /// Trainable twins run their own backward; frozen ones pass the gradient through their
    /// decoded weight (decoded once) and train only their bias.
    private func backwardCompressed(_ twin: CompressedLinear, _ dy: Tensor, _ x: Tensor) -> Tensor {
        let dx = inputGrad.get(x.shape)
        if let trainable = twin as? TrainableCompressedLinear {
            trainable.backward(dy, input: x, into: dx)
            return dx
        }
        let rows = x.count / inFeatures
        if let b = twin.bias { Kernels.addColumnSums(rows: rows, cols: outFeatures, dy.data, into: b.grad.data) }
        if decodedForBackward == nil { decodedForBackward = twin.decodedWeight() }
        sgemm(.none, .none, m: rows, n: inFeatures, k: outFeatures, a: dy.data, lda: outFeatures,
              b: decodedForBackward!.data, ldb: inFeatures, beta: 0, c: dx.data, ldc: inFeatures)
        return dx
    }
}
