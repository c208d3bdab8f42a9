import Configuration
import NN
import Tensor

/// `compress.cluster.kmeans`: every chosen Linear's weight (as it currently acts) is replaced
/// by k = 2^b shared values: 1-D k-means (`ScalarKMeans`, k-means++ seeded from the context's
/// seed and the layer's name, at most `iterations` Lloyd steps) over the whole matrix, or
/// over each output row with `per_channel`. Stored as packed b-bit indices plus Float32
/// codebooks (`ClusteredLinear`). Centroid fine-tuning and DKM are not implemented.
enum WeightClustering {
    /// The method's id.
    static let id = "compress.cluster.kmeans"

    /// The clustered twin of `w` [out, in] with `bias`.
    static func cluster(_ w: Tensor, bias: Tensor?, bits: Int, perChannel: Bool, iterations: Int,
                        rng: inout RNG) -> (twin: ClusteredLinear, lloydIterations: Int) {
        let (out, inputs) = (w.shape[0], w.shape[1])
        let k = 1 << bits
        var indices = [UInt16](repeating: 0, count: w.count), books: [Float] = []
        var lloyd = 0
        let groups = perChannel ? out : 1, span = perChannel ? inputs : w.count
        for g in 0..<groups {
            let result = ScalarKMeans(UnsafeBufferPointer(start: w.data + g * span, count: span), k: k,
                                      maxIterations: iterations, rng: &rng)
            books += result.centroids
            for (i, c) in result.assignments.enumerated() { indices[g * span + i] = UInt16(c) }
            lloyd = max(lloyd, result.iterations)
        }
        let twin = ClusteredLinear(inFeatures: inputs, outFeatures: out, bits: bits, indices: indices, codebooks: books, bias: bias)
        return (twin, lloyd)
    }

    /// Applies the method with resolved `values` to `context`'s model.
    static func apply(_ values: ParameterValues, _ context: CompressionContext) throws -> CompressionOutcome {
        let bits = values.int("bits"), perChannel = values.bool("per_channel"), iterations = values.int("iterations")
        var outcome = CompressionOutcome(speed: .simulated)
        var weights = 0, stored = 0, lloyd = 0
        let root = RNG(seed: context.seed)
        for (name, linear) in context.linears(includeHead: values.bool("include_head")) {
            let w = linear.currentWeight()
            var rng = root.derived("\(id).\(name)")
            let (twin, used) = cluster(w, bias: linear.currentBias(), bits: bits, perChannel: perChannel,
                                       iterations: iterations, rng: &rng)
            weights += w.count
            stored += twin.codeBytes
            lloyd = max(lloyd, used)
            outcome.layers.append(linear.replace(with: twin, name: name))
        }
        outcome.metrics["bits_per_weight"] = weights == 0 ? 0 : 8 * Double(stored) / Double(weights)
        outcome.metrics["lloyd_iterations_max"] = Double(lloyd)
        return outcome
    }

    /// The registry entry.
    static let descriptor = VariantDescriptor(
        id: id,
        summary: "Weight clustering: 1-D k-means (k = 2^bits, k-means++ init) per layer or per output channel; packed b-bit indices plus Float32 codebooks, decoded to Float32 for a dense GEMM.",
        paper: "Deep Compression: Compressing Deep Neural Networks with Pruning, Trained Quantization and Huffman Coding (Han et al., 2016); DKM: Differentiable K-Means Clustering Layer for Neural Network Compression (Cho et al., 2022)",
        parameters: [
            .int("bits", default: 4, in: 1...16, unit: "bits", "b: 2^b centroids per codebook, b-bit indices."),
            .bool("per_channel", default: false, "One codebook per output row instead of one per layer."),
            .int("iterations", default: 50, in: 1...1000, "Most Lloyd iterations per codebook."),
            .bool("include_head", default: false, "Cluster the output layer too (kept Float32 by default)."),
        ],
        realCost: "bytes real (b bits per weight + 32·2^b bits per codebook); speed simulated: the kernel decodes to Float32 and runs dense BLAS",
        identity: CompressionIdentity(["bits": .int(16)], tolerance: 0), twins: [ClusteredLinear.self],
        factory: .compression(apply))
}
