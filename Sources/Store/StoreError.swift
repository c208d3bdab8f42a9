import Foundation

/// What can go wrong opening or querying a store. Each message names the file or the
/// sweep or trial concerned and what to do.
public enum StoreError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The file could not be opened or created as a SQLite database.
    case cannotOpen(path: String, reason: String)
    /// The file was written by a newer Ablate whose schema this one does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// No sweep with this id in the store.
    case unknownSweep(id: String, known: [String])
    /// No trial with this key in the store.
    case unknownTrial(key: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the store \(path): \(reason)"
        case .newerSchema(let path, let found, let supported):
            return "the store \(path) has schema version \(found), written by a newer Ablate; this one reads versions up to \(supported). Use a newer ablate, or another --store."
        case .unknownSweep(let id, let known):
            return "no sweep '\(id)' in the store" + (known.isEmpty ? " (it holds none yet)" : "; it holds: " + known.joined(separator: ", "))
        case .unknownTrial(let key):
            return "no trial '\(key)' in the store"
        }
    }

    public var errorDescription: String? { description }
}
