import Foundation

extension FitTable {
    /// Reads the CSV file at `path`: a header row, then one row of text cells per point
    /// (quoted fields with commas and doubled quotes are supported).
    public init(csvPath path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FitInputError("\(path): cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FitInputError("\(path): not UTF-8 text")
        }
        var lines = Self.parseCSV(text)
        lines.removeAll { $0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = lines.first else { throw FitInputError("\(path): the file is empty") }
        let header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = lines.dropFirst()
        for (i, r) in rows.enumerated() where r.count != header.count {
            throw FitInputError("\(path): row \(i + 1) has \(r.count) fields, the header has \(header.count)")
        }
        self.init(source: path, header: header, columns: header.indices.map { c in .text(rows.map { $0[c] }) })
    }

    /// Splits CSV text into records of fields (RFC 4180 quoting; CRLF or LF line ends).
    public static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(ch)
                }
                continue
            }
            switch ch {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\r": continue
            case "\n": record.append(field); records.append(record); record = []; field = ""
            default: field.unicodeScalars.append(ch)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
