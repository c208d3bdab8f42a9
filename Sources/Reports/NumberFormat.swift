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

    /// The decimals an interval of half-width `halfWidth` supports: two significant digits of it.
    public static func decimals(halfWidth: Double) -> Int {
        guard halfWidth.isFinite, halfWidth > 0 else { return 4 }
        return max(0, min(8, 1 - Int(Foundation.floor(Foundation.log10(halfWidth)))))
    }

    /// `value [low, high]` rounded to the precision the interval supports; a zero-width interval
    /// (a deterministic quantity) prints the value alone.
    public static func interval(_ value: Double, _ low: Double, _ high: Double) -> String {
        if low == high { return short(value) }
        let d = decimals(halfWidth: (high - low) / 2)
        let magnitude = abs(value)
        if magnitude > 0, magnitude < 1e-3 || magnitude >= 1e6 {
            // Scientific, with the mantissa digits the interval supports.
            let e = Int(Foundation.floor(Foundation.log10(magnitude)))
            let digits = max(0, min(8, d + e))
            func g(_ v: Double) -> String { String(format: "%.\(digits)e", v) }
            return "\(g(value)) [\(g(low)), \(g(high))]"
        }
        func f(_ v: Double) -> String { String(format: "%.\(d)f", v) }
        return "\(f(value)) [\(f(low)), \(f(high))]"
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
