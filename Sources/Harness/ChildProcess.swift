import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, reaped with `wait4` so that its peak
/// resident set size comes from the operating system.
final class ChildProcess {
    /// How a child ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    let pid: pid_t
    let started: Double

    /// Starts `executable` with `arguments`; its stdout goes to /dev/null and its stderr to `stderrPath`.
    init(executable: String, arguments: [String], environment: [String: String], stderrPath: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, nil, argv, envp)
        guard rc == 0 else {
            throw HarnessError.spawnFailed(executable: executable, reason: String(cString: strerror(rc)))
        }
        pid = child
        started = Date().timeIntervalSince1970
    }

    /// The ending and peak RSS in bytes, if the child has ended (never blocks).
    func poll() -> (Ending, peakRSSBytes: Int)? {
        var status: Int32 = 0
        var usage = rusage()
        let r = wait4(pid, &status, WNOHANG, &usage)
        guard r == pid else { return nil }
        // Linux reports ru_maxrss in kibibytes.
        let rss = Int(usage.ru_maxrss) * 1024
        let signal = status & 0x7f
        return (signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal), rss)
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) { kill(pid, signal) }
}
