import Foundation
import Tensor

extension ParameterVisitable {
    /// Every distinct parameter as a Float32 safetensors entry under its dotted name.
    public func checkpoint(metadata: [String: String] = [:]) -> SafeTensors {
        var file = SafeTensors(metadata: metadata)
        var seen = Set<ObjectIdentifier>()
        visitParameters(prefix: "") { name, p in
            if seen.insert(ObjectIdentifier(p)).inserted { file.add(name, p.value) }
        }
        return file
    }

    /// Saves the parameters to a safetensors file.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try checkpoint(metadata: metadata).write(to: url)
    }

    /// Loads parameters from `file`: every parameter must be present with the same shape, and
    /// the file may hold nothing else. Floating-point dtypes are converted to Float32.
    public func load(_ file: SafeTensors) throws {
        var expected: [String: Parameter] = [:]
        var order: [String] = []
        var seen = Set<ObjectIdentifier>()
        visitParameters(prefix: "") { name, p in
            if seen.insert(ObjectIdentifier(p)).inserted { expected[name] = p; order.append(name) }
        }
        let present = Set(file.entries.map(\.name))
        let missing = order.filter { !present.contains($0) }
        let unexpected = file.entries.map(\.name).filter { expected[$0] == nil }
        guard missing.isEmpty && unexpected.isEmpty else {
            throw SafeTensorsError("checkpoint does not match the model: missing \(missing), unexpected \(unexpected)")
        }
        for name in order {
            let p = expected[name]!, e = file.entry(name)!
            guard e.shape == p.shape else {
                throw SafeTensorsError("checkpoint tensor \(name) has shape \(e.shape), the model expects \(p.shape)")
            }
            let values = try file.floats(name)
            values.withUnsafeBufferPointer { p.value.data.update(from: $0.baseAddress!, count: p.count) }
        }
    }

    /// Loads parameters from a safetensors file (see `load(_:)`).
    public func load(from url: URL) throws {
        try load(SafeTensors(contentsOf: url))
    }
}
