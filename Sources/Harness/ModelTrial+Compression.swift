import Configuration
import Metrics
import NN
import Store
import Tensor
import Variants

extension ModelTrial {
    /// Runs the spec's compression pipelines (there may be none) on `trained` and times
    /// inference on `latencyInput`; returns the stages' metrics, the latency samples and the
    /// failed stages' errors joined (nil when none).
    ///
    /// Each pipeline starts from a copy of the trained model and applies its methods in
    /// order; after every method the stage is evaluated (quality on the test split, exact
    /// bytes, effective parameters, per-layer error) and a snapshot is kept, loaded back from
    /// its own compressed checkpoint (so what is timed is what was stored). A method that
    /// throws ends its pipeline with a `failed` metric in its stage and an error line; the
    /// other pipelines go on. The trained model (metrics in the `eval` stage) and every
    /// snapshot are then timed in one interleaved run, labelled `simulated` where a twin's
    /// kernel is.
    func compress(_ trained: Model, latencyInput: Model.Input) throws
        -> (metrics: [Metric], samples: [SampleSeries], error: String?)
    {
        func inference(_ model: Model) -> () -> Void { { _ = model.logits(latencyInput) } }
        let denseBytes = trained.modelBytes
        var metrics: [Metric] = []
        var errors: [String] = []
        var timed: [(name: String, label: SpeedLabel, call: () -> Void)] = [("eval", .measured, inference(trained))]
        var snapshots: [Model] = []   // kept alive while timed
        let pipelines = spec.compression
        let weights = pipelines.isEmpty ? nil : trained.checkpoint()
        let calibration = pipelines.isEmpty ? [] : calibrationBatches()
        // A stage two pipelines share (a method alone and as a chain's first step) is computed
        // again for the chain but recorded once.
        var recorded = Set<String>()
        for pipeline in pipelines {
            guard let weights else { break }
            let model = try copy(of: weights)
            let teacher = try copy(of: weights)
            let context = compressionContext(model, teacher: teacher, calibration: calibration)
            for (i, method) in pipeline.enumerated() {
                let stage = CompressionStages.stageName(pipeline, count: i + 1)
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
                    metrics.append(Metric(stage: stage, .stageFailed, value: 1))
                    break
                }
                let seconds = Clock.now() - started
                if repeated { continue }
                let snapshot = try family.makeModel()
                try snapshot.loadCompressed(SafeTensors(data: model.compressedCheckpoint().serialized()))
                snapshots.append(snapshot)
                let speed = snapshot.speedLabel
                metrics += CompressionStages.stageMetrics(stage, index: i, outcome: outcome, model: snapshot, denseBytes: denseBytes,
                                                          seconds: seconds, quality: evaluate(snapshot, .test, limit: nil))
                if spec.measurement.latency { timed.append((stage, speed, inference(snapshot))) }
                log("\(stage): \(snapshot.modelBytes) bytes (\(String(format: "%.2f", Double(denseBytes) / Double(snapshot.modelBytes)))× smaller), speed \(speed.rawValue)")
            }
        }
        var samples: [SampleSeries] = []
        if spec.measurement.latency {
            let result = LatencyMeasurement.measure(timed.map { ($0.name, $0.call) }, protocol: spec.measurement.latencyProtocol,
                                                    seed: UInt64(spec.seed))
            for t in timed {
                let (m, s) = latencyRecords(result[t.name]!, threads: BLAS.threads, batch: spec.measurement.latency_batch, stage: t.name)
                metrics += m.map { var x = $0; if CompressionStages.timingNames.contains(x.name) { x.label = t.label.rawValue }; return x }
                samples.append(s)
            }
            if let base = result["eval"]?.median {
                for t in timed.dropFirst() {
                    metrics.append(Metric(stage: t.name, .latencyRatioToDense, value: result[t.name]!.median / base, label: t.label.rawValue))
                }
            }
        }
        return (metrics, samples, errors.isEmpty ? nil : errors.joined(separator: "; "))
    }

    /// A fresh model holding `weights`.
    func copy(of weights: SafeTensors) throws -> Model {
        let model = try family.makeModel()
        try model.load(weights)
        return model
    }

    /// 8 calibration batches from the training split, in the order of a seed of their own.
    func calibrationBatches() -> [LabelledInput<Model.Input>] {
        var stream = family.trainingBatches(batchSize: family.calibrationBatch, seed: derivedSeed(UInt64(spec.seed), "calibration"))
        return (0..<8).compactMap { _ in stream.next()?.labelled }
    }

    /// The compression context of `model`: the calibration batches, recovery steps on a
    /// training stream of their own, and `teacher` where the family distils.
    func compressionContext(_ model: Model, teacher: Model, calibration: [LabelledInput<Model.Input>]) -> CompressionContext {
        let seed = UInt64(spec.seed)
        let recovery = family.trainingBatches(batchSize: spec.training.batch, seed: derivedSeed(seed, "recovery"))
        return CompressionContext(model: model, teacher: family.distils ? teacher : nil, seed: seed, calibration: calibration,
                                  recovery: IteratorSequence(recovery).lazy.map(\.labelled).makeIterator())
    }
}
