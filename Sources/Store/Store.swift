import Foundation
import GRDB

/// The SQLite store of sweeps, trials and their measurements (see DESIGN.md, "Store").
///
/// One file in WAL mode, shared safely by several processes (runners and their trial
/// children): every write is one `BEGIN IMMEDIATE` transaction with a busy timeout, and
/// every name and value is bound, never spliced into SQL.
public final class Store: @unchecked Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating the file and its folder if needed) the store at `path`, migrating an
    /// older schema forward. A store written by a newer Ablate is refused with
    /// `StoreError.newerSchema` and left untouched.
    public convenience init(path: String) throws {
        try self.init(path: path, migratingTo: Store.schemaVersion)
    }

    /// Opens the store, migrating only up to `target` (tests make older files with it).
    init(path: String, migratingTo target: Int) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
        var configuration = Configuration()
        // Runners and trial children write concurrently: wait for the lock rather than fail.
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            pool = try Self.openPool(path: path, configuration: configuration)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
        try migrate(to: target)
    }

    /// Opens the pool, retrying with jittered backoff (up to 30 s) while other processes open the
    /// same new file: SQLite answers the race to switch it to WAL with "database is locked" at
    /// once, without waiting on the busy timeout.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(30)
        var delay = 0.005
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: delay * Double.random(in: 0.5...1.5))
                delay = min(2 * delay, 0.25)
            }
        }
    }

    /// Runs `body` in one immediate write transaction (committed when it returns, rolled
    /// back when it throws).
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }
}
