import EventLog
import EventLogSQLite
import Foundation
import JSONText
import GRDB

/// The kiosk's SQLite file: its replica of the county's log (`cunshi_events`, through ``SQLiteEventStore``), its
/// outbox and its sync state (migration `0020_kiosk_sync.sql`).
///
/// Rules:
/// - ``replica`` holds only events in the hub's order: what was pulled. The kiosk's own offline events wait in the
///   outbox and enter the replica when they come back in a pull, under the same ids.
/// - A pulled batch and the new cursor are written in ONE transaction (``applyPull(_:)``): a cut anywhere resumes
///   from the last stored cursor, never from zero, and a cursor is never stored ahead of its events.
/// - Outbox rows are numbered gaplessly by the database itself (triggers); a row above the hub's acknowledged
///   high-water mark can never be deleted; ``prune(acknowledgedBefore:)`` deletes only rows acknowledged before the
///   backup horizon.
public struct KioskDatabase: Sendable {
    public let path: String
    /// The replica log, for projections and reads.
    public let replica: SQLiteEventStore
    let pool: DatabasePool
    /// The page cache of the connection that writes the kiosk's file, in KiB.
    static let cacheKiB = 32 * 1024

    public init(path: String) throws {
        self.path = path
        // Creates the file and applies every migration. A pulled batch of 10,000 events writes ~10 MB of pages; with
        // SQLite's default 2 MB cache the transaction spills the same index pages to the WAL again and again.
        self.replica = try SQLiteEventStore(path: path, cacheKiB: Self.cacheKiB)
        self.pool = replica.pool
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    /// Closes the file (one pool: the replica's). The database must not be used afterwards.
    public func close() throws {
        try replica.close()
    }

    // MARK: - State

    public struct State: Sendable, Hashable {
        public var deviceID: String
        public var hubURL: String
        public var credential: String
        public var county: String?
        public var pullCursor: HubCursor
        public var hubEpoch: String?
        public var nextSeq: Int64
        public var ackedSeq: Int64
        public var clock: HybridTimestamp
        public var revokedMessage: String?
        public var lastPushAt: String?
        public var lastPullAt: String?
        public var skewMilliseconds: Int64?
        public var skewFlagged: Bool
        /// Events of the replica the hub no longer holds, as the last reconciliation found (``finishReconciliation()``):
        /// the kiosk must be rebuilt. `nil` when none were found.
        public var divergedEvents: Int?
    }

    public struct NotInitialized: Error, CustomStringConvertible {
        public var description: String { "this kiosk is not initialized: run `cunshi kiosk init --hub URL --credential C`" }
    }

    /// Sets who the kiosk is and where its hub is. Changing the device of a kiosk that still has unsynced entries is
    /// refused (they belong to the old device's sequence).
    public func initialize(hubURL: String, credential: String) async throws {
        guard let dot = credential.lastIndex(of: "."), dot != credential.startIndex else {
            throw SyncError.badRequest("a device credential has the form <deviceID>.<secret>", field: "credential")
        }
        let deviceID = String(credential[..<dot])
        try await write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT device_id, acked_seq, next_seq FROM cunshi_kiosk_state") {
                let existing: String = row[0]
                let acked: Int64 = row[1], next: Int64 = row[2]
                if existing != deviceID && next - 1 > acked {
                    throw SyncError.badRequest(
                        "this kiosk still has \(next - 1 - acked) unsynced entries of device \(existing); sync them first",
                        field: "credential", code: "KIOSK_HAS_UNSYNCED_ENTRIES")
                }
                if existing == deviceID {
                    try db.execute(
                        sql: "UPDATE cunshi_kiosk_state SET hub_url = ?, credential = ?, revoked_message = NULL",
                        arguments: [hubURL, credential])
                    return
                }
                try db.execute(sql: "DELETE FROM cunshi_kiosk_state")
            }
            try db.execute(
                sql: "INSERT INTO cunshi_kiosk_state (singleton, device_id, hub_url, credential) VALUES (1, ?, ?, ?)",
                arguments: [deviceID, hubURL, credential])
        }
    }

    public func state() async throws -> State {
        try await read { db in try Self.state(db) }
    }

    /// The cursor of the replica's last event: what the kiosk's projections must reach to show everything pulled and
    /// recorded here. It is a cursor of the replica's own log; the pull cursor (``State/pullCursor``, a
    /// ``HubCursor``) is the hub's.
    public func replicaHead() async throws -> LogCursor {
        let last = try await read { db in try Int64.fetchOne(db, sql: "SELECT max(position) FROM cunshi_events") } ?? 0
        return LogCursor(commitOrder: UInt64(max(0, last)), position: last)
    }

    static func state(_ db: Database) throws -> State {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT device_id, hub_url, credential, county, pull_cursor, hub_epoch, next_seq, acked_seq, hlc_ms, hlc_counter,
                   revoked_message, last_push_at, last_pull_at, skew_ms, skew_flagged, diverged_events
            FROM cunshi_kiosk_state WHERE singleton = 1
            """)
        else { throw NotInitialized() }
        return State(
            deviceID: row[0], hubURL: row[1], credential: row[2], county: row[3],
            pullCursor: HubCursor(token: row[4]) ?? .start, hubEpoch: row[5], nextSeq: row[6], ackedSeq: row[7],
            clock: HybridTimestamp(milliseconds: row[8], counter: UInt32(clamping: row[9] as Int64)),
            revokedMessage: row[10], lastPushAt: row[11], lastPullAt: row[12], skewMilliseconds: row[13],
            skewFlagged: (row[14] as Int64) != 0, divergedEvents: row[15])
    }

    public func markRevoked(_ message: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE cunshi_kiosk_state SET revoked_message = ?", arguments: [message])
        }
    }

    /// Moves the kiosk's hybrid clock past a reading of the hub's.
    public func receive(_ remote: HybridTimestamp, now: Date) async throws {
        try await write { db in
            var clock = HybridLogicalClock(last: try Self.state(db).clock)
            _ = clock.receive(remote, nowMilliseconds: Int64(now.timeIntervalSince1970 * 1000))
            try db.execute(
                sql: "UPDATE cunshi_kiosk_state SET hlc_ms = ?, hlc_counter = ?",
                arguments: [clock.last.milliseconds, Int64(clock.last.counter)])
        }
    }

    /// After an epoch change or a hub that holds fewer of this device's entries than were acknowledged: every entry
    /// above `hubHighWaterMark` is pending again (and will be re-sent), and the pull restarts from the start of the
    /// new log (events already here are skipped by id). Returns how many acknowledged entries will be re-sent.
    ///
    /// It also begins a reconciliation: the replica's events up to now must each come again in that pull, or the hub no
    /// longer holds them (``finishReconciliation()``). A repair during another's pull begins it afresh.
    public func repair(hubHighWaterMark: Int64, epoch: String) async throws -> Int {
        try await write { db in
            let resent = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM cunshi_outbox WHERE device_seq > ? AND status != 'pending'",
                arguments: [hubHighWaterMark]) ?? 0
            try db.execute(
                sql: "UPDATE cunshi_outbox SET status = 'pending', hub_epoch = NULL, acked_at = NULL, hub_positions = NULL, conflict_code = NULL WHERE device_seq > ?",
                arguments: [hubHighWaterMark])
            try db.execute(
                sql: """
                    UPDATE cunshi_kiosk_state SET acked_seq = min(acked_seq, ?), pull_cursor = '0.0', hub_epoch = ?,
                        repair_head = (SELECT coalesce(max(position), 0) FROM cunshi_events)
                    """, arguments: [hubHighWaterMark, epoch])
            try db.execute(sql: "DELETE FROM cunshi_kiosk_reconfirmed")
            return resent
        }
    }

    /// Stores the epoch the kiosk now syncs with (first contact).
    public func adoptEpoch(_ epoch: String, county: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE cunshi_kiosk_state SET hub_epoch = ?, county = ?", arguments: [epoch, county])
        }
    }

    // MARK: - Pull

    /// Writes a pulled batch and its cursor in one transaction; events already in the replica (the kiosk's own, or a
    /// batch applied before a cut) are skipped by id. Returns how many events were new.
    ///
    /// Each event is inserted straight away: the log's own rules (the unique event id, the unique stream version, the
    /// append-only trigger) refuse an event that collides with one already here, and only then is the id looked up —
    /// the same id is a copy to skip, another id is a divergence. A refused insert undoes only itself, never the
    /// batch's earlier inserts.
    ///
    /// Throws `REPLICA_DIVERGED` when an event would take a stream version that another event holds here: the hub's
    /// log is no longer the one this replica copied (restored to an older state and written since).
    public func applyPull(_ response: PullResponse) async throws -> Int {
        guard let next = HubCursor(token: response.next) else {
            throw SyncError.badRequest("the hub sent an unreadable cursor '\(response.next)'", code: "BAD_CURSOR")
        }
        let events = response.events
        let county = response.county
        let epoch = response.epoch
        let pulledAt = Self.formatDate(Date())
        return try await write { db in
            // Not a cached statement: after a refused insert, SQLite keeps the statement's error until it is reset,
            // and GRDB's next execution would throw that stale error; a refused insert gets a fresh statement.
            let sql = """
                INSERT INTO cunshi_events
                    (stream_id, category, version, event_id, event_type, schema_version, payload, metadata, county, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            var insert = try db.makeStatement(sql: sql)
            var inserted = 0
            for event in events {
                let id = UUIDText.format(event.id)
                let stream = StreamID(stored: event.stream)
                do {
                    try insert.execute(arguments: [
                        event.stream, stream.category, event.version, id, event.type, event.schemaVersion, event.payload,
                        event.metadata, county, Self.formatDate(event.recordedDate ?? Date()),
                    ])
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    insert = try db.makeStatement(sql: sql)
                    if let position = try Self.position(of: id, db) {
                        // During a reconciliation, a copy of an event up to the repair's head marks it as still on
                        // the hub (read here, on the rare path of a refused insert, not once per batch).
                        if let repairHead = try Self.repairHead(db), position <= repairHead {
                            try db.cachedStatement(sql: "INSERT OR IGNORE INTO cunshi_kiosk_reconfirmed (position) VALUES (?)")
                                .execute(arguments: [position])
                        }
                        continue
                    }
                    throw SyncError(
                        status: 409, code: "REPLICA_DIVERGED", field: "events",
                        message: "event \(id) would be version \(event.version) of \(event.stream), which this replica holds with another event: the hub's log is not the one copied here; re-initialize the kiosk (`cunshi kiosk init --rebuild`)")
                }
                inserted += 1
            }
            try db.execute(
                sql: "UPDATE cunshi_kiosk_state SET pull_cursor = ?, hub_epoch = ?, county = ?, last_pull_at = ?",
                arguments: [next.token, epoch, county, pulledAt])
            return inserted
        }
    }

    /// The replica's position of the event `id` (lowercase UUID text), if it holds it.
    static func position(of id: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT position FROM cunshi_events WHERE event_id = ?"), arguments: [id])
    }

    /// The replica's last position when the reconciliation in progress began (`nil`: none is).
    static func repairHead(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT repair_head FROM cunshi_kiosk_state"))
    }

    /// The replica's events at or below the repair's head (`?`) that the pull since the repair did not bring again.
    static let lostEvents = """
        FROM cunshi_events e WHERE e.position <= ?
        AND NOT EXISTS (SELECT 1 FROM cunshi_kiosk_reconfirmed r WHERE r.position = e.position)
        """

    /// The events this replica holds that its hub no longer does, as the last reconciliation found them (see
    /// ``finishReconciliation()``), in the replica's order; empty when none were found. For the hub's administrators,
    /// on a file set aside by ``rebuild(path:now:)`` (`cunshi kiosk lost`).
    public func eventsTheHubLost() async throws -> [RecordedEvent] {
        let head = try await read { db -> Int64? in
            guard try Int.fetchOne(db, sql: "SELECT diverged_events FROM cunshi_kiosk_state") != nil else { return nil }
            return try Self.repairHead(db)
        }
        guard let head else { return [] }
        return try await replica.fetchEvents(
            "SELECT \(SQLiteEventStore.eventColumns) " + Self.lostEvents + " ORDER BY e.position", [head])
    }

    /// Ends the reconciliation a repair began, once the pull that followed it has reached the end of the hub's log.
    /// Nothing to do without a repair. When every event the replica held at the repair came again, the reconciliation
    /// is over. Otherwise the hub no longer holds some of them (it was restored from a backup taken before they were
    /// written, and they are lost there): `REPLICA_DIVERGED`, and the reconciliation stays, so that every later sync
    /// says so until the kiosk is rebuilt (``rebuild(path:now:)`` keeps the old file, which holds them).
    public func finishReconciliation() async throws {
        // Most syncs follow no repair: a read answers them without taking the write lock.
        guard try await read({ db in try Self.repairHead(db) }) != nil else { return }
        let missing = try await write { db -> (count: Int, first: [String]) in
            guard let head = try Self.repairHead(db) else { return (0, []) }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) " + Self.lostEvents, arguments: [head]) ?? 0
            guard count > 0 else {
                try db.execute(sql: "UPDATE cunshi_kiosk_state SET repair_head = NULL, diverged_events = NULL")
                try db.execute(sql: "DELETE FROM cunshi_kiosk_reconfirmed")
                return (0, [])
            }
            try db.execute(sql: "UPDATE cunshi_kiosk_state SET diverged_events = ?", arguments: [count])
            return (count, try String.fetchAll(
                db, sql: "SELECT e.event_id " + Self.lostEvents + " ORDER BY e.position LIMIT 3", arguments: [head]))
        }
        guard missing.count > 0 else { return }
        throw SyncError(
            status: 409, code: "REPLICA_DIVERGED", field: "events",
            message: "the hub's log no longer holds \(missing.count) of this replica's events (it was restored from an older backup), e.g. \(missing.first.joined(separator: ", ")); re-initialize the kiosk (`cunshi kiosk init --rebuild`): the old file is kept aside with them")
    }

    // MARK: - Outbox

    /// Outbox entries after `seq`, oldest first, bounded by count and bytes (at least one).
    public func outboxEntries(after seq: Int64, limit: Int, maxBytes: Int) async throws -> [PushEntry] {
        try await read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT entry FROM cunshi_outbox WHERE device_seq > ? ORDER BY device_seq LIMIT ?",
                arguments: [seq, limit])
            var entries: [PushEntry] = []
            var bytes = 0
            let decoder = JSONDecoder()
            while let row = try rows.next() {
                let text: String = row[0]
                if !entries.isEmpty && bytes + text.utf8.count > maxBytes { break }
                bytes += text.utf8.count
                entries.append(try decoder.decode(PushEntry.self, from: Data(text.utf8)))
            }
            return entries
        }
    }

    /// Records the hub's answers and its high-water mark (an acknowledgement, never a deletion). The caller checks
    /// that the answer is of the epoch the kiosk syncs with: the kiosk's epoch changes only by ``adoptEpoch(_:county:)``
    /// and ``repair(hubHighWaterMark:epoch:)``, never with an answer.
    /// `acknowledgedAt`: the hub's time of the answer (``PushResponse/hubTime``), against which ``prune(acknowledgedBefore:)``
    /// measures the backup horizon.
    public func recordPush(_ response: PushResponse, acknowledgedAt: Date) async throws {
        let acked = Self.formatDate(acknowledgedAt)
        try await write { db in
            for result in response.results {
                let status = result.outcome == .duplicate ? (result.original ?? .duplicate) : result.outcome
                try db.execute(
                    sql: """
                        UPDATE cunshi_outbox SET status = ?, hub_epoch = ?, acked_at = coalesce(acked_at, ?), hub_positions = ?,
                            conflict_code = ? WHERE device_seq = ?
                        """,
                    arguments: [
                        status.rawValue, response.epoch, acked, result.positions.map(String.init).joined(separator: ","),
                        result.code, result.seq,
                    ])
            }
            try db.execute(
                sql: "UPDATE cunshi_kiosk_state SET acked_seq = ?, last_push_at = ?, skew_ms = ?, skew_flagged = ?",
                arguments: [response.hwm, acked, response.skew.milliseconds, response.skew.flagged ? 1 : 0])
        }
    }

    public struct OutboxCounts: Sendable, Hashable {
        public var pending: Int
        public var conflicts: Int
        public var total: Int
    }

    public func outboxCounts() async throws -> OutboxCounts {
        try await read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) FILTER (WHERE device_seq > (SELECT acked_seq FROM cunshi_kiosk_state)),
                       count(*) FILTER (WHERE status = 'conflict'), count(*) FROM cunshi_outbox
                """)
            return OutboxCounts(pending: row?[0] ?? 0, conflicts: row?[1] ?? 0, total: row?[2] ?? 0)
        }
    }

    /// Deletes outbox rows that the hub acknowledged before `horizon` (the age of the oldest backup the hub could be
    /// restored from, on the hub's clock) and that are at or below its high-water mark. Returns how many were deleted.
    @discardableResult
    public func prune(acknowledgedBefore horizon: Date) async throws -> Int {
        let cutoff = Self.formatDate(horizon)
        return try await write { db in
            try db.execute(
                sql: """
                    DELETE FROM cunshi_outbox WHERE status != 'pending' AND acked_at < ?
                        AND device_seq <= (SELECT acked_seq FROM cunshi_kiosk_state)
                    """,
                arguments: [cutoff])
            return db.changesCount
        }
    }

    static func formatDate(_ date: Date) -> String { UTCTimestamp.format(date) }
}
