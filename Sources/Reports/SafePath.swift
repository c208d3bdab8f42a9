/// File and folder names built from suite names and sweep ids, which come from user files and
/// must never leave the folder they are written into.
public enum SafePath {
    /// `name` as one path component: letters, digits, `.`, `-` and `_` kept, anything else
    /// (slashes, spaces, control characters) replaced by `_`; leading dots dropped (no `..`,
    /// no hidden files); at most 100 characters; `unnamed` when nothing is left.
    public static func component(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let ok = (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "."
            out.unicodeScalars.append(ok ? scalar : "_")
        }
        while out.hasPrefix(".") { out.removeFirst() }
        if out.count > 100 { out = String(out.prefix(100)) }
        return out.isEmpty ? "unnamed" : out
    }
}
