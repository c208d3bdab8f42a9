/// Markdown building blocks shared by reports, comparisons and checks.
public enum Markdown {
    /// A table with a header row; cells are escaped (`|` and newlines).
    public static func table(_ header: [String], _ rows: [[String]], alignRight: Set<Int> = []) -> String {
        var out = "| " + header.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { alignRight.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    /// A cell's Markdown kept within its cell: on one line (control characters shown as escapes)
    /// with `|` escaped. Text from a store is escaped first (`Escaping.markdown`) by whoever
    /// builds the row, since some cells hold intended markup such as code spans.
    public static func cell(_ s: String) -> String {
        Escaping.visible(s).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text made safe inside HTML (a `<summary>`): on one line, `&`, `<`, `>` and `"` escaped.
    public static func html(_ s: String) -> String {
        Escaping.visible(s).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Inline code on one line, fenced by more backticks than the longest run inside it.
    public static func code(_ s: String) -> String {
        let text = Escaping.visible(s)
        guard text.contains("`") else { return "`" + text + "`" }
        let fence = String(repeating: "`", count: longestBacktickRun(text) + 1)
        return fence + " " + text + " " + fence
    }

    /// A fenced code block whose fence no line of `s` can close.
    public static func codeBlock(_ s: String, language: String = "") -> String {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(s) + 1))
        return fence + language + "\n" + s + "\n" + fence + "\n"
    }

    /// Free text from a suite or store as literal paragraphs: each line escaped (`Escaping.markdown`).
    public static func paragraphs(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { Escaping.markdown(String($0)) }.joined(separator: "\n")
    }

    private static func longestBacktickRun(_ s: String) -> Int {
        var longest = 0, run = 0
        for c in s {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
