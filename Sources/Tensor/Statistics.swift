/// Small order statistics used by measurements.
public enum Statistics {
    /// The median (the mean of the two middle values for an even count).
    public static func median(_ xs: [Double]) -> Double {
        precondition(!xs.isEmpty, "median of no values")
        let s = xs.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
    }
}
