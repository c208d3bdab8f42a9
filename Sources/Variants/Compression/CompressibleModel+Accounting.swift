import NN

extension CompressibleModel {
    /// Every compressed twin in the model, with its Linear's dotted name, in network order.
    public var compressedLinears: [(name: String, twin: CompressedLinear)] {
        namedLinears().compactMap { name, l in l.compressed.map { (name: name, twin: $0) } }
    }

    /// Exact bytes of the stored model: every distinct visited Float32 parameter (4 bytes
    /// each; a shared parameter counts once) plus every twin's codes, scales and indices.
    public var modelBytes: Int {
        4 * parameterCount + compressedLinears.reduce(0) { $0 + $1.twin.codeBytes }
    }

    /// Scalars that define the model: the Float32 parameters plus the weight entries the
    /// twins store outside them (codes, kept sparse values).
    public var effectiveParameterCount: Int {
        parameterCount + compressedLinears.reduce(0) { $0 + $1.twin.effectiveWeightCount }
    }

    /// `measured` unless some twin's kernel is simulated.
    public var speedLabel: SpeedLabel {
        compressedLinears.contains { $0.twin.speed == .simulated } ? .simulated : .measured
    }
}
