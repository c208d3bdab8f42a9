import Foundation

extension SweepSummary {
    /// One status line: done/total, failures, what is left, and an ETA at the mean trial time.
    public var statusLine: String {
        let failed = count(.failed) + count(.timeout) + count(.diverged)
        let left = count(.pending) + count(.interrupted) + count(.running)
        var parts = ["\(sweep): \(count(.done))/\(total) done"]
        if failed > 0 { parts.append("\(failed) failed (\(count(.failed)) failed, \(count(.timeout)) timeout, \(count(.diverged)) diverged)") }
        if count(.running) > 0 { parts.append("\(count(.running)) running") }
        if left > 0 {
            parts.append("\(left) to run")
            if !finishedSeconds.isEmpty {
                let mean = finishedSeconds.reduce(0, +) / Double(finishedSeconds.count)
                parts.append(String(format: "≈%.0f s of trials left at one job", mean * Double(left)))
            }
        }
        return parts.joined(separator: ", ")
    }

    /// The summary as `ablate status --json` prints it: sweep, total and one count per status.
    public var jsonObject: [String: Any] {
        var o: [String: Any] = ["sweep": sweep, "total": total]
        for st in TrialStatus.allCases { o[st.rawValue] = count(st) }
        return o
    }
}

extension TrialRecord {
    /// The trial as `ablate status --trials` lists it: key, status, attempt, axes, and the first
    /// line of its error.
    public func statusLine(axes: String) -> String {
        "  \(key) \(status.rawValue) attempt \(attempt) \(axes)"
            + (error.map { " — " + ($0.split(separator: "\n").first.map(String.init) ?? "") } ?? "")
    }
}
