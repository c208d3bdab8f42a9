import Foundation

extension FitTable {
    /// Reads the CSV file at `path`: a header row, then one row of text cells per point
    /// (quoted fields with commas and doubled quotes are supported). A file without data rows,
    /// a row with the wrong number of fields and a control character in a cell are refused.
    public init(csvPath path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FitInputError("\(path): cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FitInputError("\(path): not UTF-8 text")
        }
        var lines: [[String]]
        do { lines = try Self.parseCSV(text) } catch let e as FitInputError {
            throw FitInputError("\(path): \(e.description)")
        }
        lines.removeAll { $0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = lines.first else { throw FitInputError("\(path): the file is empty") }
        let header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = lines.dropFirst()
        guard !rows.isEmpty else { throw FitInputError("\(path): the file has a header but no data rows") }
        for (c, name) in header.enumerated() where name.unicodeScalars.contains(where: Self.isControl) {
            throw FitInputError("\(path): header field \(c + 1) holds a control character (\(Self.controlName(name)))")
        }
        for (i, r) in rows.enumerated() {
            guard r.count == header.count else {
                throw FitInputError("\(path): row \(i + 1) has \(r.count) fields, the header has \(header.count)")
            }
            for (c, cell) in r.enumerated() where cell.unicodeScalars.contains(where: Self.isControl) {
                throw FitInputError("\(path): column '\(header[c])', row \(i + 1): the cell holds a control character (\(Self.controlName(cell)))")
            }
        }
        self.init(source: path, header: header, columns: header.indices.map { c in .text(rows.map { $0[c] }) })
    }

    /// Splits CSV text into records of fields (RFC 4180 quoting; CRLF or LF line ends). A carriage
    /// return alone as a line end and a quote left open are refused, naming the line.
    public static func parseCSV(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var line = 1, quoteLine = 1
        var chars = Array(text.unicodeScalars)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    if ch == "\n" { line += 1 }
                    field.unicodeScalars.append(ch)
                }
                continue
            }
            switch ch {
            case "\"": quoted = true; quoteLine = line
            case ",": record.append(field); field = ""
            case "\r":
                guard chars.first == "\n" else {
                    throw FitInputError("line \(line) ends with a carriage return alone; use LF or CRLF line ends")
                }
            case "\n": record.append(field); records.append(record); record = []; field = ""; line += 1
            default: field.unicodeScalars.append(ch)
            }
        }
        if quoted { throw FitInputError("the quoted field opened on line \(quoteLine) is never closed") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    /// A C0 control character or DEL; tabs and line ends (inside quotes) are text.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t" && s != "\n" && s != "\r") || s.value == 0x7F
    }

    /// The first control character in `text`, spelled for a message (`NUL`, `U+001B`).
    static func controlName(_ text: String) -> String {
        guard let s = text.unicodeScalars.first(where: isControl) else { return "" }
        return s.value == 0 ? "NUL" : String(format: "U+%04X", s.value)
    }
}
