import Foundation

/// Failures of the harness's own machinery (not of a suite, which is a `SuiteError`).
public enum HarnessError: Error, CustomStringConvertible, LocalizedError {
    /// A trial child process could not be started.
    case spawnFailed(executable: String, reason: String)
    /// A stored spec that this build cannot read.
    case unreadableSpec(key: String, reason: String)

    public var description: String {
        switch self {
        case .spawnFailed(let e, let reason): return "cannot start \(e): \(reason)"
        case .unreadableSpec(let key, let reason): return "trial \(key): unreadable spec: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
