/// The metrics Ablate records, each declared once. Names are the store's; units and
/// polarities are what `ablate compare`, `check` and the reports read.
extension MetricSpec {
    // MARK: Task quality (the task catalogue picks these, some in a task's own unit)

    public static let accuracy = MetricSpec("accuracy", unit: "fraction", .higherIsBetter, label: "accuracy",
                                            "fraction of examples whose arg-max class is the label")
    public static let crossEntropy = MetricSpec("cross_entropy", unit: "nats/example", .lowerIsBetter, label: "cross-entropy",
                                                "mean softmax cross-entropy of the label")
    public static let exactMatch = MetricSpec("exact_match", unit: "fraction", .higherIsBetter, label: "exact match",
                                              "fraction of examples whose whole answer is right")
    public static let tokenAccuracy = MetricSpec("token_accuracy", unit: "fraction", .higherIsBetter, label: "token accuracy",
                                                 "fraction of answer tokens predicted right")
    public static let bitAccuracy = MetricSpec("bit_accuracy", unit: "fraction", .higherIsBetter, label: "bit accuracy",
                                               "fraction of label bits predicted right")
    public static let loss = MetricSpec("loss", unit: "nats/token", .lowerIsBetter, label: "loss",
                                        "mean cross-entropy over answer tokens")
    public static let bitsPerByte = MetricSpec("bits_per_byte", unit: "bits/byte", .lowerIsBetter, label: "bits per byte",
                                               "mean cross-entropy in bits per byte")
    public static let exactMatchBeyondTrain = MetricSpec(
        "exact_match_beyond_train", unit: "fraction", .higherIsBetter, label: "exact match beyond training length",
        "exact match on test examples longer than any training example (length generalization)")
    public static let tokenAccuracyBeyondTrain = MetricSpec(
        "token_accuracy_beyond_train", unit: "fraction", .higherIsBetter, label: "token accuracy beyond training length",
        "token accuracy on test examples longer than any training example (length generalization)")

    // MARK: The task's trivial reference (stage `eval`, the headroom gate's)

    /// The trivial reference of the headroom gate: the loss of predicting the training split's
    /// target distribution (unigram for sequences, label prior for classifiers), in the task loss's unit.
    public static let referenceLoss = MetricSpec("reference_loss", unit: "nats/token", .neutral, label: "reference loss",
                                                 "loss of predicting the training split's target distribution, ignoring the input")
    /// The accuracy of always predicting the training split's most frequent class.
    public static let chanceAccuracy = MetricSpec("chance_accuracy", unit: "fraction", .neutral, label: "chance accuracy",
                                                  "accuracy of always predicting the most frequent training class")

    // MARK: Training (stage `train`)

    public static let steps = MetricSpec("steps", unit: "steps", .neutral, label: "steps", "optimizer steps taken")
    /// Training tokens (sequence tasks) or examples (classifier tasks); the name is `tokens` for both.
    public static func trainingItems(_ unit: TrainingUnit) -> MetricSpec {
        MetricSpec("tokens", unit: unit.plural, .neutral, label: "training " + unit.plural, "training \(unit.plural) consumed")
    }
    public static func finalLoss(_ unit: TrainingUnit) -> MetricSpec {
        MetricSpec("final_loss", unit: "nats/" + unit.rawValue, .lowerIsBetter, label: "final training loss",
                   "training loss at the last step")
    }
    public static let wallSeconds = MetricSpec("wall_s", unit: "s", .lowerIsBetter, label: "training time",
                                               "wall-clock seconds of the training loop")
    public static func throughput(_ unit: TrainingUnit) -> MetricSpec {
        MetricSpec("tokens_per_s", unit: unit.plural + "/s", .higherIsBetter, label: "training throughput",
                   "training \(unit.plural) per wall-clock second")
    }
    public static let replicas = MetricSpec("replicas", unit: "threads", .neutral, label: "replicas",
                                            "data-parallel replicas (one per thread)")
    public static let trainFLOPsPerSecond = MetricSpec("train_flops_per_s", unit: "FLOP/s", .neutral, label: "training FLOP/s",
                                                       "3 × forward FLOPs of the items trained on, per second")
    public static let gemmPeak = MetricSpec("gemm_peak_flops_per_s", unit: "FLOP/s", .neutral, label: "sgemm peak",
                                            "this machine's measured sgemm peak at the trial's thread count")
    public static let mfu = MetricSpec("mfu", unit: "ratio", .higherIsBetter, label: "MFU",
                                       "model FLOPs utilisation: training FLOP/s ÷ sgemm peak")
    public static let peakRSS = MetricSpec("peak_rss_bytes", unit: "bytes", .lowerIsBetter, label: "peak RSS",
                                           "peak resident memory of the trial process, from the operating system")

    // MARK: Cost of the model (stage `eval` and compression stages)

    public static let parameters = MetricSpec("params", unit: "parameters", .neutral, label: "parameters",
                                              "parameters (after compression: those the stored format keeps)")
    public static let floatParameters = MetricSpec("float_params", unit: "parameters", .neutral, label: "Float32 parameters",
                                                   "parameters still stored as Float32")
    public static func forwardFLOPs(_ unit: TrainingUnit) -> MetricSpec {
        MetricSpec("flops_per_token", unit: unit == .token ? "FLOPs" : "FLOPs/example", .neutral, label: "FLOPs per \(unit.rawValue)",
                   "analytic forward FLOPs per \(unit.rawValue)")
    }
    public static func activationBytes(_ unit: TrainingUnit) -> MetricSpec {
        MetricSpec("activation_bytes_per_token", unit: unit == .token ? "bytes" : "bytes/example", .neutral,
                   label: "activation bytes per \(unit.rawValue)", "analytic activation memory per \(unit.rawValue)")
    }
    public static let modelBytes = MetricSpec("model_bytes", unit: "bytes", .lowerIsBetter, label: "model size",
                                              "exact bytes of the stored representation")
    public static let context = MetricSpec("context", unit: "tokens", .neutral, label: "context", "longest sequence evaluated")

    // MARK: Latency (any stage)

    public static let latencyMedian = MetricSpec("latency_median_s", unit: "s", .lowerIsBetter, label: "median latency",
                                                 "median seconds of one inference call")
    public static let latencyP90 = MetricSpec("latency_p90_s", unit: "s", .lowerIsBetter, label: "p90 latency",
                                              "90th percentile of the latency samples")
    public static let latencyP99 = MetricSpec("latency_p99_s", unit: "s", .lowerIsBetter, label: "p99 latency",
                                              "99th percentile of the latency samples (with ≥ 100 samples)")
    public static let latencyMAD = MetricSpec("latency_mad_s", unit: "s", .lowerIsBetter, label: "latency MAD",
                                              "median absolute deviation of the latency samples")
    public static let latencyMedianLow = MetricSpec("latency_median_ci_low_s", unit: "s", .lowerIsBetter, label: "median latency, 95% low",
                                                    "lower end of the bootstrap 95% interval of the median")
    public static let latencyMedianHigh = MetricSpec("latency_median_ci_high_s", unit: "s", .lowerIsBetter, label: "median latency, 95% high",
                                                     "upper end of the bootstrap 95% interval of the median")
    public static let latencySamples = MetricSpec("latency_samples", unit: "count", .neutral, label: "latency samples",
                                                  "latency samples kept")
    public static let latencyCallsPerSample = MetricSpec("latency_calls_per_sample", unit: "count", .neutral, label: "calls per sample",
                                                         "inference calls timed together in one sample")
    public static let latencyBatch = MetricSpec("latency_batch", unit: "examples", .neutral, label: "latency batch",
                                                "examples per inference call")
    public static let blasThreads = MetricSpec("blas_threads", unit: "threads", .neutral, label: "BLAS threads",
                                               "BLAS threads during inference")
    public static let latencyRatioToDense = MetricSpec("latency_ratio_to_dense", unit: "ratio", .neutral, label: "latency ÷ dense",
                                                       "median latency ÷ the dense model's, timed interleaved")

    // MARK: Compression stages (stage `compress:<methods>`)

    public static let stageIndex = MetricSpec("stage_index", unit: "stage", .neutral, label: "stage", "position of the stage in its pipeline")
    public static let compressionRatio = MetricSpec("compression_ratio", unit: "ratio", .neutral, label: "compression ratio",
                                                    "dense model bytes ÷ stored bytes")
    public static let compressSeconds = MetricSpec("compress_s", unit: "s", .lowerIsBetter, label: "compression time",
                                                   "seconds the method took")
    public static let speedSimulated = MetricSpec("speed_simulated", unit: "flag", .neutral, label: "simulated speed",
                                                  "1 when a twin's kernel is emulated, so its latency is labelled simulated")
    public static let stageFailed = MetricSpec("failed", unit: "flag", .neutral, label: "failed", "1 when the method threw")
    /// Per layer: `layer_error:NAME`, the relative Frobenius error of its weight.
    public static func layerError(_ layer: String) -> MetricSpec {
        MetricSpec("layer_error:" + layer, unit: "ratio", .lowerIsBetter, label: "relative weight error of " + layer,
                   "‖W − Ŵ‖ ÷ ‖W‖ of the layer's weight")
    }
    /// Per layer: `layer_bytes:NAME`, the bytes its stored format takes.
    public static func layerBytes(_ layer: String) -> MetricSpec {
        MetricSpec("layer_bytes:" + layer, unit: "bytes", .lowerIsBetter, label: "bytes of " + layer, "bytes of the layer's stored format")
    }

    /// Every metric with a fixed name, in the order above (the per-unit ones in their token form).
    public static let catalogue: [MetricSpec] = [
        accuracy, crossEntropy, exactMatch, tokenAccuracy, bitAccuracy, loss, bitsPerByte, exactMatchBeyondTrain, tokenAccuracyBeyondTrain,
        referenceLoss, chanceAccuracy,
        steps, trainingItems(.token), finalLoss(.token), wallSeconds, throughput(.token), replicas, trainFLOPsPerSecond, gemmPeak, mfu, peakRSS,
        parameters, floatParameters, forwardFLOPs(.token), activationBytes(.token), modelBytes, context,
        latencyMedian, latencyP90, latencyP99, latencyMAD, latencyMedianLow, latencyMedianHigh, latencySamples, latencyCallsPerSample,
        latencyBatch, blasThreads, latencyRatioToDense,
        stageIndex, compressionRatio, compressSeconds, speedSimulated, stageFailed,
    ] + internals

    private static let byName: [String: MetricSpec] = Dictionary(catalogue.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// The catalogue's metric called `name` (`layer_error:…`, `layer_bytes:…` and internals
    /// statistics of one layer, `….L3`, included), or nil.
    public static func named(_ name: String) -> MetricSpec? {
        if let spec = byName[name] { return spec }
        if name.hasPrefix("layer_error:") { return layerError(String(name.dropFirst("layer_error:".count))) }
        if name.hasPrefix("layer_bytes:") { return layerBytes(String(name.dropFirst("layer_bytes:".count))) }
        let (statistic, layer) = internalsLayer(of: name)
        if let layer, let spec = byName[statistic] { return spec.atLayer(layer) }
        return nil
    }
}
