import GRDB

extension Store {
    /// The newest schema version this build reads and writes.
    public static let schemaVersion = migrations.count

    /// Forward migrations, one per version: `migrations[v - 1]` turns version v − 1 into v.
    /// Append only; never edit a released step.
    static let migrations: [String] = [
        // 1: the tables of DESIGN.md's store sketch.
        """
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        INSERT INTO schema_version (version) VALUES (0);
        CREATE TABLE sweeps (
            id TEXT PRIMARY KEY,
            suite TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            suite_text TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL);
        CREATE TABLE environments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sweep_id TEXT NOT NULL REFERENCES sweeps(id),
            recorded_at REAL NOT NULL,
            provenance TEXT NOT NULL);
        CREATE TABLE trials (
            key TEXT PRIMARY KEY,
            spec TEXT NOT NULL,
            seed INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            attempt INTEGER NOT NULL DEFAULT 0,
            worker TEXT,
            heartbeat REAL,
            created_at REAL NOT NULL,
            started_at REAL,
            finished_at REAL,
            error TEXT,
            failed_step INTEGER,
            environment_id INTEGER REFERENCES environments(id));
        CREATE INDEX trials_status ON trials(status);
        CREATE TABLE sweep_trials (
            sweep_id TEXT NOT NULL REFERENCES sweeps(id),
            trial_key TEXT NOT NULL REFERENCES trials(key),
            position INTEGER NOT NULL,
            axes TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (sweep_id, trial_key));
        CREATE INDEX sweep_trials_position ON sweep_trials(sweep_id, position);
        CREATE TABLE metrics (
            trial_key TEXT NOT NULL REFERENCES trials(key),
            stage TEXT NOT NULL,
            name TEXT NOT NULL,
            value REAL,
            unit TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (trial_key, stage, name));
        CREATE TABLE curves (
            trial_key TEXT NOT NULL REFERENCES trials(key),
            name TEXT NOT NULL,
            step INTEGER NOT NULL,
            value REAL,
            PRIMARY KEY (trial_key, name, step));
        CREATE TABLE samples (
            trial_key TEXT NOT NULL REFERENCES trials(key),
            stage TEXT NOT NULL,
            name TEXT NOT NULL,
            idx INTEGER NOT NULL,
            value REAL NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (trial_key, stage, name, idx));
        CREATE TABLE fits (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sweep_id TEXT NOT NULL REFERENCES sweeps(id),
            form TEXT NOT NULL,
            x TEXT NOT NULL DEFAULT '',
            y TEXT NOT NULL DEFAULT '',
            parameters TEXT NOT NULL,
            intervals TEXT NOT NULL DEFAULT '{}',
            heldout_error REAL,
            created_at REAL NOT NULL);
        """,
        // 2: whether a metric was measured on a real kernel or simulated (compression stages).
        """
        ALTER TABLE metrics ADD COLUMN label TEXT NOT NULL DEFAULT 'measured';
        """,
        // 3: what `ablate fit SWEEP` records of each fit: standard errors, objective, point
        // count, the `--by` key and value it was fitted for, and the whole JSON report.
        """
        ALTER TABLE fits ADD COLUMN standard_errors TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE fits ADD COLUMN objective REAL;
        ALTER TABLE fits ADD COLUMN points INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE fits ADD COLUMN by_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE fits ADD COLUMN by_value TEXT NOT NULL DEFAULT '';
        ALTER TABLE fits ADD COLUMN report TEXT NOT NULL DEFAULT '{}';
        CREATE INDEX fits_sweep ON fits(sweep_id, id);
        """,
        // 4: a trial's phase in its sweep (tuning or final), each configuration's tuning
        // selection, and the verdicts of the suite's claims.
        """
        ALTER TABLE sweep_trials ADD COLUMN phase TEXT NOT NULL DEFAULT 'final';
        CREATE TABLE tunings (
            sweep_id TEXT NOT NULL REFERENCES sweeps(id),
            configuration TEXT NOT NULL,
            record TEXT NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (sweep_id, configuration));
        CREATE TABLE claims (
            sweep_id TEXT NOT NULL REFERENCES sweeps(id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            verdict TEXT NOT NULL,
            record TEXT NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (sweep_id, position));
        """,
    ]

    /// The schema version of an open database: 0 for an empty file.
    static func version(_ db: Database) throws -> Int {
        guard try db.tableExists("schema_version") else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT version FROM schema_version") ?? 0
    }

    /// Brings the schema to `target` (default: the newest), one step per transaction;
    /// refuses a newer schema. WAL mode is set once, outside any transaction.
    func migrate(to target: Int = Store.schemaVersion) throws {
        let current = try read { try Self.version($0) }
        if current > Self.schemaVersion {
            throw StoreError.newerSchema(path: path, found: current, supported: Self.schemaVersion)
        }
        guard current < target else { return }
        for v in (current + 1)...target {
            try transaction { db in
                // Another process may have migrated meanwhile: re-check inside the lock.
                guard try Self.version(db) == v - 1 else { return }
                try db.execute(sql: Self.migrations[v - 1])
                try db.execute(sql: "UPDATE schema_version SET version = ?", arguments: [v])
            }
        }
    }

    /// The schema version of this store's file.
    public func currentSchemaVersion() throws -> Int {
        try read { try Self.version($0) }
    }
}

extension Store {
    /// SQLite's journal mode of the store (`wal` once opened).
    public func journalMode() throws -> String {
        try read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" }
    }
}
