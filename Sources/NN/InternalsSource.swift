import Tensor

/// A model whose parts report mechanism statistics (`InternalsReporting`), each at a layer, so
/// a recorder can read any model the same way.
public protocol InternalsSource {
    /// Every reporting part with the layer it belongs to (a block, a hidden layer), in depth
    /// order; nil for the model as a whole (the output softmax).
    var internalsReporters: [(layer: Int?, reporter: any InternalsReporting)] { get }
    /// The layer whose gradient norm parameter `name` (as `visitParameters` names it) counts
    /// toward; nil for parameters outside the layers (embeddings, the output head).
    func internalsLayer(ofParameter name: String) -> Int?
}

extension InternalsSource {
    /// N of a parameter named `<container>.N.…` (`blocks.3.mixer.qkv.weight` under `blocks`), or nil.
    public static func index(ofParameter name: String, in container: String) -> Int? {
        let parts = name.split(separator: ".", maxSplits: 2)
        guard parts.count >= 2, parts[0] == container else { return nil }
        return Int(parts[1])
    }
}

extension ParameterSet {
    /// The Euclidean norm of each layer's gradients, keyed by `layer(name)`; parameters it
    /// maps to nil are left out.
    public func gradientNorms(byLayer layer: (String) -> Int?) -> [Int: Double] {
        var squares: [Int: Double] = [:]
        for (name, p) in entries {
            guard let l = layer(name) else { continue }
            squares[l, default: 0] += Kernels.sumOfSquares(p.grad.count, p.grad.data)
        }
        return squares.mapValues { $0.squareRoot() }
    }
}
