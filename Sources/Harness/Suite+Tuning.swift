import Foundation
import Metrics
import Tasks

/// A suite's `tune:` section, typed: which keys are tuned per configuration, over which
/// candidates, on which validation metric, with how many seeds and how far past an edge.
public struct TuningSpec: Sendable {
    /// One tuned key and its candidates.
    public struct Key: Sendable {
        /// Dotted key (`training.lr`, `model.norm.params.alpha0`).
        public let key: String
        /// Candidate values, increasing.
        public let candidates: [Double]
        /// Whether the key takes integers (candidates are written as integers).
        let integral: Bool
        let location: SourceLocation

        /// The value one step past the end of `values` (`above`) or before its start: the
        /// neighbours' ratio when every value is positive, their difference otherwise.
        func step(beyond values: [Double], above: Bool) -> Double {
            let (edge, inner) = above ? (values[values.count - 1], values[values.count - 2]) : (values[0], values[1])
            let next = values.allSatisfy({ $0 > 0 }) ? edge * (edge / inner) : edge + (edge - inner)
            return integral ? next.rounded() : next
        }

        /// `value` as a suite node.
        func node(_ value: Double) -> SuiteNode {
            SuiteNode(integral ? .int(Int(value.rounded())) : .double(value), at: location)
        }
    }

    public let keys: [Key]
    /// The task metric selected on, on the validation split.
    public let metric: String
    /// Which direction of `metric` is better.
    public let polarity: Polarity
    /// The tuning seeds (1000, 1001, …).
    public let seeds: [Int]
    /// Steps added past an edge, at most, per key and direction.
    public let extend: Int

    /// The first tuning seed: tuning seeds never coincide with a final run's seed, so no final
    /// test metric comes from a model whose seed was selected on.
    public static let firstSeed = 1000

    /// How a value is selected, in words, for the record and the report.
    public var rule: String {
        let better = polarity == .higherIsBetter ? "highest" : "lowest"
        return "\(better) mean validation.\(metric) over \(seeds.count) seed(s) (\(seeds.map(String.init).joined(separator: ", ")))"
            + "; a best value at an end of the candidates extends them by up to \(extend) step(s) that way"
    }
}

extension Suite {
    /// The suite's `tune:` section, or nil when it tunes nothing.
    public var tuning: TuningSpec? {
        guard let node = document["tune"] else { return nil }
        let section = SchemaSection("tune", mapping: node, SuiteSchema.tune)
        let keys = section.node("keys").entries.map { e -> TuningSpec.Key in
            let path = e.key.split(separator: ".").map(String.init)
            let integral: Bool
            if case .integer? = SuiteSchema.type(at: path) { integral = true } else { integral = false }
            let candidates: [Double]
            if case .list(let items) = e.value.value {
                candidates = items.map(Self.number).sorted()
            } else {
                guard case .list(let bounds)? = e.value["log-range"]?.value else { preconditionFailure("schema checked tune.keys") }
                candidates = Self.logRange(Self.number(bounds[0]), Self.number(bounds[1]))
            }
            return TuningSpec.Key(key: e.key, candidates: integral ? candidates.map { $0.rounded() } : candidates,
                                  integral: integral, location: e.value.location)
        }
        let metric = section.string("metric")
        let seeds = (0..<section.int("seeds")).map { TuningSpec.firstSeed + $0 }
        return TuningSpec(keys: keys, metric: metric, polarity: MetricSpec.named(metric)?.polarity ?? .lowerIsBetter,
                          seeds: seeds, extend: section.int("extend"))
    }

    /// The id of the suite's task.
    public var taskId: String {
        guard case .string(let id)? = document.node(at: ["task", "id"])?.value else { preconditionFailure("schema checked task.id") }
        return id
    }

    /// The names of the metrics the suite's task reports.
    public var taskMetricNames: [String] {
        ((try? TaskCatalog.descriptor(taskId))?.metrics ?? []).map(\.name)
    }

    /// Points from `low` to `high` evenly spaced in log space, neighbours at most 2× apart.
    static func logRange(_ low: Double, _ high: Double) -> [Double] {
        guard high > low else { return [low] }
        let steps = max(1, Int((Foundation.log2(high / low) - 1e-9).rounded(.up)))
        return (0...steps).map { i in i == steps ? high : low * Foundation.pow(high / low, Double(i) / Double(steps)) }
    }

    static func number(_ node: SuiteNode) -> Double {
        switch node.value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: preconditionFailure("schema checked a number")
        }
    }
}
