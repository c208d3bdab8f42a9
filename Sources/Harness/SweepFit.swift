import Foundation
import Metrics
import ScalingLaws
import Store

/// Scaling-law fits over a stored sweep's finished trials: their points read from the store
/// as a `FitTable`, fitted by the same `FitTable.fit(_:)` as a CSV file, and saved in the
/// store's fits table. `ablate fit SWEEP` and a suite's `fits:` entries both come here.
public enum SweepFit {
    /// The input axes a request's `x` names for a sweep, read from the recorded metrics.
    public static let axes = ScaleAxis.allCases.map(\.rawValue)

    /// A fit's output and the ids of the fits-table rows it was saved in.
    public struct Result: Sendable {
        public let output: FitOutput
        public let recordIds: [Int64]
    }

    /// Fits `request` to `sweep`'s finished trials (its `y` is the metric, NAME or STAGE.NAME; the
    /// bootstrap resamples seeds within each configuration) and saves every report. `warning`
    /// receives a note about trials left out; `timing` each phase's time.
    public static func run(_ request: FitRequest, sweep: String, store: Store, warning: (String) -> Void = { _ in },
                           timing: ((FitPhaseTiming) -> Void)? = nil) throws -> Result {
        let output = try fit(request, sweep: sweep, store: store, warning: warning, timing: timing)
        return Result(output: output, recordIds: try save(output, by: request.by, sweep: sweep, store: store))
    }

    /// Fits `request` to `sweep`'s finished trials without saving (see `run`).
    public static func fit(_ request: FitRequest, sweep: String, store: Store, warning: (String) -> Void = { _ in },
                           timing: ((FitPhaseTiming) -> Void)? = nil) throws -> FitOutput {
        let points = try Self.points(store: store, sweep: sweep, metric: request.y, x: request.x, by: request.by)
        let formName = request.formName
        let parameters = FormCatalog.form(named: formName, inputs: request.x.count)?.coordinateCount ?? 1
        let found = points.table.rowCount
        if found < Fitter.minimumPoints(parameters: parameters) {
            let summary = try store.summary(sweep: sweep)
            throw FitInputError("sweep '\(sweep)': \(found) finished trial\(found == 1 ? "" : "s") with "
                + "\(points.yColumn) and \(request.x.joined(separator: ", ")) (of \(summary.total) planned, \(summary.count(.done)) done"
                + (points.skipped > 0 ? ", \(points.skipped) with a value not measured" : "")
                + "); the \(formName) form has \(parameters) parameters and needs more points than that. Run more of the sweep or choose a smaller --form")
        }
        if points.skipped > 0 {
            warning("sweep '\(sweep)': left out \(points.skipped) finished trial(s) whose \(points.yColumn) or x value was not measured")
        }
        var resolved = request
        resolved.y = points.yColumn
        resolved.group = "seed"
        resolved.stratum = "configuration"
        return try points.table.fit(resolved, timing: timing)
    }

    /// Saves every report of `output` in the store's fits table (a refit replaces the earlier
    /// fit of the same form, variables and variant); returns the row ids.
    public static func save(_ output: FitOutput, by: String?, sweep: String, store: Store) throws -> [Int64] {
        try output.reports.map { variant, report in
            try store.saveFit(try FitRecord(sweep: sweep, report: report, byKey: by ?? "", byValue: variant))
        }
    }
}
