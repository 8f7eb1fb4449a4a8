import EventLog
import EventLogPostgres
import Foundation
import Logging
import PostgresNIO
@testable import Projections
import Synchronization
import TestSupport

/// The two databases every projection test runs on.
enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case postgres, sqlite
    var description: String { rawValue }
}

enum Harness {
    /// A fresh log and fresh read-model storage on `backend` (PostgreSQL: a migrated database; SQLite: files in a
    /// temporary directory), plus a way to run raw DDL for test-only tables.
    static func with<T: Sendable>(
        _ backend: Backend,
        _ body: (any EventStore, any ProjectionStorage, Extras) async throws -> T
    ) async throws -> T {
        switch backend {
        case .postgres:
            return try await TestDatabase.withStore { store, configuration in
                try await TestDatabase.withClient(configuration) { client in
                    let storage = PostgresProjectionStorage(client: client, logger: TestDatabase.logger)
                    return try await body(store, storage, Extras(backend: .postgres, client: client, sqlite: nil, configuration: configuration))
                }
            }
        case .sqlite:
            return try await TemporarySQLite.withStore { store, path in
                let storage = try SQLiteProjectionStorage(path: path.replacingOccurrences(of: "events.sqlite", with: "readmodels.sqlite"))
                return try await body(store, storage, Extras(backend: .sqlite, client: nil, sqlite: storage, configuration: nil))
            }
        }
    }

    struct Extras: Sendable {
        let backend: Backend
        let client: PostgresClient?
        let sqlite: SQLiteProjectionStorage?
        let configuration: PostgresClient.Configuration?

        func create(_ table: ReadModelTable) async throws {
            if let client {
                for statement in table.postgresDDL {
                    try await client.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
                }
            }
            try sqlite?.createTables([table])
        }
    }

    static let fastOptions = ProjectionRunner.Options(batchSize: 50, idleWait: .milliseconds(50), lockRetry: .milliseconds(100))

    /// Runs `projections` until each has passed `cursor`, then stops them.
    static func catchUp(
        _ projections: [any Projection], store: any EventStore, storage: any ProjectionStorage, to cursor: LogCursor,
        options: ProjectionRunner.Options = fastOptions
    ) async throws {
        let daemon = ProjectionDaemon(store: store, storage: storage, projections: projections, options: options, logger: TestDatabase.logger)
        let task = Task { await daemon.run() }
        defer { task.cancel() }
        for projection in projections {
            try await daemon.readModels.waitUntil(projection.name, reached: cursor, timeout: .seconds(20))
        }
        task.cancel()
        await task.value
    }

    /// Every row of every table of `projection` in its active generation, by table.
    static func snapshot(_ projection: any Projection, storage: any ProjectionStorage, generation: Int? = nil) async throws -> [String: [ReadModelRow]] {
        var active = generation ?? 0
        if generation == nil { active = try await storage.registration(projection.name).activeGeneration }
        let generation = active
        var result: [String: [ReadModelRow]] = [:]
        for table in projection.tables {
            result[table.name] = try await storage.select(table, generation: generation, ReadModelQuery())
        }
        return result
    }
}

/// Holds a task so a hook can cancel it.
final class TaskBox: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let armed = Mutex(0)

    func set(_ value: Task<Void, Never>) { task.withLock { $0 = value } }
    func cancel() { task.withLock { $0?.cancel() } }
    /// Counts calls; true on the `n`th.
    func tick(_ n: Int) -> Bool { armed.withLock { $0 += 1; return $0 == n } }
}

/// The checkpoints a runner committed, in order (its `onCommit`).
final class CommitLog: Sendable {
    private let seen = Mutex<[Checkpoint]>([])

    func record(_ checkpoint: Checkpoint) { seen.withLock { $0.append(checkpoint) } }
    var eventsSeen: [Int64] { seen.withLock { $0.map(\.eventsSeen) } }
}
