import EventLog
import Foundation
import GRDB
import Logging

/// The kiosk's (and the embedded hub's) event store: one SQLite file in WAL mode (schema in `Schema/sqlite`).
///
/// Rules a caller must know:
/// - ``init(path:busyTimeout:logger:)`` creates the file (and its directory) when missing and applies the pending bundled
///   migrations; several stores and processes may open the same file, and each migration is still applied once.
/// - Every append is one `BEGIN IMMEDIATE` transaction. SQLite has one writer at a time, across processes too, so
///   the order of commits is the order of positions: the log cursor is `(position, position)` and a reader of the
///   whole log can never skip an event. Readers never wait for writers (WAL).
/// - A call that cannot get the write lock within `busyTimeout` (another process holds it) fails with
///   ``EventLogError/unavailable(_:)``; retrying with the same event ids is safe.
/// - ``waitForAppends(timeout:)`` is woken by appends made through **this** value (and its copies) only; subscribers
///   see appends from other stores on the same file by polling.
/// - The pool closes when the last copy of the store is released.
public struct SQLiteEventStore: EventStore {
    /// The database file.
    public let path: String

    /// The file's connections; a caller in this package that writes the same file (the kiosk's sync state) uses this
    /// pool rather than a second one, so its writes and the store's queue behind one writer instead of racing for
    /// SQLite's lock.
    package let pool: DatabasePool
    let logger: Logger
    let signal: AppendSignal

    /// Opens (creating when missing) the database file at `path` and applies the pending migrations.
    ///
    /// - Parameters:
    ///   - busyTimeout: how long a write waits for a writer in another process before giving up.
    ///   - cacheKiB: the writing connection's page cache, when not SQLite's default (2 MiB); readers keep the default.
    /// - Throws: ``EventLogError/unavailable(_:)`` when the file cannot be opened or created,
    ///   ``SQLiteMigrations/MigrationError`` when the bundled migrations cannot be read or were edited after they
    ///   were applied to this file.
    public init(
        path: String, busyTimeout: Duration = .seconds(10), cacheKiB: Int? = nil,
        logger: Logger = Logger(label: "cunshi.eventlog.sqlite")
    ) throws {
        self.path = path
        self.logger = logger
        self.signal = AppendSignal()
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw EventLogError.unavailable("cannot create the directory \(directory.path): \(error)")
        }
        var configuration = Configuration()
        let (seconds, attoseconds) = busyTimeout.components
        configuration.busyMode = .timeout(max(0, Double(seconds) + Double(attoseconds) / 1e18))
        configuration.label = "cunshi.eventlog"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Statement journals (and sorts, temporary tables) in memory: in a transaction of many inserts — a kiosk
            // applying a pulled page — each insert journals the pages it changes so that it can be undone alone, and
            // in a file that wrote ~25 KB per event to /var/tmp (2.4 GB for a 100,000-event initial sync).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if let cacheKiB, !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)") }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw SQLiteErrors.translate(error)
        }
        do {
            let applied = try SQLiteMigrations.bundled().migrate(pool)
            if !applied.isEmpty {
                logger.info("applied migrations", metadata: ["path": "\(path)", "migrations": "\(applied)"])
            }
        } catch {
            throw SQLiteErrors.translate(error)
        }
    }

    public func waitForAppends(timeout: Duration) async {
        await signal.wait(timeout: timeout)
    }

    /// Closes the file. The store must not be used afterwards.
    public func close() throws {
        try pool.close()
    }
}

enum SQLiteErrors {
    /// Maps SQLite failures (a busy file, I/O errors, a full disk, a corrupt file) to
    /// ``EventLogError/unavailable(_:)``. Rule violations (`SQLITE_CONSTRAINT`: a trigger or a unique index refused
    /// the change — retrying cannot help), ``EventLogError`` and other errors pass through unchanged.
    static func translate(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError, error.resultCode != .SQLITE_CONSTRAINT else { return error }
        return EventLogError.unavailable("SQLite \(error.extendedResultCode): \(error.message ?? "no message")")
    }
}
