extension MixtureOfExperts {
    /// Routing slots each expert serves in a forward over `tokens` tokens (the micro-batch):
    /// ⌈cf·k·n/E⌉; nil when dropless.
    public func capacity(tokens n: Int) -> Int? {
        guard capacityFactor > 0 else { return nil }
        // the margin keeps an exact product (1.1·10 = 11.000000000000002) from rounding up past it
        return max(0, Int((capacityFactor * Double(topK * n) / Double(expertCount) - 1e-9).rounded(.up)))
    }

    /// Which routing slots run, for `chosen` [n, k] (slot j of token t asks for expert
    /// `chosen[t·k + j]`): each expert takes slots until full, all first choices in token order,
    /// then all second choices, and so on; the rest are dropped. All run when dropless.
    func keptSlots(_ chosen: [Int], tokens n: Int) -> [Bool] {
        guard let limit = capacity(tokens: n) else { return [Bool](repeating: true, count: chosen.count) }
        var kept = [Bool](repeating: false, count: chosen.count)
        var filled = [Int](repeating: 0, count: expertCount)
        for slot in 0..<topK {
            for t in 0..<n {
                let s = t * topK + slot
                if filled[chosen[s]] < limit {
                    filled[chosen[s]] += 1
                    kept[s] = true
                }
            }
        }
        return kept
    }
}
