import NN

/// `moe.load_cv` (std/mean of the expert load fractions before dropping, population std; 0 when
/// uniform), `moe.max_load` (max fraction × E; 1 when uniform), `moe.router_entropy` (nats) and
/// `moe.dropped_fraction` (dropped slots / all slots), averaged over the recorded forwards.
extension MixtureOfExperts: InternalsReporting {
    public func takeInternals() -> [String: Double] { internals.take() }

    /// Adds the last forward's statistics.
    func gatherInternals() {
        internals.add("moe.load_cv", Self.coefficientOfVariation(expertLoad.map(Double.init)))
        internals.add("moe.max_load", Double(loadImbalance))
        internals.add("moe.router_entropy", Double(routerEntropy))
        internals.add("moe.dropped_fraction", Double(droppedFraction))
    }

    /// Population standard deviation over mean; nil when the mean is 0.
    static func coefficientOfVariation(_ values: [Double]) -> Double? {
        let mean = values.reduce(0, +) / Double(values.count)
        guard mean != 0 else { return nil }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return variance.squareRoot() / mean
    }
}
