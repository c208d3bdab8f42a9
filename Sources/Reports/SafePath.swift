import Foundation

/// File and folder names built from suite names and sweep ids, which come from user files and
/// stores and must never leave the folder they are written into, nor share a folder.
public enum SafePath {
    /// Longest component kept whole, in UTF-8 bytes (file systems allow 255).
    static let maximumBytes = 200

    /// `name` as one path component, readable and reversible: letters and digits of any script
    /// (with their combining marks), `-`, `_` and inner `.` kept; anything else (`/`, `%`,
    /// spaces, control characters, a leading `.`) percent-encoded as UTF-8 bytes, so different
    /// names give different components (`exp/a` → `exp%2Fa`, `量化` stays `量化`). The empty name
    /// is `%`. A component longer than `maximumBytes` keeps a prefix and ends in `~` and a hash of
    /// the whole name (`~` never appears otherwise).
    public static func component(_ name: String) -> String {
        guard !name.isEmpty else { return "%" }
        var out = ""
        for scalar in name.unicodeScalars {
            if isKept(scalar) && !(out.isEmpty && scalar == ".") {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2) }
            }
        }
        guard out.utf8.count > maximumBytes else { return out }
        var prefix = ""
        for character in out {
            guard prefix.utf8.count + character.utf8.count <= maximumBytes - 17 else { break }
            prefix.append(character)
        }
        // A cut inside a %XX escape would leave a lone `%`.
        while let percent = prefix.lastIndex(of: "%"), prefix.distance(from: percent, to: prefix.endIndex) < 3 {
            prefix.removeSubrange(percent...)
        }
        return prefix + "~" + String(fnv1a(name), radix: 16).leftPadded(to: 16)
    }

    /// The name a component (not a shortened one) was made from, or nil when it is not one.
    public static func name(fromComponent component: String) -> String? {
        guard component != "%" else { return "" }
        guard !component.contains("~") else { return nil }
        var bytes: [UInt8] = []
        var i = component.startIndex
        while i < component.endIndex {
            if component[i] == "%" {
                guard let end = component.index(i, offsetBy: 3, limitedBy: component.endIndex),
                      let byte = UInt8(component[component.index(after: i)..<end], radix: 16) else { return nil }
                bytes.append(byte)
                i = end
            } else {
                bytes += Array(String(component[i]).utf8)
                i = component.index(after: i)
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }

    private static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        return p.isAlphabetic || p.numericType == .decimal || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark || scalar == "-" || scalar == "_" || scalar == "."
    }

    /// 64-bit FNV-1a of the UTF-8 bytes: stable across runs and platforms (unlike `hashValue`).
    private static func fnv1a(_ s: String) -> UInt64 {
        s.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
