/// The x in [low, high] where the increasing function `cdf` reaches p, to full precision.
func invert(_ cdf: (Double) -> Double, _ p: Double, low: Double, high: Double) -> Double {
    var lo = low, hi = high
    for _ in 0..<200 {
        let mid = (lo + hi) / 2
        if mid == lo || mid == hi { break }
        if cdf(mid) < p { lo = mid } else { hi = mid }
    }
    return (lo + hi) / 2
}
