import XCTest
@testable import Harness

/// `ablate bench compress` builds its one-trial suite as a value.
final class CompressionBenchmarkTests: XCTestCase {
    /// The suite the benchmark wrote as YAML text before it built the value.
    func yaml(_ r: CompressionBenchmark.Request) -> String {
        """
        name: bench-compress
        task: {id: task.text-bytes, params: {seq_len: 64}}
        model: {depth: 4, width: \(r.width), heads: \(r.width / 32)}
        training: {steps: \(r.steps), batch: 16, lr: 3.0e-3, schedule: cosine, warmup: 20, log_every: 50}
        measurement: {latency: true, latency_batch: 1, min_seconds: \(r.minSeconds)}
        compression:
        \(r.pipelines.map { "  - [" + $0.joined(separator: ", ") + "]" }.joined(separator: "\n"))
        """
    }

    func testTheBuiltSuitePlansTheTrialTheYAMLSuitePlanned() throws {
        for request in [
            CompressionBenchmark.Request(width: 256, steps: 300, pipelines: CompressionBenchmark.defaultPipelines, threads: 1, minSeconds: 1),
            CompressionBenchmark.Request(width: 64, steps: 7, pipelines: [["compress.quant.int8"], ["compress.prune.nm", "compress.quant.int4"]],
                                         threads: 2, minSeconds: 2.5),
        ] {
            let built = try SweepPlanner.plan(try CompressionBenchmark.suite(request))
            let parsed = try SweepPlanner.plan(try Suite.parse(text: yaml(request), file: "bench-compress"))
            XCTAssertEqual(built.trials.map(\.key), parsed.trials.map(\.key))
            XCTAssertEqual(built.trials.count, 1)
            XCTAssertEqual(built.suite.name, "bench-compress")
        }
    }

    func testMethodIdsTakeTheirPrefixAndMustBeCompressionMethods() {
        XCTAssertEqual(CompressionBenchmark.methodId("quant.int8"), "compress.quant.int8")
        XCTAssertEqual(CompressionBenchmark.methodId("compress.quant.int8"), "compress.quant.int8")
        XCTAssertNil(CompressionBenchmark.methodId("norm.rmsnorm"))
        XCTAssertTrue(CompressionBenchmark.defaultPipelines.allSatisfy { $0.allSatisfy { CompressionBenchmark.methodId($0) != nil } })
    }
}
