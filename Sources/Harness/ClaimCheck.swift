import Foundation
import Metrics
import Reports
import ScalingLaws
import Store

/// Checks a suite's claims against a sweep's final trials: paired effects by seed for
/// better/worse/equivalent/monotone/order, the saved fits' intervals for slope and
/// crossover, and the gates of every configuration a claim involves. Saves the verdicts.
public enum ClaimCheck {
    /// Checks `settings.claims` on `sweep` and saves the verdicts in the store.
    public static func run(_ settings: ClaimSettings, sweep: String, store: Store) throws -> ClaimReport {
        let data = try SweepData.load(store: store, sweep: sweep)
        let evaluator = ClaimEvaluator(gates: settings.gates, effects: settings.effects, tuned: settings.tuned,
                                       fits: settings.fits.map { ($0.label, $0.request.by) }) { index in
            try SweepFit.fit(settings.fits[index].request, sweep: sweep, store: store)
        }
        let report = evaluator.evaluate(settings.claims, data: data)
        try store.saveClaims(sweep: sweep, report.verdicts.map {
            AnalysisRecord(subject: $0.claim.name, verdict: $0.result.rawValue, json: try! JSONCoding.text($0, .sorted))
        })
        return report
    }

    /// Checks the claims of the suite text stored with `sweep` (as last run) against its
    /// current results; throws `SuiteError` when the stored suite is invalid.
    public static func recheck(sweep: String, store: Store) throws -> ClaimReport {
        let record = try store.sweep(sweep)
        // Named as last run (its text is the stored copy), so file:line points at the suite file.
        let provenance = try store.provenance(sweep: sweep).last.flatMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let file = provenance?["suite_file"] as? String ?? "\(sweep) (suite stored with the sweep)"
        let overrides = provenance?["overrides"] as? [String] ?? []
        let suite = try Suite.parse(text: record.suiteText, file: file, overrides: overrides)
        return try run(suite.claimSettings, sweep: sweep, store: store)
    }
}
