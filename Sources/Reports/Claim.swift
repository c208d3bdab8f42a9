import Foundation

/// A suite's claim: what it expects of its results, typed so that code checks it into a verdict.
public struct Claim: Sendable, Codable, Equatable {
    /// What is claimed.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// `subject` beats `reference` on `metric` (by at least `margin`).
        case better
        /// `subject` is worse than `reference` on `metric` (by at least `margin`).
        case worse
        /// `subject` lies within ±`margin` of `reference` on `metric`.
        case equivalent
        /// `metric` moves in `direction` along the sweep axis `axis`.
        case monotone
        /// `order` ranks configurations best first on `metric`.
        case order
        /// A fitted curve's exponent lies above and/or below bounds.
        case slope
        /// Two fitted curves cross inside a range.
        case crossover
    }

    /// A difference that matters: in the metric's unit, or relative to the reference's value.
    public enum Margin: Sendable, Codable, Equatable {
        case absolute(Double)
        case relative(Double)

        /// `0.05` or `5%`.
        public var text: String {
            switch self {
            case .absolute(let v): return NumberFormat.short(v)
            case .relative(let v): return NumberFormat.short(v * 100) + "%"
            }
        }
    }

    public var name: String
    public var kind: Kind
    /// `stage.name` (better, worse, equivalent, monotone, order).
    public var metric: String?
    /// The configurations claimed about, as sweep axis → value: one for better, worse and
    /// equivalent, the ranking (best first) for order.
    public var subjects: [[String: String]]
    /// What better, worse and equivalent compare with (the suite's baseline unless given).
    public var reference: [String: String]?
    public var margin: Margin?
    /// monotone: the axis and whether the metric increases along it.
    public var axis: String?
    public var increasing: Bool?
    /// monotone: only configurations with these axis values.
    public var filter: [String: String]
    /// slope, crossover: which suite fit (0-based) and which curves (`by` values; `all` for an unsplit fit).
    public var fit: Int?
    public var curves: [String]
    /// slope: the fitted parameter and the bounds claimed.
    public var parameter: String?
    public var above: Double?
    public var below: Double?
    /// crossover: the x range the curves are claimed to cross in.
    public var within: [Double]?
    /// The gates the configurations must pass for the verdict to count.
    public var gates: [Gate]
    /// Where the suite states it (file:line).
    public var location: String

    public init(name: String, kind: Kind, metric: String? = nil, subjects: [[String: String]] = [], reference: [String: String]? = nil,
                margin: Margin? = nil, axis: String? = nil, increasing: Bool? = nil, filter: [String: String] = [:],
                fit: Int? = nil, curves: [String] = [], parameter: String? = nil, above: Double? = nil, below: Double? = nil,
                within: [Double]? = nil, gates: [Gate] = Gate.allCases, location: String = "") {
        self.name = name; self.kind = kind; self.metric = metric; self.subjects = subjects; self.reference = reference
        self.margin = margin; self.axis = axis; self.increasing = increasing; self.filter = filter; self.fit = fit
        self.curves = curves; self.parameter = parameter; self.above = above; self.below = below; self.within = within
        self.gates = gates; self.location = location
    }

    /// `key=value` pairs of a selector, sorted by key.
    public static func text(_ selector: [String: String]) -> String {
        selector.isEmpty ? "all" : selector.keys.sorted().map { "\($0)=\(selector[$0]!)" }.joined(separator: " ")
    }
}

/// A claim's verdict.
public enum ClaimResult: String, Sendable, Codable {
    case supported, contradicted, inconclusive

    /// Combines the verdicts of the parts of one claim: contradicted when any part is,
    /// supported only when every part is.
    public static func all(_ parts: [ClaimResult]) -> ClaimResult {
        if parts.contains(.contradicted) { return .contradicted }
        if !parts.isEmpty && parts.allSatisfy({ $0 == .supported }) { return .supported }
        return .inconclusive
    }
}

/// One claim checked: its verdict, why, the effects that decided it and any failed gate.
public struct ClaimVerdict: Sendable, Codable, Equatable {
    public var claim: Claim
    public var result: ClaimResult
    /// The numbers that decided it, in a sentence.
    public var reason: String
    /// The paired effects behind it (better, worse, equivalent, monotone, order).
    public var effects: [PairedEffect]
    /// Failed gates, one line each (`converged: model.norm=norm.none …: …`).
    public var failedGates: [String]

    public init(claim: Claim, result: ClaimResult, reason: String, effects: [PairedEffect] = [], failedGates: [String] = []) {
        self.claim = claim; self.result = result; self.reason = reason; self.effects = effects; self.failedGates = failedGates
    }
}

/// The verdicts of a sweep's claims, in the suite's order.
public struct ClaimReport: Sendable, Codable, Equatable {
    public var sweep: String
    public var verdicts: [ClaimVerdict]
    /// How the intervals were made (method, level, draws, seed).
    public var method: String

    public init(sweep: String, verdicts: [ClaimVerdict], method: String) {
        self.sweep = sweep; self.verdicts = verdicts; self.method = method
    }

    /// The exit status of `ablate claims`: 2 when any claim is contradicted, 4 when none is
    /// but some are inconclusive, 0 when all are supported.
    public var exitCode: Int32 {
        let results = verdicts.map(\.result)
        if results.contains(.contradicted) { return 2 }
        if results.contains(.inconclusive) { return 4 }
        return 0
    }
}
