import EventLog
import Foundation
import GRDB
import JSONText
import Synchronization

/// The store a kiosk decides commands against: the replica (the hub's order) with the kiosk's own pending outbox
/// entries on top, renumbered after the replica's last version — the way Replicache shows pending mutations over
/// the last confirmed state.
///
/// Its append writes one outbox entry instead of log events, in one `BEGIN IMMEDIATE` transaction that checks the
/// expected version against the same overlay and takes the next gapless device sequence number. One instance serves
/// one command (``Pending``). Entries the hub turned into conflicts or quarantine records are not part of the overlay.
final class KioskOverlayStore: EventStore {
    struct Pending: Sendable {
        var commandID: UUID
        var command: WireCommand
        var actor: Domain.Actor
        var deviceTime: Int64
        var clock: HybridTimestamp
        var curatorToken: String?
    }

    let database: KioskDatabase
    let pending: Pending
    private let recorded = Mutex<Int64?>(nil)

    init(database: KioskDatabase, pending: Pending) {
        self.database = database
        self.pending = pending
    }

    func recordedSequence() -> Int64? { recorded.withLock { $0 } }

    func append(_ request: AppendRequest) async throws -> AppendResult {
        try await appendAtomically([request])[0]
    }

    func appendAtomically(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        try requests.validateAtomicBatch()
        guard requests.count == 1, let request = requests.first else {
            throw SyncError.badRequest("a kiosk records commands on one stream only", code: WireCommand.notSyncableCode)
        }
        let pending = pending
        let (seq, base) = try await database.write { db -> (Int64, Int64) in
            let overlay = try Self.overlay(request.streamID, db)
            let actual = overlay.count
            let basis = overlay.filter { $0.position > 0 }.count
            guard request.expected.isSatisfied(by: Int64(actual)) else {
                throw EventLogError.wrongExpectedVersion(stream: request.streamID, expected: request.expected, actual: Int64(actual))
            }
            let state = try KioskDatabase.state(db)
            let seq = state.nextSeq
            let events = request.events.enumerated().map { offset, event in
                var metadata = event.metadata
                metadata.deviceSequence = seq
                return WireEvent(
                    id: event.id, stream: request.streamID.rawValue, version: Int64(actual + offset + 1), type: event.type,
                    schemaVersion: event.schemaVersion, payload: String(decoding: event.payload, as: UTF8.self),
                    metadata: String(decoding: EventLogJSON.encode(metadata), as: UTF8.self))
            }
            let entry = PushEntry(
                seq: seq, commandID: pending.commandID, command: pending.command, actor: pending.actor,
                decidedVersion: Int64(actual), basisVersion: Int64(basis), deviceTime: pending.deviceTime, clock: pending.clock, events: events,
                curatorToken: pending.curatorToken)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try db.execute(
                sql: "INSERT INTO cunshi_outbox (device_seq, command_id, target_stream, entry, recorded_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    seq, UUIDText.format(pending.commandID), request.streamID.rawValue,
                    String(decoding: try encoder.encode(entry), as: UTF8.self),
                    KioskDatabase.formatDate(Date(timeIntervalSince1970: Double(pending.deviceTime) / 1000)),
                ])
            let clock = max(state.clock, pending.clock)
            try db.execute(
                sql: "UPDATE cunshi_kiosk_state SET hlc_ms = ?, hlc_counter = ?",
                arguments: [clock.milliseconds, Int64(clock.counter)])
            return (seq, Int64(actual))
        }
        recorded.withLock { $0 = seq }
        let count = Int64(request.events.count)
        return [AppendResult(
            streamID: request.streamID, positions: Array(repeating: 0, count: request.events.count),
            lastVersion: base + count, wasDuplicate: false, lastCursor: .start)]
    }

    func readStream(_ stream: StreamID, from version: Int64, direction: ReadDirection, limit: Int) async throws -> [RecordedEvent] {
        let all = try await database.read { db in try Self.overlay(stream, db) }
        let limit = max(0, limit)
        switch direction {
        case .forwards: return Array(all.filter { $0.version >= version }.prefix(limit))
        case .backwards: return Array(all.filter { $0.version <= version }.reversed().prefix(limit))
        }
    }

    func streamVersion(_ stream: StreamID) async throws -> Int64 {
        Int64(try await database.read { db in try Self.overlay(stream, db) }.count)
    }

    func readLog(after cursor: LogCursor, filter: LogFilter, limit: Int) async throws -> LogPage {
        try await database.replica.readLog(after: cursor, filter: filter, limit: limit)
    }

    func waitForAppends(timeout: Duration) async {
        await database.replica.waitForAppends(timeout: timeout)
    }

    /// The stream as the kiosk sees it: replica events, then pending entries' events not yet back from the hub.
    static func overlay(_ stream: StreamID, _ db: Database) throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        let rows = try Row.fetchAll(
            db, sql: """
                SELECT position, version, event_id, event_type, schema_version, payload, metadata, recorded_at
                FROM cunshi_events WHERE stream_id = ? ORDER BY version
                """,
            arguments: [stream.rawValue])
        for row in rows {
            let position: Int64 = row[0]
            events.append(RecordedEvent(
                id: UUIDText.parse(row[2]) ?? UUID(), streamID: stream, version: row[1], position: position,
                cursor: LogCursor(commitOrder: UInt64(max(0, position)), position: position), type: row[3],
                schemaVersion: row[4], payload: Data((row[5] as String).utf8), metadataJSON: Data((row[6] as String).utf8),
                recordedAt: UTCTimestamp.parseISO8601(row[7]) ?? Date()))
        }
        let known = try db.cachedStatement(sql: "SELECT 1 FROM cunshi_events WHERE event_id = ?")
        let entries = try String.fetchAll(
            db, sql: """
                SELECT entry FROM cunshi_outbox WHERE target_stream = ? AND status NOT IN ('conflict', 'quarantined')
                ORDER BY device_seq
                """,
            arguments: [stream.rawValue])
        let decoder = JSONDecoder()
        for text in entries {
            let entry = try decoder.decode(PushEntry.self, from: Data(text.utf8))
            for event in entry.events where try Int.fetchOne(known, arguments: [UUIDText.format(event.id)]) == nil {
                let version = Int64(events.count + 1)
                events.append(RecordedEvent(
                    id: event.id, streamID: stream, version: version, position: 0, cursor: .start, type: event.type,
                    schemaVersion: event.schemaVersion, payload: Data(event.payload.utf8),
                    metadataJSON: Data(event.metadata.utf8),
                    recordedAt: Date(timeIntervalSince1970: Double(entry.deviceTime) / 1000)))
            }
        }
        return events
    }
}

import Domain
