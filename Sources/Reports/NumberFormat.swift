import Foundation

/// Fixed, locale-independent number formatting, so reports are byte-identical for the same store.
public enum NumberFormat {
    /// Four significant digits; scientific notation outside [1e-3, 1e6); integers as integers.
    public static func short(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "n/a" : (v > 0 ? "inf" : "-inf") }
        if v == v.rounded(), abs(v) < 1e9 { return String(Int64(v)) }
        let a = abs(v)
        if a >= 1e-3 && a < 1e6 { return trimmed(String(format: "%.4g", v)) }
        return String(format: "%.3e", v)
    }

    /// A relative change as a signed percentage with two decimals (`+10.12%`).
    public static func percent(_ v: Double) -> String {
        guard v.isFinite else { return "n/a" }
        return String(format: "%+.2f%%", v * 100)
    }

    /// A p-value: three significant digits, `<1e-6` below that.
    public static func pValue(_ p: Double?) -> String {
        guard let p else { return "–" }
        if p < 1e-6 { return "<1e-6" }
        return trimmed(String(format: "%.3g", p))
    }

    /// Full round-trip precision, for gnuplot data files.
    public static func data(_ v: Double) -> String {
        guard v.isFinite else { return "NaN" }
        return String(format: "%.17g", v)
    }

    private static func trimmed(_ s: String) -> String {
        guard s.contains("."), !s.contains("e") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
