import Foundation
import NN
import Tensor

extension CompressibleModel {
    /// The compressed model as one safetensors file: every twin's stored representation
    /// (packed codes as U8, indices as I16/I32, scales, factors) under its layer's name, every
    /// visited Float32 parameter under its dotted name, and in the metadata, per compressed
    /// layer, its format and decoding options (`ablate.compressed`, JSON), and the structural
    /// edits of pruning, if any (`ablate.structure`, JSON: dropped sublayers, head counts).
    public func compressedCheckpoint(metadata: [String: String] = [:]) -> SafeTensors {
        var file = SafeTensors(metadata: metadata)
        var layers: [String: [String: String]] = [:]
        for (name, twin) in compressedLinears {
            var options = twin.encode(prefix: name, into: &file)
            options["format"] = twin.format
            options["bias"] = twin.bias == nil ? "0" : "1"
            layers[name] = options
        }
        let json = try! JSONSerialization.data(withJSONObject: layers, options: [.sortedKeys])
        file.metadata[Self.compressedKey] = String(decoding: json, as: UTF8.self)
        let edits = structuralEdits
        if !edits.isEmpty {
            let json = try! JSONSerialization.data(withJSONObject: edits, options: [.sortedKeys])
            file.metadata[Self.structureKey] = String(decoding: json, as: UTF8.self)
        }
        var seen = Set<ObjectIdentifier>()
        visitParameters(prefix: "") { name, p in
            if seen.insert(ObjectIdentifier(p)).inserted { file.add(name, p.value) }
        }
        return file
    }

    /// Loads a `compressedCheckpoint` into this freshly built model of the same spec: drops the
    /// recorded sublayers, installs each stored twin, sets pruned head counts, then loads every
    /// visited parameter by name. Every stored tensor must be used and every parameter present
    /// with its shape. Each layer's twin is decoded by the one of `twins` whose format the
    /// checkpoint names (by default the twins of every registered compression method).
    public func loadCompressed(_ file: SafeTensors, twins: [any CompressedLinear.Type] = Registry.twins) throws {
        guard let text = file.metadata[Self.compressedKey],
              let layers = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String: String]] else {
            throw SafeTensorsError("not a compressed checkpoint: metadata \(Self.compressedKey) is missing or malformed")
        }
        var edits: [String: [String: String]] = [:]
        if let text = file.metadata[Self.structureKey] {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String: String]] else {
                throw SafeTensorsError("compressed checkpoint: metadata \(Self.structureKey) is malformed")
            }
            edits = parsed
        }
        try applyDroppedSublayers(edits)
        let linears = Dictionary(namedLinears(), uniquingKeysWith: { a, _ in a })
        for name in layers.keys.sorted() {
            let options = layers[name]!
            guard let linear = linears[name] else { throw SafeTensorsError("compressed layer \(name) is not a Linear of this model") }
            guard let format = options["format"], let twin = twins.first(where: { $0.format == format }) else {
                let known = Set(twins.map { $0.format }).sorted()
                throw SafeTensorsError("compressed layer \(name): unknown format \(options["format"] ?? "missing"); known: \(known.joined(separator: ", "))")
            }
            linear.compress(with: try twin.decode(file, name, options))
        }
        try applyHeadCounts(edits)
        var used = Set<String>()
        var seen = Set<ObjectIdentifier>()
        var failure: Error?
        visitParameters(prefix: "") { name, p in
            guard failure == nil, seen.insert(ObjectIdentifier(p)).inserted else { return }
            guard let e = file.entry(name), e.shape == p.shape else {
                failure = SafeTensorsError("compressed checkpoint: parameter \(name) \(p.shape) is missing or has another shape")
                return
            }
            do {
                let values = try file.floats(name)
                values.withUnsafeBufferPointer { p.value.data.update(from: $0.baseAddress!, count: p.count) }
                used.insert(name)
            } catch { failure = error }
        }
        if let failure { throw failure }
        let codes = Set(file.entries.map(\.name)).subtracting(used)
        let orphans = codes.filter { n in !layers.keys.contains { n.hasPrefix($0 + ".") } }
        guard orphans.isEmpty else { throw SafeTensorsError("compressed checkpoint holds tensors no layer uses: \(orphans.sorted())") }
    }

    /// The metadata key listing the compressed layers.
    public static var compressedKey: String { "ablate.compressed" }
}
