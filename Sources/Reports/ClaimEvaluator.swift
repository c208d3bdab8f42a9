import Foundation
import Metrics
import ScalingLaws
import Statistics
import Store

/// Checks claims against a sweep's final trials: paired effects by seed for
/// better/worse/equivalent/monotone/order, a fit's bootstrap intervals for slope and
/// crossover, and the gates of every configuration a claim involves.
public struct ClaimEvaluator {
    public var gates: GateSettings
    public var effects: EffectSettings
    /// Whether the suite tunes (without tuning, the `tuned` gate fails).
    public var tuned: Bool
    /// The suite's fits, in order: a label and the `by` key.
    public var fits: [(label: String, by: String?)]
    /// Makes suite fit `i` (slope and crossover claims).
    public var makeFit: (Int) throws -> FitOutput

    public init(gates: GateSettings, effects: EffectSettings, tuned: Bool, fits: [(label: String, by: String?)],
                makeFit: @escaping (Int) throws -> FitOutput) {
        self.gates = gates; self.effects = effects; self.tuned = tuned; self.fits = fits; self.makeFit = makeFit
    }

    /// Checks every claim against `data`'s final trials and tuning records.
    public func evaluate(_ claims: [Claim], data: SweepData) -> ClaimReport {
        let context = Context(evaluator: self, data: data)
        let verdicts = claims.map { claim -> ClaimVerdict in
            var verdict: ClaimVerdict
            var involved: [Configuration] = []
            switch claim.kind {
            case .better, .worse, .equivalent:
                (verdict, involved) = context.versus(claim)
            case .order:
                (verdict, involved) = context.order(claim)
            case .monotone:
                (verdict, involved) = context.monotone(claim)
            case .slope, .crossover:
                (verdict, involved) = context.fitted(claim)
            }
            let failed = context.failedGates(involved, required: claim.gates)
            if !failed.isEmpty {
                verdict.failedGates = failed
                if verdict.result != .inconclusive {
                    verdict.reason = "would be \(verdict.result.rawValue) (\(verdict.reason)), but a gate failed"
                }
                verdict.result = .inconclusive
            }
            return verdict
        }
        return ClaimReport(sweep: data.sweep.id, verdicts: verdicts, method: effects.method)
    }

    /// The sweep's configurations and what checking a claim needs to look up in them.
    struct Context {
        let settings: ClaimEvaluator
        let data: SweepData
        let configurations: [Configuration]
        let tunings: [String: TuningRecord]
        let axes: [[String: String]]

        init(evaluator: ClaimEvaluator, data: SweepData) {
            self.settings = evaluator
            self.data = data
            configurations = data.configurations
            tunings = Dictionary(data.tunings.map { ($0.configuration, $0) }) { a, _ in a }
            axes = configurations.map { c in SweepData.axisValues(c.trials[0].axes).filter { $0.key != "seed" } }
        }

        func matching(_ selector: [String: String]) -> [Int] {
            axes.indices.filter { i in selector.allSatisfy { axes[i][$0.key] == $0.value } }
        }

        /// The configuration equal to `i` but for `selector`'s values.
        func partner(of i: Int, with selector: [String: String]) -> Int? {
            let wanted = axes[i].merging(selector) { $1 }
            return axes.firstIndex { $0 == wanted }
        }

        /// The stage and name of `metric` (`stage.name`) as the trials recorded it; nil when none did.
        func split(_ metric: String) -> (stage: String, name: String)? {
            data.metricName(qualified: metric).map { ($0.stage, $0.name) }
        }

        func polarity(_ metric: String) -> Polarity { MetricPolicy().polarity(split(metric)?.name ?? metric) }

        /// Subject-versus-reference claims: every configuration the subject matches, paired with the
        /// one that differs only in the reference's values.
        func versus(_ claim: Claim) -> (ClaimVerdict, [Configuration]) {
            let reference = claim.reference ?? [:]
            var parts: [ClaimResult] = [], effects: [PairedEffect] = [], notes: [String] = [], involved: [Configuration] = []
            let subjects = matching(claim.subjects[0])
            for i in subjects {
                guard let j = partner(of: i, with: reference), j != i else {
                    parts.append(.inconclusive)
                    notes.append("\(configurations[i].label): no finished reference configuration")
                    continue
                }
                involved += [configurations[i], configurations[j]]
                let (result, effect, note) = judgePair(claim, subject: i, reference: j, kind: claim.kind)
                parts.append(result)
                if let effect { effects.append(effect) }
                notes.append(note)
            }
            if subjects.isEmpty { notes.append("no finished configuration matches \(Claim.text(claim.subjects[0]))") }
            return (ClaimVerdict(claim: claim, result: ClaimResult.all(parts), reason: notes.joined(separator: "; "), effects: effects), involved)
        }

        /// A ranking: each neighbour pair as a `better` claim of the earlier over the later.
        func order(_ claim: Claim) -> (ClaimVerdict, [Configuration]) {
            var parts: [ClaimResult] = [], effects: [PairedEffect] = [], notes: [String] = [], involved: [Configuration] = []
            for (a, b) in zip(claim.subjects, claim.subjects.dropFirst()) {
                var step = claim
                step.kind = .better
                step.subjects = [a]
                step.reference = b
                let (v, inv) = versus(step)
                parts.append(v.result)
                effects += v.effects
                notes.append("\(Claim.text(a)) over \(Claim.text(b)): \(v.result.rawValue)")
                involved += inv
            }
            return (ClaimVerdict(claim: claim, result: ClaimResult.all(parts), reason: notes.joined(separator: "; "), effects: effects), involved)
        }

        /// Along an axis: each neighbour pair of values, within each group of the other axes.
        func monotone(_ claim: Claim) -> (ClaimVerdict, [Configuration]) {
            let axis = claim.axis!
            var groups: [[String: String]: [Int]] = [:], order: [[String: String]] = []
            for i in matching(claim.filter) {
                var rest = axes[i]
                rest[axis] = nil
                if groups[rest] == nil { order.append(rest) }
                groups[rest, default: []].append(i)
            }
            var parts: [ClaimResult] = [], effects: [PairedEffect] = [], notes: [String] = [], involved: [Configuration] = []
            for rest in order {
                let members = groups[rest]!.sorted { a, b in
                    let (x, y) = (axes[a][axis]!, axes[b][axis]!)
                    if let dx = Double(x), let dy = Double(y) { return dx < dy }
                    return false
                }
                for (lo, hi) in zip(members, members.dropFirst()) {
                    involved += [configurations[lo], configurations[hi]]
                    var step = claim
                    step.kind = claim.increasing == false ? .worse : .better
                    // "Better" here means larger: judge on the raw difference, not the metric's polarity.
                    let (result, effect, note) = judgePair(step, subject: hi, reference: lo, kind: step.kind, rawDirection: true)
                    parts.append(result)
                    if let effect { effects.append(effect) }
                    notes.append(note)
                }
            }
            if parts.isEmpty { notes.append("fewer than two finished values of \(axis)") }
            return (ClaimVerdict(claim: claim, result: ClaimResult.all(parts), reason: notes.joined(separator: "; "), effects: effects), involved)
        }

        /// One subject/reference pair: its effect and verdict. `rawDirection`: a larger metric
        /// counts as better (monotone), instead of the metric's polarity.
        func judgePair(_ claim: Claim, subject i: Int, reference j: Int, kind: Claim.Kind, rawDirection: Bool = false)
            -> (ClaimResult, PairedEffect?, String)
        {
            let metric = claim.metric!
            let label = "\(configurations[i].label) vs \(configurations[j].label)"
            guard let recorded = split(metric),
                  let effect = PairedEffect.measure(subject: configurations[i], reference: configurations[j], stage: recorded.stage, name: recorded.name,
                                                    settings: settings.effects) else {
                return (.inconclusive, nil, "\(label): no seed has \(metric) on both sides")
            }
            let relative: Bool
            let m: Double
            switch claim.margin {
            case .relative(let r)?: relative = true; m = r
            case .absolute(let a)?: relative = false; m = a
            case nil: relative = false; m = 0
            }
            let value = relative ? (effect.relative ?? .nan) : effect.difference
            let unit = relative ? "" : " " + effect.unit
            func show(_ iv: Interval) -> String {
                relative ? NumberFormat.interval(value * 100, iv.low * 100, iv.high * 100) + "%" : NumberFormat.interval(value, iv.low, iv.high) + unit
            }
            let what = relative ? "relative difference" : "difference"
            guard effect.n >= settings.effects.minimumPairs,
                  let iv = relative ? effect.relativeInterval : effect.interval else {
                let r = effect.range
                return (.inconclusive, effect, "\(label): \(effect.n) seed(s), \(what) range [\(NumberFormat.short(r.low)), \(NumberFormat.short(r.high))];"
                        + " an interval needs \(settings.effects.minimumPairs)")
            }
            if kind == .equivalent {
                // Two one-sided tests at the claim level: the (1 − 2α) interval inside ±margin.
                let diffs = relative ? zip(effect.subjectValues, effect.referenceValues).map { $0 / $1 - 1 }
                                     : zip(effect.subjectValues, effect.referenceValues).map { $0 - $1 }
                let alpha = (1 - settings.effects.level) / 2
                let narrow = PairedEffect.interval(diffs, level: 1 - 2 * alpha, settings: settings.effects, bounds: nil, salt: 3) ?? iv
                let margin = relative ? "±\(NumberFormat.short(m * 100))%" : "±\(NumberFormat.short(m))"
                if narrow.low > -m && narrow.high < m {
                    return (.supported, effect, "\(label): \(what) \(show(narrow)) (\(NumberFormat.short((1 - 2 * alpha) * 100))%) inside \(margin), n = \(effect.n)")
                }
                if iv.low > m || iv.high < -m {
                    return (.contradicted, effect, "\(label): \(what) \(show(iv)) outside \(margin), n = \(effect.n)")
                }
                return (.inconclusive, effect, "\(label): \(what) \(show(narrow)) reaches past \(margin), n = \(effect.n)")
            }
            // Improvement of the subject: positive when it is better (or larger, for monotone).
            let higherBetter = rawDirection || polarity(metric) == .higherIsBetter
            let sign: Double = (higherBetter ? 1 : -1) * (kind == .worse ? -1 : 1)
            let low = min(sign * iv.low, sign * iv.high), high = max(sign * iv.low, sign * iv.high)
            let claimed = rawDirection ? (kind == .worse ? "decreases" : "increases") : kind.rawValue
            let by = m > 0 ? " by at least \(claim.margin!.text)" : ""
            if low > m { return (.supported, effect, "\(label): \(what) \(show(iv)), \(claimed)\(by), n = \(effect.n)") }
            if high < m { return (.contradicted, effect, "\(label): \(what) \(show(iv)), not \(claimed)\(by), n = \(effect.n)") }
            return (.inconclusive, effect, "\(label): \(what) \(show(iv)) includes \(m > 0 ? claim.margin!.text : "0"), n = \(effect.n)")
        }

        /// Slope and crossover claims, from the fit's bootstrap intervals.
        func fitted(_ claim: Claim) -> (ClaimVerdict, [Configuration]) {
            let entry = settings.fits[claim.fit!]
            let by = entry.by
            let involved = configurations.indices.filter { i in
                guard let by else { return true }
                return claim.curves.contains(axes[i][by] ?? "")
            }.map { configurations[$0] }
            let output: FitOutput
            do { output = try settings.makeFit(claim.fit!) } catch {
                return (ClaimVerdict(claim: claim, result: .inconclusive, reason: "\(entry.label) could not be made: \(error)"), involved)
            }
            if claim.kind == .slope {
                let curve = claim.curves[0]
                guard let report = output.reports.first(where: { by == nil ? $0.variant.isEmpty : $0.variant == curve })?.report else {
                    return (ClaimVerdict(claim: claim, result: .inconclusive, reason: "\(entry.label) has no curve \(curve)"), involved)
                }
                let parameter = claim.parameter ?? "alpha"
                guard let summary = report.bootstrap?.parameters.first(where: { $0.name == parameter }),
                      summary.lower.isFinite, summary.upper.isFinite else {
                    return (ClaimVerdict(claim: claim, result: .inconclusive,
                                         reason: "\(entry.label), \(curve): no bootstrap interval of \(parameter) (give the fit bootstrap: N)"), involved)
                }
                var parts: [ClaimResult] = []
                if let a = claim.above { parts.append(summary.lower > a ? .supported : summary.upper < a ? .contradicted : .inconclusive) }
                if let b = claim.below { parts.append(summary.upper < b ? .supported : summary.lower > b ? .contradicted : .inconclusive) }
                let bounds = [claim.above.map { "above \(NumberFormat.short($0))" }, claim.below.map { "below \(NumberFormat.short($0))" }]
                    .compactMap { $0 }.joined(separator: " and ")
                let reason = "\(curve): \(parameter) = \(NumberFormat.interval(summary.estimate, summary.lower, summary.upper))"
                    + " (\(report.bootstrap!.resamples)-draw bootstrap), claimed \(bounds)"
                return (ClaimVerdict(claim: claim, result: ClaimResult.all(parts), reason: reason), involved)
            }
            guard case .variants(let fits) = output,
                  let pair = fits.crossovers.first(where: { Set([$0.first, $0.second]) == Set(claim.curves) }) else {
                return (ClaimVerdict(claim: claim, result: .inconclusive, reason: "\(entry.label) has no crossover of \(claim.curves.joined(separator: " and "))"), involved)
            }
            let within = claim.within!
            let c = pair.crossover
            let range = "[\(NumberFormat.short(within[0])), \(NumberFormat.short(within[1]))]"
            if let low = c.lower, let high = c.upper, let estimate = c.estimate {
                let text = "crossover at \(NumberFormat.short(estimate)) [\(NumberFormat.short(low)), \(NumberFormat.short(high))]"
                if low >= within[0] && high <= within[1] { return (ClaimVerdict(claim: claim, result: .supported, reason: "\(text) inside \(range)"), involved) }
                if high < within[0] || low > within[1] { return (ClaimVerdict(claim: claim, result: .contradicted, reason: "\(text) outside \(range)"), involved) }
                return (ClaimVerdict(claim: claim, result: .inconclusive, reason: "\(text) reaches outside \(range)"), involved)
            }
            if c.estimate == nil, let share = c.crossingShare, share < 0.05 {
                return (ClaimVerdict(claim: claim, result: .contradicted,
                                     reason: "the curves do not cross in the fitted range; \(NumberFormat.short(share * 100))% of bootstrap draws cross"), involved)
            }
            return (ClaimVerdict(claim: claim, result: .inconclusive, reason: "no crossover interval (give the fit bootstrap: N)"), involved)
        }

        /// One line per configuration and required gate that failed.
        func failedGates(_ involved: [Configuration], required: [Gate]) -> [String] {
            var seen = Set<String>(), out: [String] = []
            for c in involved where seen.insert(c.key).inserted {
                var failures: [Gate: [GateResult]] = [:]
                for t in c.trials {
                    for g in TrialGates.evaluate(t, settings: settings.gates) where !g.passed && required.contains(g.gate) {
                        failures[g.gate, default: []].append(g)
                    }
                }
                for gate in Gate.allCases where required.contains(gate) {
                    if gate == .tuned {
                        if !settings.tuned {
                            out.append("tuned: \(c.label): the suite does not tune (add tune:, or leave tuned out of gates.require)")
                        } else if let record = tunings[c.label], !record.atEdge.isEmpty {
                            out.append("tuned: \(c.label): the best \(record.atEdge.joined(separator: ", ")) lies at the edge of the candidates")
                        } else if tunings[c.label]?.selected == nil {
                            out.append("tuned: \(c.label): no tuning selection")
                        }
                        continue
                    }
                    guard let failed = failures[gate] else { continue }
                    out.append("\(gate.rawValue): \(c.label) (\(failed.count) of \(c.trials.count) seeds): \(failed[0].detail)")
                }
            }
            return out
        }
    }
}
