import Foundation

/// The one JSON set-up of Ablate's documents (stored fit reports, trial outcomes handed from a
/// trial process to its runner, `--json` output): JSON has no infinities or NaN, so non-finite
/// numbers are the strings `inf`, `-inf` and `nan` both ways.
public enum JSONCoding {
    /// How an encoded document is laid out.
    public enum Layout: Sendable {
        /// One line, keys in no set order (a hand-off between processes).
        case compact
        /// One line, keys sorted: the same value gives the same text (stored documents).
        case sorted
        /// Indented, keys sorted: for people and scripts (`--json`).
        case pretty
    }

    /// An encoder with non-finite numbers as strings and `layout`.
    public static func encoder(_ layout: Layout) -> JSONEncoder {
        let encoder = JSONEncoder()
        switch layout {
        case .compact: break
        case .sorted: encoder.outputFormatting = [.sortedKeys]
        case .pretty: encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// A decoder that reads what `encoder` writes.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// `value` encoded with `layout`, as text.
    public static func text<T: Encodable>(_ value: T, _ layout: Layout) throws -> String {
        String(decoding: try encoder(layout).encode(value), as: UTF8.self)
    }
}
