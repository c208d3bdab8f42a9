import ArgumentParser
import Foundation
import Reports

/// `ablate compare BASELINE CANDIDATE`: significant changes between two sweeps.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a candidate sweep with a baseline sweep, trials paired by spec.",
        discussion: """
            Latency uses every sample (ratio of medians with a bootstrap interval, Mann-Whitney U); other metrics \
            use the seed replicates (Welch t). The false-discovery rate is controlled across all comparisons \
            (Benjamini-Hochberg); a change must also pass the metric's threshold (default 2% for timings, 1% for \
            memory, 0.5% for quality). Exit status: 0 no significant change, 2 a regression, 4 improvements only.
            """)

    @Argument(help: "The baseline sweep id.") var baseline: String
    @Argument(help: "The candidate sweep id.") var candidate: String
    @Option(help: "Metrics to compare, comma-separated names or stage.name (latency: the latency samples).") var metrics: String?
    @Option(help: "False-discovery rate.") var alpha: Double = 0.05
    @Option(help: "Minimum relevant changes, comma-separated name=fraction (latency=0.05,accuracy=0.01).") var threshold: String?
    @Option(help: "The SQLite store.") var store: String = "results/ablate.sqlite"
    @Option(help: "The baseline's store, when it is another file (default: --store).") var baselineStore: String?
    @Flag(help: "Print a Markdown table (for a pull-request comment).") var markdown = false
    @Flag(help: "Machine-readable output.") var json = false

    func validate() throws {
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must be between 0 and 1") }
        _ = try CompareOptions.thresholds(threshold)
    }

    func run() throws {
        let options = try CompareOptions.comparison(alpha: alpha, metrics: metrics, threshold: threshold)
        let candidateStore = try StoreAccess.open(store)
        let baselineData = try StoreAccess.sweep(baselineStore.map(StoreAccess.open) ?? candidateStore, baseline)
        let comparison = Comparison.run(baseline: baselineData, candidate: try StoreAccess.sweep(candidateStore, candidate), options: options)
        if comparison.changes.isEmpty {
            FileHandle.standardError.write(Data("error: no configuration of \(candidate) has a finished counterpart in \(baseline) with the compared metrics\n".utf8))
            throw ExitCode(65)
        }
        print(json ? comparison.json : markdown ? comparison.markdown : comparison.text)
        if comparison.outcome != .noChange { throw ExitCode(comparison.outcome.rawValue) }
    }
}

/// Parsing of `--threshold`.
enum CompareOptions {
    /// The comparison options of `compare` and `check`: α, the metrics (comma-separated) and
    /// the `--threshold` pairs.
    static func comparison(alpha: Double, metrics: String?, threshold: String?) throws -> ComparisonOptions {
        var options = ComparisonOptions()
        options.alpha = alpha
        options.metrics = metrics.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        options.policy = MetricPolicy(thresholds: try thresholds(threshold))
        return options
    }

    /// `name=fraction` pairs.
    static func thresholds(_ text: String?) throws -> [String: Double] {
        guard let text else { return [:] }
        var out: [String: Double] = [:]
        for part in text.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, let v = Double(kv[1]), v >= 0 else {
                throw ValidationError("--threshold takes name=fraction pairs (latency=0.05), not '\(part)'")
            }
            out[kv[0]] = v
        }
        return out
    }
}
