import NN

extension CompressionOutcome {
    /// Records `bits_per_weight`: 8 × the twins' stored bytes (codes, scales, zero points)
    /// over the weights of `linears` (nothing when none is compressed).
    mutating func recordBitsPerWeight(_ linears: [Linear]) {
        let weights = linears.reduce(0) { $0 + $1.inFeatures * $1.outFeatures }
        let bytes = linears.reduce(0) { $0 + ($1.compressed?.codeBytes ?? 0) }
        if weights > 0 && bytes > 0 { metrics["bits_per_weight"] = 8 * Double(bytes) / Double(weights) }
    }
}
