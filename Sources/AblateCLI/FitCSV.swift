import Foundation

/// A CSV table read for `ablate fit`: a header row and string cells.
struct FitCSV {
    /// The file the table came from.
    let path: String
    /// Column names from the header.
    let header: [String]
    /// Data rows (without the header).
    let rows: [[String]]

    /// Why a CSV table cannot be used.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// A table built in memory (the points of a stored sweep); `source` names it in messages.
    init(source: String, header: [String], rows: [[String]]) {
        self.path = source
        self.header = header
        self.rows = rows
    }

    /// Reads and splits `path` (quoted fields with commas and doubled quotes are supported).
    init(path: String) throws {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "\(path): cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "\(path): not UTF-8 text")
        }
        var lines = FitCSV.parse(text)
        lines.removeAll { $0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = lines.first else { throw Problem(description: "\(path): the file is empty") }
        header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(lines.dropFirst())
        for (i, r) in rows.enumerated() where r.count != header.count {
            throw Problem(description: "\(path): row \(i + 1) has \(r.count) fields, the header has \(header.count)")
        }
    }

    /// The index of column `name`, or an error listing the columns there are.
    func column(_ name: String) throws -> Int {
        if let i = header.firstIndex(of: name) { return i }
        let listed = header.map { "'\($0)'" }.joined(separator: ", ")
        throw Problem(description: "\(path): no column '\(name)'; the columns are \(listed)")
    }

    /// The numeric values of column `name`, or an error naming the row of the first bad cell.
    func numbers(_ name: String) throws -> [Double] {
        let c = try column(name)
        return try rows.enumerated().map { i, r in
            let cell = r[c].trimmingCharacters(in: .whitespaces)
            guard let v = Double(cell) else {
                throw Problem(description: "\(path): column '\(name)', row \(i + 1): '\(cell)' is not a number")
            }
            return v
        }
    }

    /// The cells of column `name`.
    func strings(_ name: String) throws -> [String] {
        let c = try column(name)
        return rows.map { $0[c].trimmingCharacters(in: .whitespaces) }
    }

    /// Splits CSV text into records of fields (RFC 4180 quoting; CRLF or LF line ends).
    static func parse(_ text: String) -> [[String]] {
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
