import Foundation

extension FitOutput {
    /// The human-readable output: the report, or each variant's report and the crossovers.
    public var text: String {
        switch self {
        case .single(let report): return report.text
        case .variants(let v): return v.text
        }
    }
}

extension VariantFits {
    /// Each variant's report under a `== BY = VALUE ==` heading, then the crossovers.
    public var text: String {
        var lines: [String] = []
        for r in variants {
            lines.append("== \(by) = \(r.value) ==")
            lines.append(r.report.text)
            lines.append("")
        }
        lines.append(String(format: "crossovers (%@, searched %.3g to %.3g)", axis, lower, upper))
        for c in crossovers {
            let r = c.crossover
            var line = "  \(c.first) vs \(c.second): "
            if let e = r.estimate { line += String(format: "%.4g", e) } else { line += "none in range" }
            if let l = r.lower, let u = r.upper { line += String(format: ", %g%% interval %.4g – %.4g", 95.0, l, u) }
            if let share = r.crossingShare { line += String(format: " (%.0f%% of paired draws cross)", share * 100) }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
