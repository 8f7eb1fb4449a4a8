import Foundation
import GRDB

extension KioskDatabase {
    /// What ``rebuild(path:now:)`` did.
    public struct Rebuilt: Sendable, Hashable {
        /// Where the old file was kept (never deleted: it may hold the only copy of something).
        public var setAside: String
        /// Outbox entries carried over, and how many of them the hub has not confirmed.
        public var outboxEntries: Int
        public var pending: Int
    }

    /// Starts the kiosk's replica over, for a replica that no longer matches its hub (`REPLICA_DIVERGED`: the hub's log
    /// was restored to an older state and written since).
    ///
    /// Rules: the file at `path` is checkpointed and moved aside to `<path>.diverged-<UTC time>`, untouched; a new file
    /// takes its place with the same device, credential and hub, the hybrid clock, and EVERY outbox entry still there,
    /// with their sequence numbers and statuses (so nothing recorded offline is lost, and entries the restored hub no
    /// longer holds are re-sent after the next hello). The replica, the pull cursor and the epoch start empty: the next
    /// sync pulls the county again. The kiosk's read models must be rebuilt too (they were built from the old replica).
    /// No other process may have the file open while this runs.
    public static func rebuild(path: String, now: Date = Date()) async throws -> Rebuilt {
        let (state, outbox) = try await snapshot(path: path)
        let fresh = path + ".rebuilding"
        try removeFiles(fresh)
        let carried = try await {
            let database = try KioskDatabase(path: fresh)
            try await database.initialize(hubURL: state.hubURL, credential: state.credential)
            let carried = try await database.write { db -> Int in
                try db.execute(
                    sql: "UPDATE cunshi_kiosk_state SET acked_seq = ?, hlc_ms = ?, hlc_counter = ?, county = ?",
                    arguments: [state.ackedSeq, state.clock.milliseconds, Int64(state.clock.counter), state.county])
                for row in outbox {
                    // Pruned entries leave no row: the sequence resumes at each kept entry's number.
                    try db.execute(sql: "UPDATE cunshi_kiosk_state SET next_seq = ?", arguments: [row[0]])
                    try db.execute(
                        sql: """
                            INSERT INTO cunshi_outbox (device_seq, command_id, target_stream, entry, recorded_at, status,
                                hub_epoch, acked_at, hub_positions, conflict_code)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: StatementArguments(row))
                }
                try db.execute(sql: "UPDATE cunshi_kiosk_state SET next_seq = ?", arguments: [state.nextSeq])
                return outbox.count
            }
            try database.close()
            return carried
        }()
        let setAside = path + ".diverged-" + now.formatted(.iso8601).replacingOccurrences(of: ":", with: "")
        try FileManager.default.moveItem(atPath: path, toPath: setAside)
        try removeFiles(path, keepMain: true)
        try FileManager.default.moveItem(atPath: fresh, toPath: path)
        try removeFiles(fresh)
        let pending = outbox.filter { (Int64.fromDatabaseValue($0[0]) ?? 0) > state.ackedSeq }.count
        return Rebuilt(setAside: setAside, outboxEntries: carried, pending: pending)
    }

    static let outboxColumns = [
        "device_seq", "command_id", "target_stream", "entry", "recorded_at", "status", "hub_epoch", "acked_at",
        "hub_positions", "conflict_code",
    ]

    /// The state and outbox rows (``outboxColumns``, `device_seq` first) of the file at `path`, which is checkpointed
    /// (its WAL emptied) and closed afterwards.
    private static func snapshot(path: String) async throws -> (State, [[DatabaseValue]]) {
        guard FileManager.default.fileExists(atPath: path) else { throw NotInitialized() }
        let old = try KioskDatabase(path: path)
        let state = try await old.state()
        let outbox = try await old.read { db in
            try Row.fetchAll(db, sql: "SELECT \(outboxColumns.joined(separator: ", ")) FROM cunshi_outbox ORDER BY device_seq")
                .map { row in outboxColumns.indices.map { row[$0] as DatabaseValue } }
        }
        try await old.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try old.close()
        return (state, outbox)
    }

    /// Deletes an SQLite file's `-wal` and `-shm` companions (and the file itself unless `keepMain`).
    private static func removeFiles(_ path: String, keepMain: Bool = false) throws {
        for file in (keepMain ? [] : [path]) + [path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
    }
}
