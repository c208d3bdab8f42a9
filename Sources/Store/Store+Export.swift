import Foundation

/// The formats `ablate export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, jsonl
}

extension Store {
    /// One flat row per trial × stage: sweep, trial key, status, seed, attempt, trial wall time (`trial_wall_s`), error and
    /// failed step, the trial's sweep-axis values (`axis.<path>`), the stage, then every
    /// metric of that stage as a column (`name`, unit-free; units are in the store). A trial
    /// without metrics (failed, pending) still gets one row with an empty stage.
    /// Columns are the union over rows, in first-seen order.
    public func exportTable(sweep id: String) throws -> (columns: [String], rows: [[String: ExportValue]]) {
        _ = try sweep(id)
        var columns = ["sweep", "trial", "status", "seed", "attempt", "trial_wall_s", "error", "failed_step"]
        var seen = Set(columns)
        func add(_ c: String) { if seen.insert(c).inserted { columns.append(c) } }
        var rows: [[String: ExportValue]] = []
        for (t, axesText) in try trials(sweep: id) {
            var base: [String: ExportValue] = [
                "sweep": .text(id), "trial": .text(t.key), "status": .text(t.status.rawValue),
                "seed": .number(Double(t.seed)), "attempt": .number(Double(t.attempt)),
                "trial_wall_s": (t.startedAt != nil && t.finishedAt != nil) ? .number(t.finishedAt! - t.startedAt!) : .null,
                "error": t.error.map(ExportValue.text) ?? .null,
                "failed_step": t.failedStep.map { .number(Double($0)) } ?? .null,
            ]
            if let axes = (try? JSONSerialization.jsonObject(with: Data(axesText.utf8))) as? [String: Any] {
                for name in axes.keys.sorted() {
                    let column = "axis." + name
                    add(column)
                    base[column] = ExportValue(axisValue: axes[name]!)
                }
            }
            let byStage = Dictionary(grouping: try metrics(t.key), by: \.stage)
            if byStage.isEmpty {
                add("stage")
                var row = base
                row["stage"] = .text("")
                rows.append(row)
            }
            for stage in byStage.keys.sorted() {
                add("stage")
                var row = base
                row["stage"] = .text(stage)
                for m in byStage[stage]! {
                    add(m.name)
                    row[m.name] = m.value.map(ExportValue.number) ?? .null
                }
                rows.append(row)
            }
        }
        return (columns, rows)
    }

    /// The export of `sweep` as CSV (RFC 4180 quoting, empty cells for missing values) or
    /// JSON Lines (one object per row, numbers as numbers, missing values as null).
    public func export(sweep id: String, format: ExportFormat) throws -> String {
        let (columns, rows) = try exportTable(sweep: id)
        switch format {
        case .csv:
            var out = columns.map(csvField).joined(separator: ",") + "\n"
            for row in rows {
                out += columns.map { csvField((row[$0] ?? .null).text) }.joined(separator: ",") + "\n"
            }
            return out
        case .jsonl:
            var out = ""
            for row in rows {
                // Keys in column order, so the lines read the same way as the CSV.
                let fields = columns.compactMap { c -> String? in
                    guard let v = row[c] else { return nil }
                    return jsonString(c) + ":" + v.json
                }
                out += "{" + fields.joined(separator: ",") + "}\n"
            }
            return out
        }
    }
}

/// A cell of an export row.
public enum ExportValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    case null

    /// The cell as CSV text.
    public var text: String {
        switch self {
        case .text(let s): return s
        case .number(let d): return formatNumber(d)
        case .null: return ""
        }
    }

    /// The cell as a JSON value.
    public var json: String {
        switch self {
        case .text(let s): return jsonString(s)
        case .number(let d): return d.isFinite ? formatNumber(d) : "null"
        case .null: return "null"
        }
    }
}

extension ExportValue {
    /// A sweep-axis value as stored in `sweep_trials.axes`: booleans and strings as text,
    /// numbers as numbers, a list or mapping (a variant with parameters, `{"id":…,"params":…}`)
    /// as its compact JSON with sorted keys.
    init(axisValue v: Any) {
        if let n = v as? NSNumber {
            // JSON booleans arrive as NSNumbers of type char.
            self = String(cString: n.objCType) == "c" ? .text(n.boolValue ? "true" : "false") : .number(n.doubleValue)
        } else if let s = v as? String {
            self = .text(s)
        } else if let text = canonicalJSONText(v) {
            self = .text(text)
        } else {
            self = .null
        }
    }
}

/// Integers without a fractional part, everything else in Swift's shortest round-trip form.
private func formatNumber(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return String(d)
}

private func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// A JSON string literal with every required escape.
func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
        default: out.unicodeScalars.append(u)
        }
    }
    return out + "\""
}
