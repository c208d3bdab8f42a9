import Foundation
import Store

extension NightlyCheck {
    /// Why the sweeps of a nightly check cannot be gathered (an unreadable folder, no sweep of the suite).
    public struct HistoryError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The stores a nightly check reads: `store` (when it exists, or when no folder is given),
    /// then every `*.sqlite` file in `folder` (one store per night), by name.
    public static func storePaths(store: String, folder: String?) throws -> [String] {
        var paths: [String] = []
        if folder == nil || FileManager.default.fileExists(atPath: store) { paths.append(store) }
        if let folder {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                throw HistoryError(description: "cannot read the folder \(folder)")
            }
            paths += names.filter { $0.hasSuffix(".sqlite") }.sorted().map { URL(fileURLWithPath: folder).appendingPathComponent($0).path }
        }
        return paths
    }

    /// The newest `history + 1` sweeps of `suite` across `stores`, oldest first (by the time
    /// they were recorded, then by id): the history and the sweep checked against it.
    public static func sweeps(suite: String, stores: [(path: String, store: Store)], history: Int,
                              load: (Store, String) throws -> SweepData) throws -> [SweepData] {
        var found: [(record: SweepRecord, store: Store)] = []
        for (_, store) in stores {
            found += try store.sweeps(suite: suite).map { ($0, store) }
        }
        found.sort { ($0.record.createdAt, $0.record.id) < ($1.record.createdAt, $1.record.id) }
        guard !found.isEmpty else {
            throw HistoryError(description: "no sweep of suite '\(suite)' in \(stores.map(\.path).joined(separator: ", "))")
        }
        return try found.suffix(history + 1).map { try load($0.store, $0.record.id) }
    }
}
