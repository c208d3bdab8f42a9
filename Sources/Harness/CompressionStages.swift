import Configuration
import Foundation
import NN
import Store
import Tasks
import Tensor
import Variants

/// What the compression stages need from a trial's model family: copies of the trained
/// model, calibration and recovery data, evaluation and a latency call.
struct CompressionHost {
    /// A fresh copy of the trained, uncompressed model.
    let copyOfTrained: () throws -> CompressibleModel
    /// A fresh model of the same architecture (to load a compressed checkpoint into).
    let untrained: () throws -> CompressibleModel
    /// The compression context of `model` (calibration on fixed training data, recovery
    /// steps on a fresh training stream, `teacher` for distillation).
    let context: (_ model: CompressibleModel, _ teacher: CompressibleModel) -> CompressionContext
    /// The task metrics of `model` on the test split.
    let evaluate: (CompressibleModel) -> [MetricValue]
    /// One inference call of `model` on the latency batch.
    let inference: (CompressibleModel) -> () -> Void
}

/// Runs a trial's compression pipelines on its trained model. Each pipeline starts from a
/// copy of the trained model and applies its methods in order; after every method the
/// stage is evaluated (quality on the test split, exact bytes, effective parameters,
/// per-layer error) and a snapshot is kept, loaded back from its own compressed checkpoint
/// (so what is timed is what was stored). Latency of the dense model and every snapshot is
/// then measured in one interleaved run, labelled `simulated` where a twin's kernel is.
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
            guard let value = v.params[p.name]?.parameterValue, !sameValue(value, p.defaultValue) else { return nil }
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

    /// Runs every pipeline (there may be none) and times inference; returns the stages'
    /// metrics, the latency samples and the failed stages' errors joined (nil when none).
    /// `dense` is the trained model's inference call, timed interleaved with the stages (its
    /// metrics go to the `eval` stage); without pipelines it is timed alone. `host` is built
    /// only when there are pipelines. A method that throws ends its pipeline with a `failed`
    /// metric in its stage and an error line; the other pipelines go on.
    static func run(_ pipelines: [[VariantSpec]], host makeHost: @autoclosure () -> CompressionHost, spec: TrialSpec,
                    denseBytes: Int, dense: @escaping () -> Void, log: (String) -> Void)
        throws -> (metrics: [Metric], samples: [SampleSeries], error: String?) {
        let host = pipelines.isEmpty ? nil : makeHost()
        var metrics: [Metric] = []
        var errors: [String] = []
        var timed: [(name: String, label: SpeedLabel, call: () -> Void)] = [("eval", .measured, dense)]
        var snapshots: [CompressibleModel] = []   // kept alive while timed
        // A stage two pipelines share (a method alone and as a chain's first step) is computed
        // again for the chain but recorded once.
        var recorded = Set<String>()
        for pipeline in pipelines {
            guard let host else { break }
            let model = try host.copyOfTrained()
            let teacher = try host.copyOfTrained()
            let context = host.context(model, teacher)
            for (i, method) in pipeline.enumerated() {
                let stage = stageName(pipeline, count: i + 1)
                let repeated = !recorded.insert(stage).inserted
                guard let descriptor = Registry.descriptor(method.id) else { throw CompressionError("unknown method \(method.id)") }
                let values = try descriptor.resolve(method.params.mapValues(\.parameterValue))
                let started = Clock.now()
                let outcome: CompressionOutcome
                do {
                    outcome = try descriptor.compress(values, context)
                } catch {
                    log("\(stage): \(error)")
                    errors.append("\(stage): \(error)")
                    metrics.append(Metric(stage: stage, name: "failed", value: 1, unit: "flag"))
                    break
                }
                let seconds = Clock.now() - started
                if repeated { continue }
                let snapshot = try host.untrained()
                try snapshot.loadCompressed(SafeTensors(data: model.compressedCheckpoint().serialized()))
                snapshots.append(snapshot)
                let speed = snapshot.speedLabel
                metrics += stageMetrics(stage, index: i, outcome: outcome, model: snapshot, denseBytes: denseBytes,
                                        seconds: seconds, quality: host.evaluate(snapshot))
                if spec.measurement.latency { timed.append((stage, speed, host.inference(snapshot))) }
                log("\(stage): \(snapshot.modelBytes) bytes (\(String(format: "%.2f", Double(denseBytes) / Double(snapshot.modelBytes)))× smaller), speed \(speed.rawValue)")
            }
        }
        var samples: [SampleSeries] = []
        if spec.measurement.latency {
            let result = LatencyMeasurement.measure(timed.map { ($0.name, $0.call) }, protocol: spec.measurement.latencyProtocol,
                                                    seed: UInt64(spec.seed))
            for t in timed {
                let (m, s) = latencyRecords(result[t.name]!, threads: BLAS.threads, batch: spec.measurement.latency_batch, stage: t.name)
                metrics += m.map { var x = $0; if timingNames.contains(x.name) { x.label = t.label.rawValue }; return x }
                samples.append(s)
            }
            if let base = result["eval"]?.median {
                for t in timed.dropFirst() {
                    metrics.append(Metric(stage: t.name, name: "latency_ratio_to_dense", value: result[t.name]!.median / base,
                                          unit: "ratio", label: t.label.rawValue))
                }
            }
        }
        return (metrics, samples, errors.isEmpty ? nil : errors.joined(separator: "; "))
    }

    /// The latency metrics that are timings (labelled with the stage's speed), not counts.
    static let timingNames: Set<String> = ["latency_median_s", "latency_p90_s", "latency_p99_s", "latency_mad_s",
                                           "latency_median_ci_low_s", "latency_median_ci_high_s"]

    /// Quality, size and error metrics of one stage.
    static func stageMetrics(_ stage: String, index: Int, outcome: CompressionOutcome, model: CompressibleModel,
                             denseBytes: Int, seconds: Double, quality: [MetricValue]) -> [Metric] {
        var m = taskMetrics(quality, stage: stage)
        m += [
            Metric(stage: stage, name: "stage_index", value: Double(index + 1), unit: "stage"),
            Metric(stage: stage, name: "model_bytes", value: Double(model.modelBytes), unit: "bytes"),
            Metric(stage: stage, name: "compression_ratio", value: Double(denseBytes) / Double(model.modelBytes), unit: "ratio"),
            Metric(stage: stage, name: "params", value: Double(model.effectiveParameterCount), unit: "parameters"),
            Metric(stage: stage, name: "float_params", value: Double(model.parameterCount), unit: "parameters"),
            Metric(stage: stage, name: "compress_s", value: seconds, unit: "s"),
            Metric(stage: stage, name: "speed_simulated", value: model.speedLabel == .simulated ? 1 : 0, unit: "flag"),
        ]
        for layer in outcome.layers {
            m.append(Metric(stage: stage, name: "layer_error:" + layer.name, value: layer.relativeError, unit: "ratio"))
            m.append(Metric(stage: stage, name: "layer_bytes:" + layer.name, value: Double(layer.bytesAfter), unit: "bytes"))
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
