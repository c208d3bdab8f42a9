import Foundation
import Metrics

/// What a trial is for in its sweep.
public enum TrialPhase: String, Sendable, Codable, CaseIterable {
    /// A tuning trial: selects a configuration's hyperparameters on the validation split.
    case tune
    /// A final trial: its test metrics are what tables, fits and claims use.
    case final
}

/// One trial as a sweep plans it: its content key, canonical spec, seed, the sweep-axis
/// values that distinguish it (JSON object text), its position and its phase in the sweep.
public struct PlannedTrial: Sendable, Equatable {
    public var key: String
    public var spec: String
    public var seed: Int
    public var axes: String
    public var position: Int
    public var phase: TrialPhase

    public init(key: String, spec: String, seed: Int, axes: String = "{}", position: Int, phase: TrialPhase = .final) {
        self.key = key
        self.spec = spec
        self.seed = seed
        self.axes = axes
        self.position = position
        self.phase = phase
    }
}

/// A sweep: a suite's planned set of trials.
public struct SweepRecord: Sendable, Equatable {
    public var id: String
    public var suite: String
    public var description: String
    /// The suite file's text as last run (with command-line overrides noted in provenance).
    public var suiteText: String
    public var createdAt: Double
    public var updatedAt: Double
}

/// A stored trial.
public struct TrialRecord: Sendable, Equatable {
    public var key: String
    public var spec: String
    public var seed: Int
    public var status: TrialStatus
    /// How many times it was claimed.
    public var attempt: Int
    public var worker: String?
    /// Seconds since 1970 of the last heartbeat.
    public var heartbeat: Double?
    public var createdAt: Double
    public var startedAt: Double?
    public var finishedAt: Double?
    public var error: String?
    /// The step at which a diverged trial's loss became non-finite.
    public var failedStep: Int?
    public var environmentId: Int64?
}

/// One scalar measurement: `stage` is `train`, `eval` or `compress:<id>`.
public struct Metric: Sendable, Equatable, Codable {
    public var stage: String
    public var name: String
    /// nil for a value that could not be measured (SQLite stores NaN as NULL too).
    public var value: Double?
    public var unit: String
    /// `measured` on real kernels or `simulated` (analytic, for a mask without a kernel).
    public var label: String

    public init(stage: String, name: String, value: Double?, unit: String = "", label: String = "measured") {
        self.stage = stage
        self.name = name
        self.value = value
        self.unit = unit
        self.label = label
    }
}

/// One point of a training curve (`loss`, `lr`, `val_loss`, …).
public struct CurvePoint: Sendable, Equatable, Codable {
    public var name: String
    public var step: Int
    public var value: Double?

    public init(name: String, step: Int, value: Double?) {
        self.name = name
        self.step = step
        self.value = value
    }
}

/// Every sample of one repeated measurement (latency), kept so summaries can be recomputed.
public struct SampleSeries: Sendable, Equatable, Codable {
    public var stage: String
    public var name: String
    public var unit: String
    public var values: [Double]

    public init(stage: String, name: String, unit: String, values: [Double]) {
        self.stage = stage
        self.name = name
        self.unit = unit
        self.values = values
    }
}

/// What a finished attempt produced; written in one transaction by `Store.complete`.
public struct TrialOutcome: Sendable, Equatable, Codable {
    public var status: TrialStatus
    public var metrics: [Metric]
    public var curves: [CurvePoint]
    public var samples: [SampleSeries]
    public var error: String?
    public var failedStep: Int?

    public init(status: TrialStatus, metrics: [Metric] = [], curves: [CurvePoint] = [], samples: [SampleSeries] = [],
                error: String? = nil, failedStep: Int? = nil) {
        self.status = status
        self.metrics = metrics
        self.curves = curves
        self.samples = samples
        self.error = error
        self.failedStep = failedStep
    }
}

/// Trial counts of a sweep by status.
public struct SweepSummary: Sendable, Equatable {
    public var sweep: String
    public var total: Int
    public var counts: [TrialStatus: Int]
    /// Wall seconds of the finished trials (finished − started), for ETAs.
    public var finishedSeconds: [Double]

    public func count(_ s: TrialStatus) -> Int { counts[s] ?? 0 }
}

extension Metric {
    /// A value of a catalogue metric: its name and unit from `spec`.
    public init(stage: String, _ spec: MetricSpec, value: Double?, label: String = "measured") {
        self.init(stage: stage, name: spec.name, value: value, unit: spec.unit, label: label)
    }
}
