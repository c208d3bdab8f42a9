import Configuration
import Foundation
import Metrics
import NN
import Store
import Tasks
import Tensor
import Variants

/// The names and metrics of a trial's compression stages (`ModelTrial.compress` runs them).
enum CompressionStages {
    /// The store stage of the first `count` methods of `pipeline`: `compress:` and the
    /// methods' short ids with their non-default parameters, joined by `>`.
    static func stageName(_ pipeline: [VariantSpec], count: Int) -> String {
        Stage.compression(pipeline.prefix(count).map(label).joined(separator: ">"))
    }

    /// `quant.int(bits=4,granularity=tensor)`: the id without `compress.` and the
    /// parameters that differ from the registry defaults, sorted.
    static func label(_ v: VariantSpec) -> String {
        let short = v.id.hasPrefix("compress.") ? String(v.id.dropFirst("compress.".count)) : v.id
        guard let d = Registry.descriptor(v.id) else { return short }
        let changed = d.parameters.compactMap { p -> String? in
            guard let value = v.params[p.name]?.parameterValue,
                  p.defaultValue.map({ !sameValue(value, $0) }) ?? true else { return nil }
            return "\(p.name)=\(value)"
        }.sorted()
        return changed.isEmpty ? short : short + "(" + changed.joined(separator: ",") + ")"
    }

    /// Equal values, counting an integral number and its integer (1 and 1.0) as equal.
    static func sameValue(_ a: ParameterValue, _ b: ParameterValue) -> Bool {
        if a == b { return true }
        func number(_ v: ParameterValue) -> Double? {
            switch v { case .int(let i): return Double(i); case .double(let x): return x; default: return nil }
        }
        if let x = number(a), let y = number(b) { return x == y }
        return false
    }

    /// The latency metrics that are timings (labelled with the stage's speed), not counts.
    static let timingNames = Set([MetricSpec.latencyMedian, .latencyP90, .latencyP99, .latencyMAD, .latencyMedianLow,
                                  .latencyMedianHigh].map(\.name))

    /// Quality, size and error metrics of one stage.
    static func stageMetrics(_ stage: String, index: Int, outcome: CompressionOutcome, model: CompressibleModel,
                             denseBytes: Int, seconds: Double, quality: [MetricValue]) -> [Metric] {
        var m = taskMetrics(quality, stage: stage)
        m += [
            Metric(stage: stage, .stageIndex, value: Double(index + 1)),
            Metric(stage: stage, .modelBytes, value: Double(model.modelBytes)),
            Metric(stage: stage, .compressionRatio, value: Double(denseBytes) / Double(model.modelBytes)),
            Metric(stage: stage, .parameters, value: Double(model.effectiveParameterCount)),
            Metric(stage: stage, .floatParameters, value: Double(model.parameterCount)),
            Metric(stage: stage, .compressSeconds, value: seconds),
            Metric(stage: stage, .speedSimulated, value: model.speedLabel == .simulated ? 1 : 0),
        ]
        for layer in outcome.layers {
            m.append(Metric(stage: stage, .layerError(layer.name), value: layer.relativeError))
            m.append(Metric(stage: stage, .layerBytes(layer.name), value: Double(layer.bytesAfter)))
        }
        for (name, value) in outcome.metrics.sorted(by: { $0.key < $1.key }) {
            m.append(Metric(stage: stage, name: name, value: value, unit: ""))
        }
        return m
    }
}

/// A seed for a purpose of its own (calibration data, recovery batches), derived from `seed`.
func derivedSeed(_ seed: UInt64, _ label: String) -> UInt64 {
    var rng = RNG(seed: seed).derived(label)
    return rng.next()
}
