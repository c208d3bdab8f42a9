import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file or folder was not written.
public enum SafeFileError: Error, Equatable, CustomStringConvertible {
    /// The path is a symbolic link; Ablate never writes through one.
    case symbolicLink(String)
    /// The path exists but is not something Ablate may write there (a folder, a block device,
    /// or a device, FIFO or socket inside a folder Ablate fills).
    case notWritable(String, kind: String)
    /// A system call failed.
    case system(String, operation: String, errno: Int32)

    /// A sentence naming the path and what to do.
    public var description: String {
        switch self {
        case .symbolicLink(let path):
            return "\(path) is a symbolic link; Ablate does not write through links (remove it or name its target)"
        case let .notWritable(path, kind):
            return "\(path) is a \(kind); Ablate writes only regular files there (remove it or choose another path)"
        case let .system(path, operation, code):
            return "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        }
    }
}

/// Writing output without following links or replacing special files. A regular file (or a new
/// one) is replaced atomically: a temporary file beside it, renamed over it. A symbolic link is
/// refused. A character device or FIFO is written in place when the user named it (`--out
/// /dev/stdout`, a pipe), and refused inside a folder Ablate fills.
public enum SafeFile {
    /// Who chose the path, which decides whether a device or FIFO may be written.
    public enum Origin: Sendable {
        /// The user named this file (`export --out FILE`).
        case named
        /// Ablate chose the name inside its own output folder (a report's files).
        case inTree
    }

    /// Writes `data` to `url` under the rules above.
    public static func write(_ data: Data, to url: URL, origin: Origin) throws {
        let path = url.path
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw SafeFileError.system(path, operation: "inspect", errno: errno) }
            return try replace(path, with: data)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            try replace(path, with: data)
        case S_IFLNK:
            throw SafeFileError.symbolicLink(path)
        case S_IFCHR where origin == .named, S_IFIFO where origin == .named:
            try writeInPlace(path, data: data)
        default:
            throw SafeFileError.notWritable(path, kind: kind(info.st_mode))
        }
    }

    /// `base` (created as needed, links in it followed: the user named it) with `components`
    /// created below it one by one, each refused when it is a link or not a folder.
    public static func folder(_ components: [String], under base: URL) throws -> URL {
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        var url = base
        for component in components {
            url.appendPathComponent(component, isDirectory: true)
            if mkdir(url.path, 0o755) == 0 { continue }
            guard errno == EEXIST else { throw SafeFileError.system(url.path, operation: "create the folder", errno: errno) }
            var info = stat()
            guard lstat(url.path, &info) == 0 else { throw SafeFileError.system(url.path, operation: "inspect", errno: errno) }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: continue
            case S_IFLNK: throw SafeFileError.symbolicLink(url.path)
            default: throw SafeFileError.notWritable(url.path, kind: kind(info.st_mode))
            }
        }
        return url
    }

    /// A new file beside `path`, written and renamed over it (rename replaces a link that
    /// appeared meanwhile rather than writing through it).
    private static func replace(_ path: String, with data: Data) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + name + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SafeFileError.system(path, operation: "create a temporary file for", errno: errno) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do {
            defer { close(fd) }
            try writeAll(fd, data, path: path)
            guard fchmod(fd, 0o644) == 0, fsync(fd) == 0 else { throw SafeFileError.system(path, operation: "write", errno: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw SafeFileError.system(path, operation: "replace", errno: code)
        }
    }

    /// Opens an existing device or FIFO without following a link and writes to it.
    private static func writeInPlace(_ path: String, data: Data) throws {
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_NOCTTY)
        guard fd >= 0 else { throw SafeFileError.system(path, operation: "open", errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SafeFileError.system(path, operation: "inspect", errno: errno) }
        let type = info.st_mode & S_IFMT
        guard type == S_IFCHR || type == S_IFIFO else { throw SafeFileError.notWritable(path, kind: kind(info.st_mode)) }
        try writeAll(fd, data, path: path)
    }

    private static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SafeFileError.system(path, operation: "write", errno: errno)
                }
                offset += n
            }
        }
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "folder"
        case S_IFCHR: return "character device"
        case S_IFBLK: return "block device"
        case S_IFIFO: return "FIFO"
        case S_IFSOCK: return "socket"
        case S_IFLNK: return "symbolic link"
        default: return "special file"
        }
    }
}

/// The system's `write(2)` (inside `SafeFile` the name means its own `write`).
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
