import Foundation

/// Facts about the processor this process runs on.
public enum CPU {
    /// The model name the kernel reports (`/proc/cpuinfo`), or "unknown".
    public static var modelName: String {
        cpuinfoField("model name") ?? "unknown"
    }

    /// The feature flags the kernel reports (`/proc/cpuinfo`), empty where unavailable.
    public static var flags: Set<String> {
        Set((cpuinfoField("flags") ?? "").split(separator: " ").map(String.init))
    }

    /// Logical cores available to this process.
    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The instruction-set features Ablate's kernels are compiled for (`-target-cpu haswell`)
    /// that this CPU lacks; empty when it can run them.
    public static var missingRequiredFeatures: [String] {
        #if arch(x86_64) && os(Linux)
        let have = flags
        if have.isEmpty { return [] }  // no cpuinfo to read: let the kernels decide
        return ["avx2", "fma", "bmi2", "f16c"].filter { !have.contains($0) }
        #else
        return []
        #endif
    }

    private static func cpuinfoField(_ name: String) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
