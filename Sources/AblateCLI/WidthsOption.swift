import ArgumentParser
import Foundation

/// Parsing of a `--widths` option.
enum WidthsOption {
    /// Comma-separated positive integers; the error shows `example`.
    static func parse(_ text: String, example: String) throws -> [Int] {
        try text.split(separator: ",").map { part in
            guard let w = Int(part.trimmingCharacters(in: .whitespaces)), w >= 1 else {
                throw ValidationError("--widths: '\(part)' is not a width; use positive integers such as \(example)")
            }
            return w
        }
    }
}
