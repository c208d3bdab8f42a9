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
        Metric(stage: stage, name: "latency_median_s", value: s.median, unit: "s"),
        Metric(stage: stage, name: "latency_p90_s", value: s.p90, unit: "s"),
        Metric(stage: stage, name: "latency_mad_s", value: s.mad, unit: "s"),
        Metric(stage: stage, name: "latency_median_ci_low_s", value: s.medianLow, unit: "s"),
        Metric(stage: stage, name: "latency_median_ci_high_s", value: s.medianHigh, unit: "s"),
        Metric(stage: stage, name: "latency_samples", value: Double(s.samples.count), unit: "count"),
        Metric(stage: stage, name: "latency_calls_per_sample", value: Double(s.callsPerSample), unit: "count"),
        Metric(stage: stage, name: "latency_batch", value: Double(batch), unit: "examples"),
        Metric(stage: stage, name: "blas_threads", value: Double(threads), unit: "threads"),
    ]
    if let p99 = s.p99 { m.append(Metric(stage: stage, name: "latency_p99_s", value: p99, unit: "s")) }
    return (m, SampleSeries(stage: stage, name: "latency", unit: "s", values: s.samples))
}

/// Task metrics as store metrics of `stage`.
func taskMetrics(_ values: [MetricValue], stage: String) -> [Metric] {
    values.map { Metric(stage: stage, name: $0.name, value: $0.value, unit: $0.spec.unit) }
}
