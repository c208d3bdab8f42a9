import NN
import Tensor

/// Statistics of the inputs each chosen Linear sees during one calibration pass: the row
/// count n, per-input-feature sums and sums of squares, and optionally the Gram matrix XᵀX
/// (what GPTQ, Wanda and fluctuation pruning need). Accumulated in Double where it matters.
public final class InputStatistics {
    /// Input features of the layer.
    public let features: Int
    /// Rows (tokens or examples) seen.
    public private(set) var rows = 0
    /// Σ_n X[n, j].
    public private(set) var sum: [Double]
    /// Σ_n X[n, j]².
    public private(set) var sumOfSquares: [Double]
    /// XᵀX [features, features] (Float32 GEMM accumulation), when requested.
    public let gram: Tensor?

    init(features: Int, gram: Bool) {
        self.features = features
        sum = Array(repeating: 0, count: features)
        sumOfSquares = Array(repeating: 0, count: features)
        self.gram = gram ? Tensor(shape: [features, features]) : nil
    }

    func add(_ x: Tensor) {
        let n = x.count / features
        for r in 0..<n {
            let row = x.data + r &* features
            for j in 0..<features {
                let v = Double(row[j])
                sum[j] += v
                sumOfSquares[j] += v * v
            }
        }
        if let gram {
            sgemm(.transposed, .none, m: features, n: features, k: n, a: x.data, lda: features,
                  b: x.data, ldb: features, beta: 1, c: gram.data, ldc: features)
        }
        rows += n
    }

    /// ‖X[:, j]‖₂ over every calibration row (Wanda's activation norm).
    public var columnNorms: [Double] { sumOfSquares.map { $0.squareRoot() } }
    /// The mean of each input feature.
    public var means: [Double] { sum.map { $0 / Double(max(rows, 1)) } }
    /// The (population) variance of each input feature.
    public var variances: [Double] {
        let n = Double(max(rows, 1))
        return zip(sum, sumOfSquares).map { s, q in max(0, q / n - (s / n) * (s / n)) }
    }
}

extension CompressionContext {
    /// Runs one calibration pass observing the inputs of `linears`; returns their statistics
    /// in the same order. Observers are removed afterwards.
    public func inputStatistics(of linears: [Linear], gram: Bool = false) -> [InputStatistics] {
        let stats = linears.map { InputStatistics(features: $0.inFeatures, gram: gram) }
        for (l, s) in zip(linears, stats) { l.inputObserver = { s.add($0) } }
        calibrate()
        for l in linears { l.inputObserver = nil }
        return stats
    }
}
