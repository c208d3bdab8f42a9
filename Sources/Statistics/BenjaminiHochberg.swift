/// Benjamini–Hochberg control of the false-discovery rate across many comparisons.
public enum BenjaminiHochberg {
    /// The BH-adjusted p-values (q-values) of `p`, in the same order: a comparison is a
    /// discovery at FDR α when its q-value is ≤ α. Nil entries (no test) stay nil and do not count.
    public static func adjust(_ p: [Double?]) -> [Double?] {
        let tested = p.enumerated().compactMap { i, value in value.map { (i, $0) } }.sorted { $0.1 < $1.1 }
        let m = Double(tested.count)
        var out = [Double?](repeating: nil, count: p.count)
        var running = 1.0
        for rank in stride(from: tested.count - 1, through: 0, by: -1) {
            let (index, value) = tested[rank]
            running = min(running, value * m / Double(rank + 1))
            out[index] = running
        }
        return out
    }
}
