import Foundation
import Statistics

/// A coordinate check (`ablate coord-check`): the size of every layer's activations (mean
/// |coordinate|, averaged over seeds) after each of a few training steps, at each width of a
/// ladder, for each parametrization. Under μP the sizes stay flat as the width grows; under
/// the standard parametrization with Adam some grow (the logits about ∝ width), which is
/// what makes the best learning rate drift with width.
public struct CoordinateCheck: Codable, Sendable, Equatable {
    /// One layer's sizes.
    public struct Layer: Codable, Sendable, Equatable {
        /// `embedding`, `block<i>.mixer` (the mixer's residual update), `block<i>.ffn` (the
        /// feed-forward's residual update), `block<i>.residual` (the block's output), `logits`.
        public var name: String
        /// Mean |coordinate| at each width (in `widths` order) after each step (0 = at init).
        public var sizes: [[Double]]

        public init(name: String, sizes: [[Double]]) {
            self.name = name
            self.sizes = sizes
        }
    }

    /// One parametrization's layers.
    public struct Parametrization: Codable, Sendable, Equatable {
        /// A short name (`standard`, `mup`).
        public var name: String
        /// What it is, for headings (`μP, base width 32, normal readout`).
        public var label: String
        public var layers: [Layer]

        public init(name: String, label: String, layers: [Layer]) {
            self.name = name
            self.label = label
            self.layers = layers
        }
    }

    /// How a parametrization's sizes move with width at the last step.
    public enum Verdict: String, Codable, Sendable {
        /// Every layer's |slope| is within the threshold.
        case flat
        /// Some layer's slope is above the threshold.
        case grows
        /// No slope is above the threshold and some is below −threshold.
        case shrinks
    }

    /// The width ladder, ascending.
    public var widths: [Int]
    /// Training steps taken; sizes are recorded at steps 0…steps.
    public var steps: Int
    /// Seeds averaged over.
    public var seeds: Int
    /// The Adam (or SGD) base learning rate.
    public var learningRate: Double
    /// The largest |slope| of log size against log width that still counts as flat.
    public var threshold: Double
    public var parametrizations: [Parametrization]

    /// 0.25: doubling the width changes a flat layer's size by less than 19%; the standard
    /// parametrization's logits grow with slope near 1.
    public static let defaultThreshold = 0.25

    public init(widths: [Int], steps: Int, seeds: Int, learningRate: Double, threshold: Double = defaultThreshold,
                parametrizations: [Parametrization]) {
        self.widths = widths
        self.steps = steps
        self.seeds = seeds
        self.learningRate = learningRate
        self.threshold = threshold
        self.parametrizations = parametrizations
    }

    /// The Theil–Sen slope of log size against log width after `step`; nil when a size is
    /// zero or not finite (a zero readout's logits at init).
    public func slope(_ layer: Layer, step: Int) -> Double? {
        let sizes = layer.sizes.map { $0[step] }
        guard sizes.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        return TheilSen.line(x: widths.map { Foundation.log(Double($0)) }, y: sizes.map { Foundation.log($0) }).slope
    }

    /// The verdict of `p` from its slopes at the last step.
    public func verdict(_ p: Parametrization) -> Verdict {
        let slopes = p.layers.compactMap { slope($0, step: steps) }
        if slopes.contains(where: { $0 > threshold }) { return .grows }
        if slopes.contains(where: { $0 < -threshold }) { return .shrinks }
        return .flat
    }

    /// The layers of `p` whose last-step |slope| is above the threshold.
    public func offendingLayers(_ p: Parametrization) -> [String] {
        p.layers.filter { l in slope(l, step: steps).map { abs($0) > threshold } ?? false }.map(\.name)
    }
}
