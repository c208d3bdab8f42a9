/// Where a trial is in its life. `pending → running → done | failed | timeout | diverged`;
/// `running → interrupted` when its runner stops or dies (and `interrupted → running` again).
public enum TrialStatus: String, Sendable, CaseIterable, Codable {
    /// Planned, not yet claimed.
    case pending
    /// Claimed by a worker, which sends heartbeats.
    case running
    /// Finished; its measurements are stored.
    case done
    /// Crashed or threw; `error` holds the reason (the last stderr lines of a crash).
    case failed
    /// Ran past the runner's `--timeout`.
    case timeout
    /// The training loss became non-finite; `failed_step` holds the step.
    case diverged
    /// Its runner was stopped (Ctrl-C) or died; the next run claims it again.
    case interrupted

    /// Whether the trial has a final outcome (a rerun does not claim it without `--retry-failed`).
    public var isFinal: Bool { self == .done || self == .failed || self == .timeout || self == .diverged }

    /// Final but unsuccessful: the statuses `--retry-failed` runs again.
    public var isFailure: Bool { self == .failed || self == .timeout || self == .diverged }
}
