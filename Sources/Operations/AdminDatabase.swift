import EventLog
import EventLogPostgres
import EventLogSQLite
import Foundation
import Logging
import PostgresNIO
import Projections

/// Where the hub keeps its log and read models, as `cunshi serve` is told.
public enum DatabaseLocation: Sendable, Hashable {
    /// The hub's PostgreSQL database.
    case postgres(url: String)
    /// The embedded store: `events.sqlite` and `readmodels.sqlite` in this directory.
    case sqlite(directory: String)
}

/// The hub's log and read models, opened for an operator's command (`cunshi projections`, `cunshi replay`) beside a
/// hub that may be running on the same database.
///
/// Lifecycle: ``with(_:logger:_:)`` opens it (PostgreSQL: a client for the duration, migrations applied first, as
/// the hub does at start; SQLite: the data directory's files, which must exist) and closes it after `body`.
public struct AdminDatabase: Sendable {
    public let store: any EventStore
    public let storage: any ProjectionStorage
    /// Where it is, without credentials: `PostgreSQL db@host:port` or `embedded store in DIR`.
    public let place: String
    private let counter: @Sendable () async throws -> Int64

    public init(
        store: any EventStore, storage: any ProjectionStorage, place: String,
        eventCount: @escaping @Sendable () async throws -> Int64
    ) {
        self.store = store
        self.storage = storage
        self.place = place
        self.counter = eventCount
    }

    /// The number of events in the log.
    public func eventCount() async throws -> Int64 { try await counter() }

    /// A daemon over this database's read models (not running: administration only).
    public func daemon(
        projections: [any Projection] = StandardProjections.all, options: ProjectionRunner.Options = .init(),
        logger: Logger = Logger(label: "cunshi.cli")
    ) -> ProjectionDaemon {
        ProjectionDaemon(store: store, storage: storage, projections: projections, options: options, logger: logger)
    }

    /// Opens the database at `location`, runs `body`, and closes it.
    /// - Parameter createEmbedded: create the embedded store when its directory has none (`cunshi seed`, `cunshi
    ///   device register`); otherwise a missing store is ``OperationsError/noEmbeddedStore(directory:)``.
    public static func with<T: Sendable>(
        _ location: DatabaseLocation, createEmbedded: Bool = false, logger: Logger = Logger(label: "cunshi.cli"),
        _ body: (AdminDatabase) async throws -> T
    ) async throws -> T {
        switch location {
        case .sqlite(let directory):
            let root = URL(fileURLWithPath: directory, isDirectory: true)
            let events = root.appendingPathComponent("events.sqlite").path
            guard createEmbedded || FileManager.default.fileExists(atPath: events) else {
                throw OperationsError.noEmbeddedStore(directory: directory)
            }
            let store = try SQLiteEventStore(path: events, logger: logger)
            let storage = try SQLiteProjectionStorage(path: root.appendingPathComponent("readmodels.sqlite").path)
            return try await body(AdminDatabase(
                store: store, storage: storage, place: "embedded store in \(directory)", eventCount: store.eventCount))
        case .postgres(let url):
            let configuration = try PostgresURL.configuration(url)
            // The pool's own chatter (e.g. a lease racing `run()` starting) is not the operator's business.
            var poolLogger = logger
            poolLogger.logLevel = max(logger.logLevel, .error)
            let client = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
            return try await client.whileRunning {
                try await PostgresMigrator.bundled().migrate(client: client, logger: logger)
                let store = PostgresEventStore(client: client, logger: logger)
                let storage = PostgresProjectionStorage(client: client, logger: logger)
                let place = "PostgreSQL \(configuration.database ?? "?")@\(configuration.host ?? "?"):\(configuration.port ?? 5432)"
                return try await body(AdminDatabase(store: store, storage: storage, place: place, eventCount: store.eventCount))
            }
        }
    }
}
