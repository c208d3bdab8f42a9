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
    public func column(_ name: String) throws -> Int {
        if let i = header.firstIndex(of: name) { return i }
        let listed = header.map { "'\($0)'" }.joined(separator: ", ")
        throw FitInputError("\(source): no column '\(name)'; the columns are \(listed)")
    }

    /// The numeric values of column `name`, or an error naming the row of the first bad cell.
    public func numbers(_ name: String) throws -> [Double] {
        switch columns[try column(name)] {
        case .numbers(let values):
            return values
        case .text(let cells):
            return try cells.enumerated().map { i, raw in
                let cell = raw.trimmingCharacters(in: .whitespaces)
                guard let v = Double(cell) else {
                    throw FitInputError("\(source): column '\(name)', row \(i + 1): '\(cell)' is not a number")
                }
                return v
            }
        }
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
