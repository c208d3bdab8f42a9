import Foundation
import Store

extension ClaimReport {
    /// One block per claim: verdict, name, where the suite states it, the deciding numbers and
    /// any failed gate; a closing count.
    public var text: String {
        var lines = ["claims of \(sweep):"]
        // Each pair and failed gate is one line; long lists show their first few (`--json` has all).
        func capped(_ items: [String], _ prefix: String, what: String) {
            for item in items.prefix(4) { lines.append("    " + prefix + item) }
            if items.count > 4 { lines.append("    … \(items.count - 4) more \(what)") }
        }
        for v in verdicts {
            lines.append("  \(v.result.rawValue.uppercased()): \(v.claim.name)  (\(v.claim.location))")
            capped(v.reason.components(separatedBy: "; "), "", what: "pair(s)")
            capped(v.failedGates, "gate failed: ", what: "failed gate(s)")
        }
        lines.append(summary)
        lines.append("method: " + method)
        return lines.joined(separator: "\n")
    }

    /// `N supported, N contradicted, N inconclusive`.
    public var summary: String {
        let count = { (r: ClaimResult) in self.verdicts.filter { $0.result == r }.count }
        return "\(count(.supported)) supported, \(count(.contradicted)) contradicted, \(count(.inconclusive)) inconclusive"
    }

    /// A Markdown table of the verdicts, then the failed gates and the method.
    public var markdown: String {
        var out = "| claim | verdict | evidence |\n|---|---|---|\n"
        for v in verdicts {
            out += "| \(Escaping.markdown(v.claim.name)) | **\(v.result.rawValue)** | \(Escaping.markdown(v.reason)) |\n"
        }
        let gates = verdicts.flatMap { v in v.failedGates.map { "- \(Escaping.markdown(v.claim.name)): \(Escaping.markdown($0))" } }
        if !gates.isEmpty { out += "\nFailed gates (each makes its claim inconclusive):\n\n" + gates.joined(separator: "\n") + "\n" }
        out += "\n\(summary). Intervals: \(method).\n"
        return out
    }

    /// The report as indented JSON.
    public var json: String { try! JSONCoding.text(self, .pretty) }
}
