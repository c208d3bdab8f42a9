import Foundation
import Tensor

/// Where and how a sweep ran (DESIGN.md, "Provenance"): git commit and dirty flag, host, CPU
/// model and flags, cores, OS, Swift version, build configuration, BLAS library and threads,
/// date, and the command line.
public enum Provenance {
    /// The provenance of this run as a JSON object text.
    public static func json(jobs: Int, threadsPerJob: Int, overrides: [String], suiteFile: String) -> String {
        var o: [String: Any] = [
            "host": ProcessInfo.processInfo.hostName,
            "cpu": CPU.modelName,
            "cpu_flags": ["avx2", "fma", "avx512f", "f16c"].filter { CPU.flags.contains($0) },
            "cores": CPU.cores,
            "os": ProcessInfo.processInfo.operatingSystemVersionString,
            "swift": swiftVersion,
            "build": buildConfiguration,
            "blas": BLAS.configuration,
            "blas_core": BLAS.coreName,
            "jobs": jobs,
            "blas_threads_per_job": threadsPerJob,
            "date": ISO8601DateFormatter().string(from: Date()),
            "engine": Engine.version,
            "suite_file": suiteFile,
            "overrides": overrides,
            "command": CommandLine.arguments,
        ]
        if let commit = git(["rev-parse", "HEAD"]) {
            o["git_commit"] = commit
            o["git_dirty"] = !(git(["status", "--porcelain", "--untracked-files=no"]) ?? "").isEmpty
        }
        let data = try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static var buildConfiguration: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    /// The compiler's version (`#if compiler`, not `#if swift`, which tests the language mode).
    static var swiftVersion: String {
        #if compiler(>=6.4)
        return "6.4+"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    private static func git(_ arguments: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
