/// Benjamini–Hochberg control of the false-discovery rate across many comparisons.
public enum FalseDiscovery {
    /// The BH-adjusted p-values (q-values) of `pValues`, in the same order: a comparison is a
    /// discovery at FDR α when its q-value is ≤ α. Nil entries (no test) stay nil and do not count.
    public static func adjust(_ pValues: [Double?]) -> [Double?] {
        let tested = pValues.enumerated().compactMap { i, p in p.map { (i, $0) } }.sorted { $0.1 < $1.1 }
        let m = Double(tested.count)
        var out = [Double?](repeating: nil, count: pValues.count)
        var running = 1.0
        for rank in stride(from: tested.count - 1, through: 0, by: -1) {
            let (index, p) = tested[rank]
            running = min(running, p * m / Double(rank + 1))
            out[index] = running
        }
        return out
    }
}
