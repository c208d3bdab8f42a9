/// Counts the floating-point operations of every `sgemm` call (2·m·n·k each) while enabled:
/// the "direct count" that analytic FLOP formulas are checked against. Single-threaded
/// use only (tests); disabled it costs one branch per call.
public enum FLOPCounter {
    nonisolated(unsafe) static var enabled = false
    nonisolated(unsafe) static var total = 0

    @inline(__always)
    static func record(m: Int, n: Int, k: Int) {
        if enabled { total &+= 2 &* m &* n &* k }
    }

    /// The matrix-product FLOPs performed by `body`.
    public static func count(_ body: () throws -> Void) rethrows -> Int {
        let (wasEnabled, before) = (enabled, total)
        enabled = true
        defer { enabled = wasEnabled }
        try body()
        let counted = total - before
        if !wasEnabled { total = 0 }
        return counted
    }
}
