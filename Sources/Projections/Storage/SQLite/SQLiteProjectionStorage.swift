import EventLog
import Foundation
import GRDB
import Synchronization

/// Read models and checkpoints in an SQLite file (WAL, GRDB `DatabasePool`) — a kiosk's, or the embedded hub's.
///
/// - Keep the read models in their own file, beside the event store's: this storage never touches the log's tables.
/// - A commit is one `BEGIN IMMEDIATE` write transaction holding the changes and the checkpoint.
/// - Runner locks are `flock(2)` locks on files in `<file>-locks/`, so they hold across processes (a hub and a
///   `cunshi projections rebuild` on the same data directory) and are released by the kernel when a process dies.
///   Readers never wait for the runner (WAL).
/// - The tables are created when the storage opens (from ``ReadModelTable/sqliteDDL``).
public struct SQLiteProjectionStorage: ProjectionStorage {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating when missing) the read-model file at `path` and creates the tables of `tables`.
    public init(path: String, tables: [ReadModelTable] = ReadModelTables.all) throws {
        self.path = path
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "cunshi.projections"
        // Statement journals in memory, not in /var/tmp, as for the event store (`SQLiteEventStore`).
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS rm_projections (
                    name TEXT PRIMARY KEY, active_generation INTEGER NOT NULL, building_generation INTEGER);
                CREATE TABLE IF NOT EXISTS rm_checkpoints (
                    name TEXT NOT NULL, generation INTEGER NOT NULL, cursor TEXT NOT NULL, position INTEGER NOT NULL,
                    last_recorded_at_ms INTEGER, events_seen INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL, stop TEXT,
                    PRIMARY KEY (name, generation));
                """)
            for table in tables {
                for statement in table.sqliteDDL { try db.execute(sql: statement) }
            }
        }
    }

    /// Creates more tables (for projections defined outside this module).
    public func createTables(_ tables: [ReadModelTable]) throws {
        try pool.write { db in
            for table in tables {
                for statement in table.sqliteDDL { try db.execute(sql: statement) }
            }
        }
    }

    public func withRunnerLock<T: Sendable>(
        projection: String, generation: Int, _ body: (any RunnerLock) async throws -> T
    ) async throws -> T? {
        guard let lock = try SQLiteRunnerLock.acquire(lockPath(projection, generation: generation)) else { return nil }
        defer { lock.release() }
        return try await body(lock)
    }

    public func isRunnerActive(projection: String, generation: Int) async throws -> Bool? {
        try SQLiteRunnerLock.isHeld(lockPath(projection, generation: generation))
    }

    /// The lock file of a runner: `<file>-locks/<projection>.<generation>.lock` beside the read-model file.
    func lockPath(_ projection: String, generation: Int) throws -> String {
        let directory = path + "-locks"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/\(projection).\(generation).lock"
    }

    public func registration(_ projection: String) async throws -> ProjectionRegistration {
        // Read first: every query and every idle runner asks, and a write would wait for the runners' commits.
        if let registration = try await pool.read({ db in try Self.registration(db, projection) }) { return registration }
        return try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO rm_projections (name, active_generation) VALUES (?, 1) ON CONFLICT (name) DO NOTHING",
                arguments: [projection])
            return try Self.registration(db, projection)
                ?? ProjectionRegistration(projection: projection, activeGeneration: 1, buildingGeneration: nil)
        }
    }

    private static func registration(_ db: Database, _ projection: String) throws -> ProjectionRegistration? {
        try Row.fetchOne(
            db, sql: "SELECT active_generation, building_generation FROM rm_projections WHERE name = ?", arguments: [projection]
        ).map { row in
            ProjectionRegistration(
                projection: projection, activeGeneration: row["active_generation"], buildingGeneration: row["building_generation"])
        }
    }

    public func beginRebuild(_ projection: String, tables: [ReadModelTable]) async throws -> Int {
        _ = try await registration(projection)
        return try await pool.write { db in
            try db.execute(sql: """
                UPDATE rm_projections SET building_generation = COALESCE(building_generation,
                    max(active_generation, (SELECT COALESCE(max(generation), 0) FROM rm_checkpoints WHERE name = ?1)) + 1)
                WHERE name = ?1
                """, arguments: [projection])
            return try Int.fetchOne(db, sql: "SELECT building_generation FROM rm_projections WHERE name = ?", arguments: [projection]) ?? 2
        }
    }

    public func checkpoint(_ projection: String, generation: Int) async throws -> Checkpoint? {
        try await pool.read { db in
            try Self.checkpoints(db, where: "WHERE name = ? AND generation = ?", [projection, generation]).first
        }
    }

    public func checkpoints() async throws -> [Checkpoint] {
        try await pool.read { db in try Self.checkpoints(db, where: "", []) }
    }

    static func checkpoints(_ db: Database, where clause: String, _ arguments: StatementArguments) throws -> [Checkpoint] {
        try Row.fetchAll(db, sql: """
            SELECT name, generation, cursor, position, last_recorded_at_ms, events_seen, updated_at_ms, stop
            FROM rm_checkpoints \(clause) ORDER BY name, generation
            """, arguments: arguments).map { row in
            try CheckpointRecord.checkpoint(
                name: row["name"], generation: row["generation"], cursor: row["cursor"], position: row["position"],
                lastRecordedAtMS: row["last_recorded_at_ms"], eventsSeen: row["events_seen"],
                updatedAtMS: row["updated_at_ms"], stop: row["stop"])
        }
    }

    public func commit(_ batch: CommitBatch) async throws {
        guard await batch.lock.isHeld() else { throw ProjectionError.lockLost(projection: batch.projection) }
        let record = try CheckpointRecord(batch.checkpoint)
        try await pool.write { db in
            // One upsert statement per table, prepared once; each row only binds its values.
            var upserts: [String: Statement] = [:]
            for change in batch.changes {
                switch change {
                case let .upsert(table, row):
                    let statement: Statement
                    if let prepared = upserts[table.name] {
                        statement = prepared
                    } else {
                        var builder = SQLBuilder(.sqlite)
                        statement = try db.cachedStatement(sql: builder.upsert(table, generation: batch.generation, row))
                        upserts[table.name] = statement
                    }
                    try statement.execute(arguments: Self.upsertArguments(table, generation: batch.generation, row))
                case let .delete(table, key):
                    var builder = SQLBuilder(.sqlite)
                    let sql = builder.delete(table, generation: batch.generation, key: key)
                    try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(builder.binds))
                }
            }
            let wanted = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM rm_projections WHERE name = ?1 AND (active_generation = ?2 OR building_generation = ?2))
                """, arguments: [batch.projection, batch.generation]) ?? false
            guard wanted else { throw ProjectionError.superseded(projection: batch.projection, generation: batch.generation) }
            try batch.beforeCheckpoint?()
            try db.execute(sql: """
                INSERT INTO rm_checkpoints (name, generation, cursor, position, last_recorded_at_ms, events_seen, updated_at_ms, stop)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name, generation) DO UPDATE SET cursor = excluded.cursor, position = excluded.position,
                    last_recorded_at_ms = excluded.last_recorded_at_ms, events_seen = excluded.events_seen,
                    updated_at_ms = excluded.updated_at_ms, stop = excluded.stop
                """, arguments: [
                    record.name, record.generation, record.cursor, record.position, record.lastRecordedAtMS,
                    record.eventsSeen, record.updatedAtMS, record.stop,
                ])
            if batch.activate {
                try db.execute(
                    sql: "UPDATE rm_projections SET active_generation = ?, building_generation = NULL WHERE name = ?",
                    arguments: [batch.generation, batch.projection])
            }
        }
    }

    public func recordStop(_ projection: String, generation: Int, stop: ProjectionStop?) async throws {
        let stopJSON = try stop.map(ReadModelJSON.encode)
        let now = CheckpointRecord.milliseconds(Date())
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO rm_checkpoints (name, generation, cursor, position, events_seen, updated_at_ms, stop)
                VALUES (?, ?, ?, 0, 0, ?, ?)
                ON CONFLICT (name, generation) DO UPDATE SET stop = excluded.stop, updated_at_ms = excluded.updated_at_ms
                """, arguments: [projection, generation, LogCursor.start.token, now, stopJSON])
        }
    }

    public func dropGeneration(_ projection: String, generation: Int, tables: [ReadModelTable]) async throws {
        try await pool.write { db in
            for table in tables {
                var builder = SQLBuilder(.sqlite)
                let sql = builder.deleteGeneration(table, generation: generation)
                try db.execute(sql: sql, arguments: Self.arguments(builder.binds))
            }
            try db.execute(sql: "DELETE FROM rm_checkpoints WHERE name = ? AND generation = ?", arguments: [projection, generation])
        }
    }

    public func select(_ table: ReadModelTable, generation: Int, _ query: ReadModelQuery) async throws -> [ReadModelRow] {
        var builder = SQLBuilder(.sqlite)
        let sql = builder.select(table, generation: generation, query)
        let arguments = Self.arguments(builder.binds)
        return try await pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                var decoded = ReadModelRow(key: row["key"])
                for column in table.columns {
                    let value: DatabaseValue = row[column.name]
                    switch value.storage {
                    case .null: decoded[column.name] = .null
                    case .int64(let int): decoded[column.name] = column.type == .real ? .real(Double(int)) : .integer(int)
                    case .double(let double): decoded[column.name] = .real(double)
                    case .string(let text): decoded[column.name] = .text(text)
                    case .blob(let data): decoded[column.name] = .text(String(decoding: data, as: UTF8.self))
                    }
                }
                return decoded
            }
        }
    }

    public func count(_ table: ReadModelTable, generation: Int, _ conditions: [Condition]) async throws -> Int {
        var builder = SQLBuilder(.sqlite)
        let sql = builder.count(table, generation: generation, conditions)
        let arguments = Self.arguments(builder.binds)
        return try await pool.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map(argument))
    }

    /// The arguments of ``SQLBuilder/upsert(_:generation:_:)``'s statement for `row`, in its placeholders' order.
    static func upsertArguments(_ table: ReadModelTable, generation: Int, _ row: ReadModelRow) -> StatementArguments {
        var values: [(any DatabaseValueConvertible)?] = [Int64(generation), row.key]
        values.reserveCapacity(table.columns.count + 2)
        for (index, column) in table.columns.enumerated() { values.append(argument(row.value(of: column.name, at: index))) }
        return StatementArguments(values)
    }

    private static func argument(_ value: SQLValue) -> (any DatabaseValueConvertible)? {
        switch value {
        case .null: nil
        case .integer(let int): int
        case .real(let double): double
        case .text(let text): text
        }
    }
}
