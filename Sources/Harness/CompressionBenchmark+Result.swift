import Foundation
import Store

extension CompressionBenchmark {
    /// The benchmark's table: the dense model, then one row per compression stage.
    public struct Result: Sendable {
        public let rows: [Row]
        /// The stages that failed (nil: none).
        public let failedStages: String?
    }

    /// One line of the table.
    public struct Row: Sendable {
        public var stage: String
        public var bytes: Int
        public var ratio: Double
        public var loss: Double
        public var latency: Double
        public var latencyRatio: Double
        public var speed: String

        /// The row as `--json` prints it.
        public var json: [String: Any] {
            ["stage": stage, "model_bytes": bytes, "compression_ratio": ratio, "test_loss": loss,
             "latency_median_s": latency, "latency_ratio_to_dense": latencyRatio, "speed": speed]
        }

        /// The row as the text table prints it.
        public var text: String {
            stage.padding(toLength: 58, withPad: " ", startingAt: 0)
                + String(format: " %9d %7.2f %10.4f %11.3f %9.2f  %@", bytes, ratio, loss, latency * 1e3, latencyRatio, speed)
        }

        /// The text table's heading.
        public static let heading = "stage".padding(toLength: 58, withPad: " ", startingAt: 0)
            + "     bytes   ratio  test loss   median ms  vs dense  speed"
    }

    /// The dense row (stage `eval`) and one row per compression stage, in run order.
    public static func rows(_ metrics: [Metric]) -> [Row] {
        var stages: [String] = []
        for m in metrics where m.stage == "eval" || Stage.compressionLabel(m.stage) != nil {
            if !stages.contains(m.stage) { stages.append(m.stage) }
        }
        return stages.map { stage in
            func value(_ name: String) -> Double { metrics.first(stage: stage, name: name)?.value ?? .nan }
            let speed = metrics.first(stage: stage, name: "latency_median_s")?.label ?? "measured"
            return Row(stage: Stage.compressionLabel(stage) ?? "dense (Float32)",
                       bytes: Int(value("model_bytes")), ratio: stage == "eval" ? 1 : value("compression_ratio"),
                       loss: value("loss"), latency: value("latency_median_s"),
                       latencyRatio: stage == "eval" ? 1 : value("latency_ratio_to_dense"), speed: speed)
        }
    }
}
