import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A runner's id in the store: `host/pid/nonce`. A runner on the same host can tell that
/// another runner's process is gone and reclaim its trials at once.
public struct WorkerIdentity: Sendable, Equatable {
    public let host: String
    public let pid: Int32
    public let nonce: String

    /// This process's identity.
    public static func current() -> WorkerIdentity {
        WorkerIdentity(host: ProcessInfo.processInfo.hostName, pid: getpid(),
                       nonce: String(UInt32.random(in: 0...UInt32.max), radix: 16))
    }

    public var id: String { "\(host)/\(pid)/\(nonce)" }

    /// Parses an id written by `id`.
    public init?(_ id: String) {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]) else { return nil }
        host = parts.dropLast(2).joined(separator: "/")
        self.pid = pid
        nonce = String(parts.last!)
    }

    init(host: String, pid: Int32, nonce: String) {
        self.host = host
        self.pid = pid
        self.nonce = nonce
    }

    /// Whether the worker `id` ran on this host in a process that no longer exists.
    public static func isGone(_ id: String) -> Bool {
        guard let w = WorkerIdentity(id), w.host == ProcessInfo.processInfo.hostName else { return false }
        return kill(w.pid, 0) != 0 && errno == ESRCH
    }
}
