import EventLog
import Foundation
import Logging
import PostgresNIO

/// Read models and checkpoints in the hub's PostgreSQL database (tables from the `EventLogPostgres` migrations
/// `0010_projections.sql` onwards).
///
/// - A commit is one transaction on one connection: the read-model statements (one multi-row upsert and one delete
///   per table, ``BatchStatements``), then the fence (the runner's advisory lock is still held by its session, and its
///   generation is active or building), then the checkpoint. It commits with `synchronous_commit = off`: read models
///   are derived from the durable log, so a crash may cost the last moments of projection progress (redone from the
///   log), never atomicity.
/// - The runner lock is `pg_try_advisory_lock(namespace, hash(projection#generation))` held by a **dedicated pooled
///   connection** for the runner's lifetime; when that session ends the server releases the lock, the next commit's
///   fence fails, and the runner stops with ``ProjectionError/lockLost(projection:)``.
/// - Every runner holds one pooled connection for its lock and borrows another for each commit: size the pool for
///   (projections + rebuilds) × 2.
public struct PostgresProjectionStorage: ProjectionStorage {
    /// The first key of every runner advisory lock (`'CS'` + 0x0010); the second is the projection's hash.
    static let lockNamespace: Int32 = 0x4353_0010

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger = Logger(label: "cunshi.projections.postgres")) {
        self.client = client
        self.logger = logger
    }

    /// The second advisory-lock key of a runner: FNV-1a of `schema.projection#generation`, kept positive.
    /// Advisory locks are database-wide, so the schema the read models live in is part of the key: hubs in two
    /// schemas of one database do not stand each other by.
    static func lockKey(_ projection: String, generation: Int, schema: String) -> Int32 {
        var hash: UInt32 = 0x811c_9dc5
        for byte in "\(schema).\(projection)#\(generation)".utf8 {
            hash ^= UInt32(byte)
            hash &*= 0x0100_0193
        }
        return Int32(bitPattern: hash & 0x7fff_ffff)
    }

    public func withRunnerLock<T: Sendable>(
        projection: String, generation: Int, _ body: (any RunnerLock) async throws -> T
    ) async throws -> T? {
        return try await client.withConnection { connection -> T? in
            let key = Self.lockKey(projection, generation: generation, schema: try await currentSchema(connection))
            let rows = try await connection.query(
                "SELECT pg_try_advisory_lock(\(Self.lockNamespace), \(key)), pg_backend_pid()", logger: logger)
            var acquired = false
            var pid: Int32 = 0
            for try await (ok, backend) in rows.decode((Bool, Int32).self) {
                acquired = ok
                pid = backend
            }
            guard acquired else { return nil }
            let lock = PostgresRunnerLock(connection: connection, pid: pid, key: key, logger: logger)
            // The connection goes back to the pool: it must not keep the lock (on a session the server has
            // terminated, the server released it with the session anyway).
            let unlock: @Sendable () async -> Void = { [logger] in
                _ = await Self.onLockSession(fallback: false) {
                    _ = try await connection.query("SELECT pg_advisory_unlock(\(Self.lockNamespace), \(key))", logger: logger)
                    return true
                }
            }
            do {
                let result = try await body(lock)
                await unlock()
                return result
            } catch {
                await unlock()
                throw error
            }
        }
    }

    /// Runs a query on a runner's lock session, giving up after two seconds with `fallback`: a query sent on a
    /// connection whose server session was terminated can wait forever (observed with PostgresNIO 1.x), and a runner
    /// must still notice that it lost its lock. It runs to its answer or its limit even when the caller is cancelled,
    /// so that a cancelled runner still unlocks before its connection goes back to the pool.
    static func onLockSession<T: Sendable>(
        fallback: T, _ query: @escaping @Sendable () async throws -> T
    ) async -> T {
        await Task { (try? await Deadline.run(within: .seconds(2), query)) ?? fallback }.value
    }

    public func isRunnerActive(projection: String, generation: Int) async throws -> Bool? {
        try await wrap {
            let key = Self.lockKey(projection, generation: generation, schema: try await currentSchema(nil))
            let rows = try await client.query("""
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
                    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    AND classid::bigint = \(Int64(Self.lockNamespace)) AND objid::bigint = \(Int64(key)) AND objsubid = 2)
                """, logger: logger)
            for try await held in rows.decode(Bool.self) { return held }
            return false
        }
    }

    /// The schema the read-model tables resolve to (the first of the search path).
    private func currentSchema(_ connection: PostgresConnection?) async throws -> String {
        let rows = if let connection {
            try await connection.query("SELECT current_schema()", logger: logger)
        } else {
            try await client.query("SELECT current_schema()", logger: logger)
        }
        for try await schema in rows.decode(String?.self) { return schema ?? "" }
        return ""
    }

    public func registration(_ projection: String) async throws -> ProjectionRegistration {
        try await wrap {
            // Read first: every query and every idle runner asks, and the row exists but once.
            if let registration = try await readRegistration(projection) { return registration }
            try await client.query(
                "INSERT INTO rm_projections (name, active_generation) VALUES (\(projection), 1) ON CONFLICT (name) DO NOTHING",
                logger: logger)
            guard let registration = try await readRegistration(projection) else {
                throw ProjectionError.storage("rm_projections has no row for \(projection)")
            }
            return registration
        }
    }

    private func readRegistration(_ projection: String) async throws -> ProjectionRegistration? {
        let rows = try await client.query(
            "SELECT active_generation, building_generation FROM rm_projections WHERE name = \(projection)", logger: logger)
        for try await (active, building) in rows.decode((Int32, Int32?).self) {
            return ProjectionRegistration(
                projection: projection, activeGeneration: Int(active), buildingGeneration: building.map(Int.init))
        }
        return nil
    }

    public func beginRebuild(_ projection: String, tables: [ReadModelTable]) async throws -> Int {
        _ = try await registration(projection)
        let generation = try await wrap {
            let rows = try await client.query("""
                UPDATE rm_projections
                SET building_generation = COALESCE(building_generation,
                    GREATEST(active_generation, (SELECT COALESCE(max(generation), 0) FROM rm_checkpoints WHERE name = \(projection))) + 1)
                WHERE name = \(projection) RETURNING building_generation
                """, logger: logger)
            for try await generation in rows.decode(Int32.self) { return Int(generation) }
            throw ProjectionError.storage("rm_projections has no row for \(projection)")
        }
        for table in tables { await createPartition(table, generation: generation) }
        return generation
    }

    /// The partition of `table` that holds `generation` when it has one of its own.
    static func partition(_ table: ReadModelTable, generation: Int) -> String { "\(table.name)_g\(generation)" }

    /// Gives `generation` a partition of its own in `table` (partitioned by generation since migration `0031`), so
    /// that dropping the generation later drops a table instead of deleting its rows one by one. Best effort: where it
    /// cannot — a role that does not own the table, a table made without partitions (``ReadModelTable/postgresDDL``),
    /// rows of the generation already in the default partition (a rebuild resumed after such a failure) — the
    /// generation's rows stay in the default partition, which is just as correct.
    private func createPartition(_ table: ReadModelTable, generation: Int) async {
        await bestEffort(
            """
            IF (SELECT relkind FROM pg_class WHERE oid = to_regclass('\(table.name)')) = 'p' THEN
                CREATE TABLE IF NOT EXISTS \(Self.partition(table, generation: generation))
                    PARTITION OF \(table.name) FOR VALUES IN (\(generation));
            END IF;
            """, table: table, generation: generation, otherwise: "generation kept in the default partition")
    }

    /// Runs `statements` in a `DO` block; a failure is logged as `otherwise` (what happens instead), not thrown.
    private func bestEffort(_ statements: String, table: ReadModelTable, generation: Int, otherwise: Logger.Message) async {
        do {
            try await client.query(PostgresQuery(unsafeSQL: "DO $$\nBEGIN\n\(statements)\nEND\n$$"), logger: logger)
        } catch {
            logger.warning(otherwise, metadata: [
                "table": "\(table.name)", "generation": "\(generation)", "error": "\(String(reflecting: error))",
            ])
        }
    }

    public func checkpoint(_ projection: String, generation: Int) async throws -> Checkpoint? {
        try await checkpoints(where: "WHERE name = $1 AND generation = $2", [.text(projection), .integer(Int64(generation))]).first
    }

    public func checkpoints() async throws -> [Checkpoint] {
        try await checkpoints(where: "", [])
    }

    private func checkpoints(where clause: String, _ binds: [SQLValue]) async throws -> [Checkpoint] {
        try await wrap {
            let sql = """
                SELECT name, generation, cursor, position, last_recorded_at_ms, events_seen, updated_at_ms, stop::text
                FROM rm_checkpoints \(clause) ORDER BY name, generation
                """
            let rows = try await client.query(PostgresQuery(unsafeSQL: sql, binds: try Self.bindings(binds)), logger: logger)
            var result: [Checkpoint] = []
            for try await (name, generation, cursor, position, recorded, seen, updated, stop) in rows.decode(
                (String, Int32, String, Int64, Int64?, Int64, Int64, String?).self)
            {
                result.append(try CheckpointRecord.checkpoint(
                    name: name, generation: Int(generation), cursor: cursor, position: position,
                    lastRecordedAtMS: recorded, eventsSeen: seen, updatedAtMS: updated, stop: stop))
            }
            return result
        }
    }

    public func commit(_ batch: CommitBatch) async throws {
        guard let lock = batch.lock as? PostgresRunnerLock else {
            throw ProjectionError.storage("a PostgreSQL commit needs a PostgreSQL runner lock")
        }
        try await wrap {
            let statements = try BatchStatements.queries(batch.changes, generation: batch.generation)
            try await client.withTransaction(logger: logger) { connection in
                // Read models are derived from the durable log: their commits need not wait for the WAL flush. A
                // server crash can lose the last moments of projection progress — rows and checkpoint together,
                // never half a batch — and the runner redoes it from the log.
                try await connection.query("SET LOCAL synchronous_commit = off", logger: logger)
                for statement in statements {
                    try await connection.query(statement, logger: logger)
                }
                try await fence(batch, lock: lock, on: connection)
                if let beforeCheckpoint = batch.beforeCheckpoint { try beforeCheckpoint() }
                try await saveCheckpoint(batch.checkpoint, on: connection)
                if batch.activate {
                    try await connection.query("""
                        UPDATE rm_projections SET active_generation = \(Int32(batch.generation)), building_generation = NULL
                        WHERE name = \(batch.projection)
                        """, logger: logger)
                }
            }
        }
    }

    /// Fails the transaction unless the runner's session still holds its lock and its generation is still wanted.
    ///
    /// The projection's registration row is read `FOR SHARE`: a rebuild's switch (an `UPDATE` of that row) waits
    /// for commits in flight on the old generation, and a commit that comes after the switch sees it and fails as
    /// superseded. So no commit of an old generation lands after the switch (and after the old rows are dropped).
    private func fence(_ batch: CommitBatch, lock: PostgresRunnerLock, on connection: PostgresConnection) async throws {
        let rows = try await connection.query("""
            SELECT
              EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = \(lock.pid)
                      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND classid::bigint = \(Int64(Self.lockNamespace)) AND objid::bigint = \(Int64(lock.key)) AND objsubid = 2),
              active_generation = \(Int32(batch.generation)) OR building_generation IS NOT DISTINCT FROM \(Int32(batch.generation))
            FROM rm_projections WHERE name = \(batch.projection)
            FOR SHARE OF rm_projections
            """, logger: logger)
        var wanted = false
        for try await (held, active) in rows.decode((Bool, Bool).self) {
            guard held else { throw ProjectionError.lockLost(projection: batch.projection) }
            wanted = active
        }
        guard wanted else { throw ProjectionError.superseded(projection: batch.projection, generation: batch.generation) }
    }

    private func saveCheckpoint(_ checkpoint: Checkpoint, on connection: PostgresConnection) async throws {
        let record = try CheckpointRecord(checkpoint)
        try await connection.query("""
            INSERT INTO rm_checkpoints (name, generation, cursor, position, last_recorded_at_ms, events_seen, updated_at_ms, stop)
            VALUES (\(record.name), \(Int32(record.generation)), \(record.cursor), \(record.position),
                    \(record.lastRecordedAtMS), \(record.eventsSeen), \(record.updatedAtMS), \(record.stop)::jsonb)
            ON CONFLICT (name, generation) DO UPDATE SET cursor = excluded.cursor, position = excluded.position,
                last_recorded_at_ms = excluded.last_recorded_at_ms, events_seen = excluded.events_seen,
                updated_at_ms = excluded.updated_at_ms, stop = excluded.stop
            """, logger: logger)
    }

    public func recordStop(_ projection: String, generation: Int, stop: ProjectionStop?) async throws {
        let stopJSON = try stop.map(ReadModelJSON.encode)
        let now = CheckpointRecord.milliseconds(Date())
        try await wrap {
            try await client.query("""
                INSERT INTO rm_checkpoints (name, generation, cursor, position, events_seen, updated_at_ms, stop)
                VALUES (\(projection), \(Int32(generation)), \(LogCursor.start.token), 0, 0, \(now), \(stopJSON)::jsonb)
                ON CONFLICT (name, generation) DO UPDATE SET stop = excluded.stop, updated_at_ms = excluded.updated_at_ms
                """, logger: logger)
        }
    }

    public func dropGeneration(_ projection: String, generation: Int, tables: [ReadModelTable]) async throws {
        for table in tables {
            // Only a partition of `table`: a table of another origin that happens to bear the name is left alone.
            let partition = Self.partition(table, generation: generation)
            await bestEffort(
                """
                IF EXISTS (SELECT 1 FROM pg_inherits
                           WHERE inhrelid = to_regclass('\(partition)') AND inhparent = to_regclass('\(table.name)')) THEN
                    DROP TABLE \(partition);
                END IF;
                """, table: table, generation: generation, otherwise: "generation partition not dropped; its rows are deleted")
        }
        try await wrap {
            try await client.withTransaction(logger: logger) { connection in
                for table in tables {
                    var builder = SQLBuilder(.postgres)
                    let sql = builder.deleteGeneration(table, generation: generation)
                    try await connection.query(PostgresQuery(unsafeSQL: sql, binds: try Self.bindings(builder.binds)), logger: logger)
                }
                try await connection.query(
                    "DELETE FROM rm_checkpoints WHERE name = \(projection) AND generation = \(Int32(generation))",
                    logger: logger)
            }
        }
    }

    public func select(_ table: ReadModelTable, generation: Int, _ query: ReadModelQuery) async throws -> [ReadModelRow] {
        var builder = SQLBuilder(.postgres)
        let sql = builder.select(table, generation: generation, query)
        return try await wrap {
            let rows = try await client.query(PostgresQuery(unsafeSQL: sql, binds: try Self.bindings(builder.binds)), logger: logger)
            var result: [ReadModelRow] = []
            for try await row in rows {
                let cells = row.makeRandomAccess()
                var decoded = ReadModelRow(key: try cells[0].decode(String.self))
                for (index, column) in table.columns.enumerated() {
                    let cell = cells[index + 1]
                    switch column.type {
                    case .text, .json: decoded[column.name] = try cell.decode(String?.self).sqlValue
                    case .integer: decoded[column.name] = try cell.decode(Int64?.self).sqlValue
                    case .real: decoded[column.name] = try cell.decode(Double?.self).map(SQLValue.real) ?? .null
                    }
                }
                result.append(decoded)
            }
            return result
        }
    }

    public func count(_ table: ReadModelTable, generation: Int, _ conditions: [Condition]) async throws -> Int {
        var builder = SQLBuilder(.postgres)
        let sql = builder.count(table, generation: generation, conditions)
        return try await wrap {
            let rows = try await client.query(PostgresQuery(unsafeSQL: sql, binds: try Self.bindings(builder.binds)), logger: logger)
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return 0
        }
    }

    static func bindings(_ values: [SQLValue]) throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let int): bindings.append(int)
            case .real(let double): bindings.append(double)
            case .text(let text): bindings.append(text)
            }
        }
        return bindings
    }

    /// Passes projection errors through — also from inside a transaction, which PostgresNIO wraps in a
    /// `PostgresTransactionError` (a fencing error must reach the runner as itself) — and turns database errors into
    /// ``ProjectionError/storage(_:)``.
    @discardableResult
    private func wrap<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw Self.translate(error) }
    }

    static func translate(_ error: any Error) -> any Error {
        switch error {
        case let error as ProjectionError: return error
        case let error as PSQLError: return ProjectionError.storage(error.serverInfo?[.message] ?? String(reflecting: error))
        case let error as PostgresTransactionError:
            if let inner = error.closureError { return translate(inner) }
            return translate(error.beginError ?? error.commitError ?? error.rollbackError ?? ProjectionError.storage("\(error)"))
        default: return error
        }
    }
}

/// A runner's advisory lock, held by the session of `connection` (server process `pid`).
struct PostgresRunnerLock: RunnerLock {
    let connection: PostgresConnection
    let pid: Int32
    let key: Int32
    let logger: Logger

    /// Asks the lock's own session; a session that does not answer within two seconds counts as lost.
    func isHeld() async -> Bool {
        await PostgresProjectionStorage.onLockSession(fallback: false) { await self.askServer() }
    }

    private func askServer() async -> Bool {
        do {
            let rows = try await connection.query("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
                AND classid::bigint = \(Int64(PostgresProjectionStorage.lockNamespace)) AND objid::bigint = \(Int64(key)) AND objsubid = 2
                """, logger: logger)
            for try await count in rows.decode(Int64.self) { return count == 1 }
            return false
        } catch {
            return false
        }
    }
}
