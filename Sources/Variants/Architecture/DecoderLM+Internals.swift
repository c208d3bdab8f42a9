import NN

extension DecoderLM: InternalsReporting {
    /// `logits.mean_log_z`: the mean over counted positions of log Z = log Σ exp(logit) of the
    /// output softmax (what z-loss pushes toward 0), averaged over the training passes gathered.
    public func takeInternals() -> [String: Double] { logZGathered.take() }
}

extension DecoderLM: InternalsSource {
    /// The model itself (the output softmax), then per block its stream probe, mixer and
    /// feed-forward when they report.
    public var internalsReporters: [(layer: Int?, reporter: any InternalsReporting)] {
        var out: [(layer: Int?, reporter: any InternalsReporting)] = [(nil, self)]
        for (i, b) in blocks.enumerated() {
            out.append((i, streamProbes[i]))
            for part in [b.mixer as AnyObject, b.ffn as AnyObject] {
                if let r = part as? any InternalsReporting { out.append((i, r)) }
            }
        }
        return out
    }

    /// Block i for `blocks.i.…` (each block's own parameters; shared copies under weight
    /// sharing belong to no single block).
    public func internalsLayer(ofParameter name: String) -> Int? { Self.index(ofParameter: name, in: "blocks") }
}
