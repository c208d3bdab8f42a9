import Foundation
import Reports
import ScalingLaws

/// What `ablate run` and `ablate claims` need to check a suite's claims.
public struct ClaimSettings: Sendable {
    /// The claims, in suite order.
    public var claims: [Claim]
    /// The suite's `baseline:` (sweep axis → value), when given.
    public var baseline: [String: String]?
    public var gates: GateSettings
    public var effects = EffectSettings()
    /// The suite's fits, for slope and crossover claims.
    public var fits: [SuiteFit]
    /// Whether the suite tunes (without tuning, the `tuned` gate fails).
    public var tuned: Bool
}

extension Suite {
    /// The suite's `baseline:` as sweep axis → value text, or nil.
    public var baseline: [String: String]? {
        document["baseline"].map(Self.selector)
    }

    /// The suite's claims, typed; a claim's `than` defaults to the baseline.
    public var claims: [Claim] {
        guard case .list(let items)? = document["claims"]?.value else { return [] }
        let required = requiredGates
        return items.map { item in
            let s = SchemaSection("claims", mapping: item, SuiteSchema.claim)
            let kind = Claim.Kind.allCases.first { item[$0.rawValue] != nil } ?? .better
            var claim = Claim(name: s.givenString("name") ?? "", kind: kind, metric: s.givenString("metric"),
                              location: item.location.description)
            claim.reference = item["than"].map(Self.selector) ?? baseline
            claim.margin = item["margin"].map(Self.margin)
            claim.gates = item["gates"].map(Self.gateList) ?? required
            switch kind {
            case .better, .worse, .equivalent:
                claim.subjects = [Self.selector(item[kind.rawValue]!)]
            case .order:
                if case .list(let ranked) = item["order"]!.value { claim.subjects = ranked.map(Self.selector) }
            case .monotone:
                claim.axis = s.givenString("monotone")
                claim.increasing = s.givenString("direction").map { $0 == "increasing" }
                claim.filter = item["where"].map(Self.selector) ?? [:]
            case .slope:
                claim.fit = s.int("fit") - 1
                claim.curves = [s.givenString("slope")!]
                claim.parameter = s.givenString("parameter")
                claim.above = item["above"].map(Self.number)
                claim.below = item["below"].map(Self.number)
            case .crossover:
                claim.fit = s.int("fit") - 1
                if case .list(let names) = item["crossover"]!.value { claim.curves = names.map(Self.text) }
                if case .list(let range)? = item["within"]?.value { claim.within = range.map(Self.number) }
            }
            if claim.name.isEmpty { claim.name = Self.defaultName(claim) }
            return claim
        }
    }

    /// The gate thresholds of the suite's `gates:` section (defaults where it is silent).
    public var gateSettings: GateSettings {
        let s = SchemaSection("gates", of: document, SuiteSchema.gates)
        return GateSettings(headroom: s.double("headroom"), converged: s.double("converged"), spike: s.double("spike"))
    }

    /// The gates every claim requires unless it names its own.
    var requiredGates: [Gate] {
        document.node(at: ["gates", "require"]).map(Self.gateList) ?? Gate.allCases
    }

    /// Everything claim checking needs from the suite.
    public var claimSettings: ClaimSettings {
        ClaimSettings(claims: claims, baseline: baseline, gates: gateSettings, fits: fits, tuned: tuning != nil)
    }

    /// A mapping of sweep axis → value, values as reports print them (a variant by its id).
    static func selector(_ node: SuiteNode) -> [String: String] {
        var out: [String: String] = [:]
        for e in node.entries { out[e.key] = text(e.value) }
        return out
    }

    /// A value as `SweepData.axisValues` gives it.
    static func text(_ node: SuiteNode) -> String {
        if case .string(let s) = node.value { return s }
        if let id = node["id"], case .string(let s) = id.value { return s }
        return SweepData.axisValues(PlannedSpec.json([("v", node)]))["v"] ?? node.flowText
    }

    static func margin(_ node: SuiteNode) -> Claim.Margin {
        if case .string(let s) = node.value, let percent = Double(s.trimmingCharacters(in: .whitespaces).dropLast()) {
            return .relative(percent / 100)
        }
        return .absolute(number(node))
    }

    static func gateList(_ node: SuiteNode) -> [Gate] {
        guard case .list(let items) = node.value else { return [] }
        return items.compactMap { if case .string(let s) = $0.value { return Gate(rawValue: s) } else { return nil } }
    }

    static func defaultName(_ c: Claim) -> String {
        let metric = c.metric ?? ""
        switch c.kind {
        case .better, .worse, .equivalent:
            return "\(Claim.text(c.subjects[0])) \(c.kind.rawValue) than \(Claim.text(c.reference ?? [:])) on \(metric)"
                .replacingOccurrences(of: "equivalent than", with: "equivalent to")
        case .order: return "order on \(metric): " + c.subjects.map(Claim.text).joined(separator: " > ")
        case .monotone: return "\(metric) \(c.increasing == true ? "increases" : "decreases") with \(c.axis ?? "")"
        case .slope: return "slope of \(c.curves.first ?? "")"
        case .crossover: return "\(c.curves.joined(separator: " and ")) cross"
        }
    }
}
