import Store

/// A check that a trial trained far enough for a claim on it to mean anything.
public enum Gate: String, Sendable, Codable, CaseIterable {
    case headroom, converged, stable, tuned
}

/// The thresholds of the gates.
public struct GateSettings: Sendable, Codable, Equatable {
    public var headroom: Double
    public var converged: Double
    public var spike: Double

    public init(headroom: Double, converged: Double, spike: Double) {
        self.headroom = headroom
        self.converged = converged
        self.spike = spike
    }

    public static let standard = GateSettings(headroom: 0.1, converged: 0.05, spike: 3)
}

/// One gate's result for one trial.
public struct GateResult: Sendable, Codable, Equatable {
    public var gate: Gate
    public var passed: Bool
    public var detail: String

    public init(gate: Gate, passed: Bool, detail: String) {
        self.gate = gate
        self.passed = passed
        self.detail = detail
    }
}

/// TEMPORARY until the gates branch lands.
public enum TrialGates {
    public static func evaluate(_ trial: TrialResults, settings: GateSettings) -> [GateResult] {
        [GateResult(gate: .headroom, passed: trial.metric(stage: "eval", name: "reference_loss") != nil, detail: "not measured")]
    }
}
