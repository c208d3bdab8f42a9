import Metrics
import Store
import Tasks

/// The latency protocol the measurement part of a spec sets.
extension TrialSpec.MeasurementPart {
    var latencyProtocol: LatencyProtocol {
        LatencyProtocol(warmupIterations: warmup_iterations, warmupSeconds: warmup_seconds, minSamples: min_samples,
                        minSeconds: min_seconds, bootstrapResamples: bootstrap)
    }
}

/// The latency metrics and samples of a summary, in `stage`.
func latencyRecords(_ s: LatencySummary, threads: Int, batch: Int, stage: String = "eval") -> ([Metric], SampleSeries) {
    var m = [
        Metric(stage: stage, .latencyMedian, value: s.median),
        Metric(stage: stage, .latencyP90, value: s.p90),
        Metric(stage: stage, .latencyMAD, value: s.mad),
        Metric(stage: stage, .latencyMedianLow, value: s.medianLow),
        Metric(stage: stage, .latencyMedianHigh, value: s.medianHigh),
        Metric(stage: stage, .latencySamples, value: Double(s.samples.count)),
        Metric(stage: stage, .latencyCallsPerSample, value: Double(s.callsPerSample)),
        Metric(stage: stage, .latencyBatch, value: Double(batch)),
        Metric(stage: stage, .blasThreads, value: Double(threads)),
    ]
    if let p99 = s.p99 { m.append(Metric(stage: stage, .latencyP99, value: p99)) }
    return (m, SampleSeries(stage: stage, name: "latency", unit: "s", values: s.samples))
}

/// Task metrics as store metrics of `stage`.
func taskMetrics(_ values: [MetricValue], stage: String) -> [Metric] {
    values.map { Metric(stage: stage, name: $0.name, value: $0.value, unit: $0.spec.unit) }
}
