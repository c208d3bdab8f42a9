import ArgumentParser
import Foundation
import Reports
import Store

/// Opening stores and sweeps with the CLI's error conventions (exit 65 on bad input).
enum StoreAccess {
    /// The store at `path`, or exit 65 when there is none.
    static func open(_ path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("error: no store at \(path) (run a suite first, or pass --store)\n".utf8))
            throw ExitCode(65)
        }
        do { return try Store(path: path) } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(65)
        }
    }

    /// Sweep `id` of `store`, or exit 65 naming the known sweeps.
    static func sweep(_ store: Store, _ id: String) throws -> SweepData {
        do { return try SweepData.load(store: store, sweep: id) } catch let e as StoreError {
            FileHandle.standardError.write(Data("error: \(e)\n".utf8))
            throw ExitCode(65)
        }
    }

    /// `s` quoted for a POSIX shell when it needs it.
    static func shellQuoted(_ s: String) -> String {
        let plain = s.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./=:,@".unicodeScalars.contains($0) }
        return plain && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
