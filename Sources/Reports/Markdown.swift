/// Markdown building blocks shared by reports, comparisons and checks.
public enum Markdown {
    /// A table with a header row; cells are escaped (`|` and newlines).
    public static func table(_ header: [String], _ rows: [[String]], alignRight: Set<Int> = []) -> String {
        var out = "| " + header.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { alignRight.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    /// Text made safe for one table cell.
    public static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// Text made safe inside HTML (a `<summary>`): `&`, `<` and `>` escaped.
    public static func html(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Inline code, with a backtick fence long enough for the text.
    public static func code(_ s: String) -> String {
        s.contains("`") ? "`` " + s + " ``" : "`" + s + "`"
    }
}
