import Reports
import Store

/// `ablate run`: a suite loaded with its overrides and planned, then dry-run, or run into the
/// store followed by the suite's fits.
public enum SuiteRun {
    /// What to run, and how.
    public struct Request: Sendable {
        /// The suite YAML file.
        public var suite: String
        /// `key=value` overrides, in order.
        public var overrides: [String]
        /// The SQLite store.
        public var store: String
        /// Plan only: write nothing.
        public var dryRun: Bool
        /// Records the sweep as `SUITE@TAG` (see `SweepPlan.tag`).
        public var tag: String?
        /// How the trials run: jobs, timeout, retries, the `ablate` binary.
        public var options: Runner.Options

        public init(suite: String, overrides: [String] = [], store: String, dryRun: Bool = false, tag: String? = nil,
                    options: Runner.Options) {
            self.suite = suite
            self.overrides = overrides
            self.store = store
            self.dryRun = dryRun
            self.tag = tag
            self.options = options
        }
    }

    /// What happens during a run, in order.
    public enum Event {
        /// A progress line of the runner (the sweep's start, each finished trial, an interruption).
        case progress(String)
        /// The trials ran (or were interrupted); the sweep's state in the store.
        case trialsEnded(SweepSummary)
        /// An event of the suite's fits, which run once every trial has run.
        case fit(SweepFit.SuiteEvent)
        /// The verdicts of the suite's claims, checked after the fits and saved in the store.
        case claims(ClaimReport)
    }

    /// How a run ended.
    public enum Outcome {
        /// A dry run: the plan, nothing written.
        case planned(SweepPlan)
        /// Every runnable trial ran and the fits were made.
        case finished(Runner.Summary)
        /// Ctrl-C stopped the trials; the fits were not made.
        case interrupted(Runner.Summary)
    }

    /// Why a run could not start: the suite (with its overrides) is invalid, or the store cannot be opened.
    public enum StartError: Error, CustomStringConvertible {
        case suite(SuiteError)
        case store(StoreError)

        public var description: String {
            switch self {
            case .suite(let e): return e.description
            case .store(let e): return e.description
            }
        }
    }

    /// Loads and plans the suite, then dry-runs it or runs its trials and fits, reporting
    /// through `events`. Throws `StartError` before anything is written.
    public static func run(_ request: Request, events: (Event) -> Void) throws -> Outcome {
        let plan: SweepPlan
        var tuningRun: TuningRun?
        do {
            let suite = try Suite.load(path: request.suite, overrides: request.overrides)
            plan = try SweepPlanner.plan(suite, tag: request.tag)
            if let tuning = suite.tuning {
                tuningRun = TuningRun(suite: suite, tuning: tuning, points: try SweepPlanner.points(suite), tag: request.tag)
            }
        } catch let e as SuiteError {
            throw StartError.suite(e)
        }
        if request.dryRun {
            var planned = plan
            planned.tuningTrials = try tuningRun?.firstRound().trials ?? []
            return .planned(planned)
        }
        let store: Store
        do { store = try Store(path: request.store) } catch let e as StoreError {
            throw StartError.store(e)
        }
        let summary = try withoutActuallyEscaping(events) { events in
            let runner = Runner(store: store, options: request.options, output: { events(.progress($0)) })
            var summary = Runner.Summary()
            var finalPlan = plan
            if let tuningRun {
                guard let tuned = try tuningRun.run(store: store, sweep: plan.sweepId, summary: &summary, runPlan: runner.run, events: events) else {
                    return summary
                }
                finalPlan = tuned
                events(.progress("final trials at the selected values"))
            }
            summary.merge(try runner.run(finalPlan))
            return summary
        }
        events(.trialsEnded(try store.summary(sweep: plan.sweepId)))
        if summary.interrupted { return .interrupted(summary) }
        SweepFit.run(plan.suite.fits, sweep: plan.sweepId, store: store) { events(.fit($0)) }
        if !plan.suite.claims.isEmpty {
            events(.claims(try ClaimCheck.run(plan.suite.claimSettings, sweep: plan.sweepId, store: store)))
        }
        return .finished(summary)
    }
}
