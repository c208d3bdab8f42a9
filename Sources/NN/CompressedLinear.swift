import Foundation
import Tensor

/// Whether a compressed layer's latency is a real change on this hardware or not.
public enum SpeedLabel: String, Sendable, Codable {
    /// The kernel does different work than dense BLAS (fewer or smaller GEMMs): latency is real.
    case measured
    /// The kernel decodes to Float32 and runs dense BLAS (or a kernel that cannot beat it):
    /// the latency is what this implementation takes, never to be presented as a speedup.
    case simulated
}

/// The materialized compressed form of a `Linear` layer, its "compressed twin": the real
/// stored representation (codes, scales, indices, factors, cores, codebooks) with its own
/// inference kernel. `Linear.compress(with:)` swaps it in; callers keep calling the Linear.
///
/// Parameters the twin exposes through `visitParameters` (its bias, trainable factors) are
/// Float32 and counted by the model's parameter visitor; `codeBytes` counts everything else
/// it stores. The frozen part is never trained; recovery steps train the visited parameters.
public protocol CompressedLinear: ParameterVisitable {
    /// Input features (may differ from the original after structured pruning).
    var inFeatures: Int { get }
    /// Output features (may differ from the original after structured pruning).
    var outFeatures: Int { get }
    /// The storage format this twin type writes, unique among twin types (e.g. `int`, `sparse`):
    /// a compressed checkpoint names it per layer, and loading finds the type, then `decode`.
    static var format: String { get }
    /// Exact bytes of the stored representation that is not a visited Float32 parameter.
    var codeBytes: Int { get }
    /// Weight scalars stored outside the visited parameters (codes, kept sparse values), for
    /// the effective parameter count; 0 when the weight itself is a visited parameter.
    var effectiveWeightCount: Int { get }
    /// Whether latency on this kernel is a real change or simulated.
    var speed: SpeedLabel { get }
    /// The bias added by `apply`, if any (a visited parameter).
    var bias: Parameter? { get }
    /// `y[rows, out] = x[rows, in] · Ŵᵀ + b`, overwriting `y`.
    func apply(_ x: Tensor, into y: Tensor)
    /// Ŵ decoded to Float32 [out, in]: for reconstruction errors, backward through frozen
    /// weights and chaining methods.
    func decodedWeight() -> Tensor
    /// Writes the stored representation (not the visited parameters) as safetensors entries
    /// named `prefix.<part>`; returns the small options needed to decode it.
    func encode(prefix: String, into file: inout SafeTensors) -> [String: String]
    /// Rebuilds a twin from its entries (`prefix.<part>`) and the options `encode` returned
    /// (plus `bias`: "1" when it has one). Visited parameters are loaded by name afterwards.
    static func decode(_ file: SafeTensors, _ prefix: String, _ options: [String: String]) throws -> Self
}

extension CompressedLinear {
    /// The storage format of this twin's type.
    public var format: String { Self.format }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }
}

/// A compressed twin whose own parameters train (low-rank factors, tensor-train cores):
/// it implements backward itself instead of the frozen path through `decodedWeight()`.
public protocol TrainableCompressedLinear: CompressedLinear {
    /// Given ∂loss/∂y of the last `apply` with input `x`, accumulates its parameters'
    /// gradients and writes ∂loss/∂x into `dx`.
    func backward(_ dy: Tensor, input x: Tensor, into dx: Tensor)
}

/// A dense Float32 twin of a different shape than the original: the result of structured
/// pruning (neurons, heads), where the compressed model is a smaller dense model.
public final class DenseLinear: TrainableCompressedLinear {
    /// The weight [out, in].
    public let weight: Parameter
    public let bias: Parameter?
    public var inFeatures: Int { weight.shape[1] }
    public var outFeatures: Int { weight.shape[0] }
    public static var format: String { "dense" }
    public var codeBytes: Int { 0 }
    public var effectiveWeightCount: Int { 0 }
    public var speed: SpeedLabel { .measured }

    /// A twin holding `weight` [out, in] and `bias` [out] (copied).
    public init(weight: Tensor, bias: Tensor?) {
        self.weight = Parameter(shape: weight.shape, decays: true)
        self.weight.value.assign(weight)
        if let bias {
            let b = Parameter(shape: bias.shape, decays: false)
            b.value.assign(bias)
            self.bias = b
        } else {
            self.bias = nil
        }
    }

    public func visitParameters(prefix: String, _ visit: (String, Parameter) -> Void) {
        visit(qualified(prefix, "weight"), weight)
        if let bias { visit(qualified(prefix, "bias"), bias) }
    }

    public func apply(_ x: Tensor, into y: Tensor) {
        let rows = x.count / inFeatures
        if let bias {
            for r in 0..<rows { (y.data + r &* outFeatures).update(from: bias.value.data, count: outFeatures) }
        }
        sgemm(.none, .transposed, m: rows, n: outFeatures, k: inFeatures, a: x.data, lda: inFeatures,
              b: weight.value.data, ldb: inFeatures, beta: bias == nil ? 0 : 1, c: y.data, ldc: outFeatures)
    }

    public func backward(_ dy: Tensor, input x: Tensor, into dx: Tensor) {
        let rows = x.count / inFeatures
        sgemm(.transposed, .none, m: outFeatures, n: inFeatures, k: rows, a: dy.data, lda: outFeatures,
              b: x.data, ldb: inFeatures, beta: 1, c: weight.grad.data, ldc: inFeatures)
        if let bias { Kernels.addColumnSums(rows: rows, cols: outFeatures, dy.data, into: bias.grad.data) }
        sgemm(.none, .none, m: rows, n: inFeatures, k: outFeatures, a: dy.data, lda: outFeatures,
              b: weight.value.data, ldb: inFeatures, beta: 0, c: dx.data, ldc: inFeatures)
    }

    public func decodedWeight() -> Tensor { weight.value.copy() }

    public func encode(prefix: String, into file: inout SafeTensors) -> [String: String] {
        ["in": String(inFeatures), "out": String(outFeatures)]
    }

    /// Rebuilds an empty twin of the stored shape; its weight and bias load by name.
    public static func decode(_ file: SafeTensors, _ prefix: String, _ options: [String: String]) throws -> DenseLinear {
        guard let i = options["in"].flatMap(Int.init), let o = options["out"].flatMap(Int.init), i > 0, o > 0 else {
            throw SafeTensorsError("\(prefix): dense twin without valid in/out options")
        }
        return DenseLinear(weight: Tensor(shape: [o, i]), bias: options["bias"] == "1" ? Tensor(shape: [o]) : nil)
    }
}
