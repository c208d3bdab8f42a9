import ScalingLaws
import Store

extension SweepFit {
    /// What happens as a suite's fits run, in order.
    public enum SuiteEvent {
        /// The fit `label` starts.
        case started(label: String)
        /// Some finished trials were left out of the fit `label` (see `fit`).
        case warning(label: String, message: String)
        /// The fit `label` was made and saved.
        case finished(label: String, output: FitOutput)
        /// The fit `label` could not be made.
        case failed(label: String, message: String)
    }

    /// Runs and saves every fit of a suite over `sweep`; a fit that cannot be made is reported
    /// and the others still run. Returns how many failed.
    @discardableResult
    public static func run(_ fits: [SuiteFit], sweep: String, store: Store, events: (SuiteEvent) -> Void) -> Int {
        var failed = 0
        for entry in fits {
            events(.started(label: entry.label))
            do {
                let result = try run(entry.request, sweep: sweep, store: store,
                                     warning: { events(.warning(label: entry.label, message: $0)) })
                events(.finished(label: entry.label, output: result.output))
            } catch {
                failed += 1
                events(.failed(label: entry.label, message: "\(error)"))
            }
        }
        return failed
    }
}
