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
}
