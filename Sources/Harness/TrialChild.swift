import Foundation
import Store
#if canImport(Glibc)
import Glibc
#endif

/// The child side of the runner: `ablate trial KEY` runs one stored trial in its own process.
public enum TrialChild {
    /// This binary's path, which the runner starts trial children from.
    public static var executablePath: String {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    /// Runs the trial stored under `key` in `store` and returns its outcome as JSON; `log`
    /// receives its progress lines.
    public static func run(key: String, store: String, threads: Int, gemmPeak: Double?,
                           log: @escaping (String) -> Void) throws -> Data {
        let record = try Store(path: store).trial(key)
        let spec: TrialSpec
        do { spec = try TrialSpec.decode(record.spec) } catch {
            throw HarnessError.unreadableSpec(key: key, reason: "\(error)")
        }
        return try TrialExecution.run(spec, threads: threads, gemmPeak: gemmPeak, log: log).encoded()
    }

    /// Ends this process when the runner `parent` dies (SIGKILL gives it no chance to stop
    /// its children), so that no orphan keeps computing a trial that will be reclaimed.
    public static func exitWhenParentDies(_ parent: Int32) {
        let thread = Thread {
            while true {
                if getppid() != parent { _exit(137) }
                usleep(200_000)
            }
        }
        thread.start()
    }
}
