import Dispatch

/// Splits independent work across the cores the BLAS would otherwise own.
///
/// One owner of parallelism at a time: while the workers run, OpenBLAS is set to one
/// thread (each worker's `sgemm` calls run on that worker), and its thread count is
/// restored afterwards. Items are assigned to workers in fixed contiguous ranges, so the
/// results do not depend on scheduling.
public enum Parallel {
    /// Calls `body(item, worker)` for every item in 0..<count, on up to `workers` threads
    /// (default: the BLAS thread count). `worker` indexes per-worker scratch space.
    public static func forEach(_ count: Int, workers: Int = BLAS.threads, _ body: (Int, Int) -> Void) {
        // FLOP counting is single-threaded (tests): count on the calling thread.
        let w = FLOPCounter.enabled ? 1 : max(1, min(workers, count))
        if w == 1 {
            for i in 0..<count { body(i, 0) }
            return
        }
        let saved = BLAS.threads
        BLAS.threads = 1
        defer { BLAS.threads = saved }
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: w) { worker in
                for i in (worker * count / w)..<((worker + 1) * count / w) { body(i, worker) }
            }
        }
    }
}
