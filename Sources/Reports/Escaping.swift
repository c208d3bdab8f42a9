/// The one place where text from a store or a suite is made safe for an output language.
/// Every output format has one function here and every string it prints from data goes
/// through it: gnuplot scripts (`gnuplot`), Markdown (`markdown`). LaTeX and HTML outputs,
/// when they are added, get their function here too (Markdown's `<summary>` uses `html`).
public enum Escaping {
    /// Whether `scalar` is a control character: C0/C1 controls and DEL, line and paragraph
    /// separators, and the bidirectional overrides and isolates that reorder what a reader sees.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Whether `s` holds a control character (`isControl`).
    public static func containsControl(_ s: String) -> Bool { s.unicodeScalars.contains(where: isControl) }

    /// `s` on one line with every control character shown as an escape: `\n`, `\r`, `\t`, else `\u{…}`.
    public static func visible(_ s: String) -> String {
        guard containsControl(s) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            guard isControl(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// `s` as a gnuplot string literal that nothing can break out of: single quotes (inside
    /// which gnuplot performs no backquote, macro or backslash processing), a quote doubled,
    /// control characters shown as escapes so the literal never spans a line.
    public static func gnuplot(_ s: String) -> String {
        "'" + visible(s).replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Characters Markdown (CommonMark with GitHub tables) gives a meaning inside a line:
    /// escapes, code, emphasis, strikethrough, links and images, autolinks, raw HTML,
    /// entities and table cells.
    static let markdownInline: Set<Character> = ["\\", "`", "*", "_", "~", "[", "]", "<", ">", "&", "|"]
    /// Characters that start a block (heading, quote, list, rule) when they begin a line.
    static let markdownLineStart: Set<Character> = ["#", ">", "-", "+", "=", "!"]

    /// `s` as literal Markdown text on one line: control characters shown as escapes, every
    /// character Markdown interprets inside a line backslash-escaped, and a leading block
    /// marker (`#`, `>`, `-`, `1.`, …) escaped so the text is literal even at the start of a line.
    public static func markdown(_ s: String) -> String {
        let characters = Array(visible(s))
        let digits = characters.prefix { $0.isASCII && $0.isNumber }.count
        var out = ""
        for (i, c) in characters.enumerated() {
            // `12.` or `12)` followed by a space (or nothing) starts an ordered list.
            let listMarker = i == digits && i > 0 && (c == "." || c == ")") && (i + 1 == characters.count || characters[i + 1] == " ")
            if markdownInline.contains(c) || (i == 0 && markdownLineStart.contains(c)) || listMarker { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
