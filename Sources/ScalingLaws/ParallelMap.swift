import Foundation

/// A deterministic parallel map: item i is computed by `body(i)` on one of `threads` workers and
/// stored at index i, so the result never depends on scheduling.
enum ParallelMap {
    static func run<T>(count: Int, threads: Int, _ body: (Int) -> T) -> [T] {
        if count == 0 { return [] }
        let workers = max(1, min(threads, count))
        var out = [T?](repeating: nil, count: count)
        if workers == 1 {
            for i in 0..<count { out[i] = body(i) }
            return out.map { $0! }
        }
        // Workers take the next index from a shared counter (balances uneven items).
        let next = Counter()
        out.withUnsafeMutableBufferPointer { buffer in
            let base = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let i = next.take()
                    if i >= count { break }
                    base[i] = body(i)
                }
            }
        }
        return out.map { $0! }
    }

    /// A locked counter.
    final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func take() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value - 1
        }
    }
}
