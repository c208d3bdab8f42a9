import NN
import Tensor

extension Linear {
    /// The weight [out, in] as it currently acts: the dense weight, or the twin's decoded one.
    public func currentWeight() -> Tensor {
        compressed?.decodedWeight() ?? weight.value.copy()
    }

    /// The bias as it currently acts, copied; nil without one.
    public func currentBias() -> Tensor? {
        if let compressed { return compressed.bias?.value.copy() }
        return bias?.value.copy()
    }

    /// Bytes the layer stores now: its visited Float32 parameters plus its twin's codes.
    public var storedBytes: Int {
        var floats = 0
        visitParameters(prefix: "") { _, p in floats += p.count }
        return 4 * floats + (compressed?.codeBytes ?? 0)
    }

    /// Swaps in `twin` and reports the layer's change against the weight it had before.
    @discardableResult
    public func replace(with twin: CompressedLinear, name: String) -> CompressedLayerReport {
        let before = currentWeight(), bytesBefore = storedBytes
        compress(with: twin)
        let after = twin.decodedWeight()
        let error: Double? = after.shape == before.shape ? relativeFrobeniusError(before, after) : nil
        return CompressedLayerReport(name: name, format: twin.format, relativeError: error,
                                     bytesBefore: bytesBefore, bytesAfter: storedBytes)
    }
}

/// `‖a − b‖_F / ‖a‖_F` (0 when both are zero), accumulated in Double.
public func relativeFrobeniusError(_ a: Tensor, _ b: Tensor) -> Double {
    precondition(a.count == b.count, "relativeFrobeniusError: sizes \(a.shape) and \(b.shape) differ")
    var diff = 0.0, norm = 0.0
    for i in 0..<a.count {
        let x = Double(a.data[i]), d = x - Double(b.data[i])
        diff += d * d
        norm += x * x
    }
    return norm == 0 ? (diff == 0 ? 0 : .infinity) : (diff / norm).squareRoot()
}
