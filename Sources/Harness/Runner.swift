import Foundation
import Metrics
import Store
import Tensor
#if canImport(Glibc)
import Glibc
#endif

/// Set by the SIGINT handler; the runner's loop stops when it sees it.
nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0

/// Records a sweep in the store and runs its trials in child processes of the `ablate`
/// binary (`ablate trial KEY`), `jobs` at a time, claiming each through the store so that
/// several runners share one sweep. Crashes, timeouts and divergence are recorded and the
/// sweep goes on; Ctrl-C marks the running trials interrupted.
public final class Runner {
    public struct Options: Sendable {
        /// Trials at once.
        public var jobs: Int
        /// Seconds before a trial is killed and marked `timeout`; nil for none.
        public var timeout: Double?
        /// Run failed, timed-out and diverged trials again.
        public var retryFailed: Bool
        /// The `ablate` binary that runs `ablate trial`.
        public var executable: String
        /// Cores shared by the jobs (BLAS threads per job = cores / jobs).
        public var cores: Int
        /// A running trial without a heartbeat for this long is reclaimed.
        public var staleAfter: Double
        /// Seconds between heartbeats.
        public var heartbeatEvery: Double

        public init(jobs: Int = 1, timeout: Double? = nil, retryFailed: Bool = false, executable: String,
                    cores: Int = CPU.cores, staleAfter: Double = 30, heartbeatEvery: Double = 2) {
            self.jobs = max(1, jobs)
            self.timeout = timeout
            self.retryFailed = retryFailed
            self.executable = executable
            self.cores = max(1, cores)
            self.staleAfter = staleAfter
            self.heartbeatEvery = heartbeatEvery
        }

        /// This machine's sgemm GFLOP/s at `threadsPerJob` threads; nil: measured at the start of a run.
        public var gemmPeak: Double?

        /// BLAS threads (and data-parallel replicas) per trial, so jobs never oversubscribe the cores.
        public var threadsPerJob: Int { max(1, cores / jobs) }
    }

    /// What a run did.
    public struct Summary: Sendable, Equatable {
        /// Trials this runner finished, by status.
        public var ran: [TrialStatus: Int] = [:]
        /// Whether Ctrl-C stopped the run.
        public var interrupted = false
        public var newTrials = 0
    }

    private struct Running {
        let key: String
        let child: ChildProcess
        let resultPath: String
        let stderrPath: String
        var timedOut = false
    }

    public let store: Store
    public let options: Options
    public let worker = WorkerIdentity.current()
    private let output: (String) -> Void

    /// `output` receives progress lines (stdout by default).
    public init(store: Store, options: Options, output: @escaping (String) -> Void = { print($0); fflush(stdout) }) {
        self.store = store
        self.options = options
        self.output = output
    }

    /// The best of seven 1024³ sgemm calls at `threads` BLAS threads, in GFLOP/s (≈0.3 s).
    public static func measurePeak(threads: Int) -> Double {
        let previous = BLAS.threads
        BLAS.threads = threads
        defer { BLAS.threads = previous }
        return GEMMPeak.measure(n: 1024)
    }

    /// Records the plan (insert-if-absent) and runs every runnable trial of the sweep.
    public func run(_ plan: SweepPlan) throws -> Summary {
        let sweep = plan.sweepId
        let planned = plan.trials.enumerated().map { i, t in
            PlannedTrial(key: t.key, spec: t.spec.canonicalJSON, seed: t.spec.seed, axes: t.axesJSON, position: i, phase: t.phase)
        }
        let provenance = Provenance.json(jobs: options.jobs, threadsPerJob: options.threadsPerJob,
                                         overrides: plan.suite.overrides, suiteFile: plan.suite.file)
        let (inserted, environment) = try store.recordSweep(id: sweep, suite: plan.suite.name, description: plan.suite.description,
                                                            suiteText: plan.suite.text, trials: planned, provenance: provenance)
        var summary = Summary(newTrials: inserted)
        if options.retryFailed { try store.resetFailures(sweep: sweep) }
        try store.reclaimStale(sweep: sweep, staleAfter: options.staleAfter, isGone: WorkerIdentity.isGone)

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ablate-run-\(getpid())-\(worker.nonce)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        // The denominator of every trial's MFU: sgemm at one job's thread count, measured once
        // while no trial runs (the jobs together never use more than the cores).
        let gemmPeak = options.gemmPeak ?? Self.measurePeak(threads: options.threadsPerJob)

        interruptRequested = 0
        let previous = signal(SIGINT) { _ in interruptRequested = 1 }
        defer { signal(SIGINT, previous) }

        let start = Date().timeIntervalSince1970
        var running: [Running] = []
        var exhausted = false
        var lastBeat = start
        var durations: [Double] = []
        var failures = 0
        let initial = try store.summary(sweep: sweep)
        output("sweep \(sweep): \(initial.total) trials (\(inserted) new), \(initial.count(.done)) done; "
               + "\(options.jobs) job(s) × \(options.threadsPerJob) thread(s); store \(store.path)")

        while true {
            if interruptRequested != 0 {
                for r in running { r.child.send(SIGKILL) }
                for r in running { while r.child.poll() == nil { usleep(10_000) } }
                try store.markInterrupted(keys: running.map(\.key), worker: worker.id)
                output("interrupted: \(running.count) running trial(s) marked interrupted; run the same command again to resume")
                summary.interrupted = true
                return summary
            }
            while running.count < options.jobs && !exhausted {
                guard let trial = try store.claim(sweep: sweep, worker: worker.id, environmentId: environment) else {
                    exhausted = true
                    break
                }
                let base = scratch.appendingPathComponent(trial.key)
                let resultPath = base.path + ".json", stderrPath = base.path + ".stderr"
                var env = ProcessInfo.processInfo.environment
                env["OPENBLAS_NUM_THREADS"] = String(options.threadsPerJob)
                let child = try ChildProcess(
                    executable: options.executable,
                    arguments: ["trial", trial.key, "--store", store.path, "--result", resultPath,
                                "--threads", String(options.threadsPerJob), "--parent", String(getpid()),
                                "--gemm-peak", String(gemmPeak)],
                    environment: env, stderrPath: stderrPath)
                running.append(Running(key: trial.key, child: child, resultPath: resultPath, stderrPath: stderrPath))
            }
            var still: [Running] = []
            for var r in running {
                if let (ending, rss) = r.child.poll() {
                    let status = try finish(r, ending: ending, peakRSS: rss)
                    summary.ran[status, default: 0] += 1
                    if status.isFailure { failures += 1 }
                    durations.append(Date().timeIntervalSince1970 - r.child.started)
                    let s = try store.summary(sweep: sweep)
                    let finished = s.count(.done) + s.count(.failed) + s.count(.timeout) + s.count(.diverged)
                    let elapsed = Date().timeIntervalSince1970 - start
                    let mean = durations.reduce(0, +) / Double(durations.count)
                    let eta = mean * Double(max(0, s.total - finished)) / Double(options.jobs)
                    output("[\(finished)/\(s.total)] \(status.rawValue) \(r.key) \(String(format: "%.1f", durations.last!)) s"
                           + " · failures \(failures) · elapsed \(Self.clock(elapsed)) · ETA \(Self.clock(eta))")
                    continue
                }
                if let timeout = options.timeout, !r.timedOut, Date().timeIntervalSince1970 - r.child.started > timeout {
                    r.timedOut = true
                    r.child.send(SIGKILL)
                }
                still.append(r)
            }
            running = still
            let now = Date().timeIntervalSince1970
            if now - lastBeat >= options.heartbeatEvery {
                try store.heartbeat(keys: running.map(\.key), worker: worker.id, now: now)
                lastBeat = now
                // Trials of runners that died meanwhile become claimable again.
                if exhausted, !(try store.reclaimStale(sweep: sweep, staleAfter: options.staleAfter, isGone: WorkerIdentity.isGone)).isEmpty {
                    exhausted = false
                }
            }
            if running.isEmpty && exhausted { break }
            usleep(20_000)
        }
        return summary
    }

    /// Records the end of a child: its result with the peak RSS, or why it has none.
    private func finish(_ r: Running, ending: ChildProcess.Ending, peakRSS: Int) throws -> TrialStatus {
        defer {
            try? FileManager.default.removeItem(atPath: r.resultPath)
            try? FileManager.default.removeItem(atPath: r.stderrPath)
        }
        var outcome: TrialOutcome
        if r.timedOut {
            outcome = TrialOutcome(status: .timeout, error: "exceeded --timeout \(options.timeout ?? 0) s" + Self.tail(r.stderrPath))
        } else if ending == .exited(0), let data = FileManager.default.contents(atPath: r.resultPath),
                  let decoded = try? TrialOutcome.decode(data) {
            outcome = decoded
        } else {
            let how: String
            switch ending {
            case .exited(let code): how = "exit code \(code)"
            case .signaled(let s): how = "signal \(s) (\(String(cString: strsignal(s))))"
            }
            outcome = TrialOutcome(status: .failed, error: "trial process ended with \(how)" + Self.tail(r.stderrPath))
        }
        outcome.metrics.append(Metric(stage: "train", .peakRSS, value: Double(peakRSS)))
        _ = try store.complete(key: r.key, worker: worker.id, outcome: outcome)
        return outcome.status
    }

    /// The last lines of a child's stderr, for the error column.
    static func tail(_ path: String, lines: Int = 12) -> String {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return "" }
        let text = String(decoding: data.suffix(8192), as: UTF8.self)
        let all = text.split(separator: "\n", omittingEmptySubsequences: true)
        // A crash backtrace can push the reason out of the tail: keep the reason line too.
        var kept = Array(all.suffix(lines))
        if let reason = all.first(where: { $0.contains("Fatal error") || $0.contains("Precondition failed") }), !kept.contains(reason) {
            kept.insert(reason, at: 0)
        }
        return kept.isEmpty ? "" : "; stderr:\n" + kept.joined(separator: "\n")
    }

    static func clock(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? String(format: "%dh%02dm", t / 3600, (t % 3600) / 60) : String(format: "%dm%02ds", t / 60, t % 60)
    }
}
