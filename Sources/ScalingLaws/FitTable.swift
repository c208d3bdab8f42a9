import Foundation

/// Why a table of points cannot be used for a fit (a missing column, a bad cell, a sweep
/// without enough finished trials); the sentence names the source.
public struct FitInputError: Error, CustomStringConvertible, Equatable {
    /// The sentence, naming the source, column and row.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}

/// A table of points to fit: named columns of numbers or text cells, read from a CSV file or
/// built in memory from stored results.
public struct FitTable: Sendable {
    /// One column's cells.
    public enum Column: Sendable {
        /// Numbers measured or computed (the inputs and output of a stored sweep).
        case numbers([Double])
        /// Text cells, parsed as numbers when a numeric column is asked for (a CSV file's cells).
        case text([String])

        var count: Int {
            switch self {
            case .numbers(let v): return v.count
            case .text(let v): return v.count
            }
        }
    }

    /// Where the table came from (a file path, or `sweep ID`), in messages and reports.
    public let source: String
    /// Column names, in order.
    public let header: [String]
    /// The columns, one per name in `header`.
    public let columns: [Column]

    /// A table of `columns` named by `header`; every column has the same number of rows.
    public init(source: String, header: [String], columns: [Column]) {
        precondition(header.count == columns.count, "one name per column")
        precondition(Set(columns.map(\.count)).count <= 1, "every column has the same number of rows")
        self.source = source
        self.header = header
        self.columns = columns
    }

    /// The number of data rows.
    public var rowCount: Int { columns.first?.count ?? 0 }

    /// The index of column `name`, or an error listing the columns there are.
    /// A name given to more than one column is refused rather than read from the first.
    public func column(_ name: String) throws -> Int {
        let found = header.indices.filter { header[$0] == name }
        if found.count > 1 {
            throw FitInputError("\(source): column '\(name)' is named \(found.count) times in the header (fields "
                + found.map { "\($0 + 1)" }.joined(separator: ", ") + "); rename all but one")
        }
        if let i = found.first { return i }
        let listed = header.map { "'\($0)'" }.joined(separator: ", ")
        throw FitInputError("\(source): no column '\(name)'; the columns are \(listed)")
    }

    /// The numeric values of column `name` (decimal notation only, see `decimal(_:)`), or an
    /// error naming the row of the first bad cell.
    public func numbers(_ name: String) throws -> [Double] {
        switch columns[try column(name)] {
        case .numbers(let values):
            return values
        case .text(let cells):
            return try cells.enumerated().map { i, raw in
                let cell = raw.trimmingCharacters(in: .whitespaces)
                guard let v = Self.decimal(cell) else {
                    throw FitInputError("\(source): column '\(name)', row \(i + 1): '\(cell)' is not a decimal number")
                }
                return v
            }
        }
    }

    /// The value of `text` written in decimal notation (`-1.5`, `.5`, `2e-3`), or nil for anything
    /// else: hexadecimal (`0x10`), `nan`, `inf`, digits with spaces or other characters.
    public static func decimal(_ text: some StringProtocol) -> Double? {
        var s = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            var n = 0
            while let c = s.first, ("0"..."9").contains(c) { s.removeFirst(); n += 1 }
            return n
        }
        if s.first == "+" || s.first == "-" { s.removeFirst() }
        var mantissa = digits()
        if s.first == "." { s.removeFirst(); mantissa += digits() }
        guard mantissa > 0 else { return nil }
        if s.first == "e" || s.first == "E" {
            s.removeFirst()
            if s.first == "+" || s.first == "-" { s.removeFirst() }
            guard digits() > 0 else { return nil }
        }
        return s.isEmpty ? Double(String(text)) : nil
    }

    /// The cells of column `name` as text (numbers in the form that parses back to the same value).
    public func strings(_ name: String) throws -> [String] {
        switch columns[try column(name)] {
        case .numbers(let values): return values.map { "\($0)" }
        case .text(let cells): return cells.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// Integer labels for column `name`'s cells, numbered in order of first appearance.
    public func labels(_ name: String) throws -> [Int] {
        var ids: [String: Int] = [:]
        return try strings(name).map { s in
            if let i = ids[s] { return i }
            ids[s] = ids.count
            return ids.count - 1
        }
    }
}
