import Foundation

/// Everything that can go wrong when naming, configuring or loading a task (bad parameters
/// are `ParameterError`s). Each message says
/// what is wrong, where, and what to do instead.
public enum TaskError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// An id that is not in the catalogue, with the nearest one.
    case unknownTask(id: String, suggestion: String?)
    /// Parameters that are fine one by one but not together.
    case invalidConfiguration(owner: String, reason: String)
    /// A dataset file or folder that does not exist.
    case missingDataset(owner: String, path: String, package: String?, parameter: String)
    /// A file that exists but cannot be decoded (corrupt or truncated IDX or gzip).
    case corruptFile(path: String, reason: String)
    /// A text corpus that is empty or not text.
    case badCorpus(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownTask(let id, let suggestion):
            return "unknown task '\(id)'" + (suggestion.map { "; did you mean \($0)?" } ?? "")
                + " (`ablate list tasks` lists them)"
        case .invalidConfiguration(let owner, let reason):
            return "\(owner): \(reason)"
        case .missingDataset(let owner, let path, let package, let parameter):
            var s = "\(owner): dataset not found at \(path)."
            if let package {
                s += " It is provided by the Debian package '\(package)' (sudo apt-get install \(package), or `make deps`)."
            }
            s += " To use files elsewhere, set \(parameter)=/path/to/data."
            return s
        case .corruptFile(let path, let reason):
            return "\(path): corrupt or truncated file: \(reason)"
        case .badCorpus(let path, let reason):
            return "\(path): unusable text corpus: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
