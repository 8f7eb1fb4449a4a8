import EventLog
import Foundation
import GRDB
import JSONText

extension SQLiteEventStore {
    public func append(_ request: AppendRequest) async throws -> AppendResult {
        try await appendAtomically([request])[0]
    }

    /// Appends in one write transaction, in this order (the same as the PostgreSQL store):
    /// 1. When any event id is already in the log: if every id is there with the same stream, type, schema version
    ///    and payload (compared as JSON, so key order and whitespace do not matter), nothing is written and the
    ///    original positions are returned with `wasDuplicate` — whatever the expectations say now; any other overlap
    ///    is ``EventLogError/duplicateEventID(_:reason:)``.
    /// 2. Every stream's version is checked against its expectation, in the order of `requests`; the first that
    ///    fails is ``EventLogError/wrongExpectedVersion(stream:expected:actual:)``.
    /// 3. The events are inserted, numbered from the stream's version + 1.
    public func appendAtomically(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        try requests.validateAtomicBatch()
        for request in requests {
            for event in request.events where String(validating: event.payload, as: UTF8.self) == nil {
                throw EventLogError.payloadNotJSONObject(eventID: UUIDText.format(event.id))
            }
        }
        let recordedAt = SQLiteRows.formatDate(Date())
        let outcome: (results: [AppendResult], appended: Bool)
        do {
            outcome = try await pool.write { db in
                if let originals = try Self.originals(of: requests, in: db) {
                    return (originals, false)
                }
                return (try Self.insert(requests, recordedAt: recordedAt, in: db), true)
            }
        } catch {
            throw SQLiteErrors.translate(error)
        }
        if outcome.appended { signal.signal() }
        return outcome.results
    }

    /// The original results when every event was appended before with the same content; `nil` when none was.
    private static func originals(of requests: [AppendRequest], in db: Database) throws -> [AppendResult]? {
        let lookup = try db.cachedStatement(sql: """
            SELECT position, stream_id, version, event_type, schema_version, payload FROM cunshi_events WHERE event_id = ?
            """)
        var found: [UUID: Row] = [:]
        for request in requests {
            for event in request.events {
                if let row = try Row.fetchOne(lookup, arguments: [UUIDText.format(event.id)]) {
                    found[event.id] = row
                }
            }
        }
        if found.isEmpty { return nil }
        var results: [AppendResult] = []
        for request in requests {
            var positions: [Int64] = []
            var lastVersion: Int64 = 0
            for event in request.events {
                guard let row = found[event.id], try isSame(row, as: event, in: request.streamID) else {
                    throw EventLogError.duplicateEventID(
                        UUIDText.format(event.id), reason: "with other content or in another batch")
                }
                positions.append(try row.decode(Int64.self, atIndex: 0))
                lastVersion = max(lastVersion, try row.decode(Int64.self, atIndex: 2))
            }
            let last = positions.max() ?? 0
            results.append(AppendResult(
                streamID: request.streamID, positions: positions, lastVersion: lastVersion, wasDuplicate: true,
                lastCursor: LogCursor(commitOrder: UInt64(last), position: last)))
        }
        return results
    }

    private static func isSame(_ row: Row, as event: NewEvent, in stream: StreamID) throws -> Bool {
        let storedStream: String = try row.decode(atIndex: 1)
        let storedType: String = try row.decode(atIndex: 3)
        let storedSchema: Int = try row.decode(atIndex: 4)
        let storedPayload: String = try row.decode(atIndex: 5)
        return storedStream == stream.rawValue && storedType == event.type && storedSchema == event.schemaVersion
            && JSONValue.sameJSON(Data(storedPayload.utf8), event.payload)
    }

    private static func insert(_ requests: [AppendRequest], recordedAt: String, in db: Database) throws -> [AppendResult] {
        let versionQuery = try db.cachedStatement(
            sql: "SELECT coalesce(max(version), 0) FROM cunshi_events WHERE stream_id = ?")
        var bases: [Int64] = []
        for request in requests {
            let actual = try Int64.fetchOne(versionQuery, arguments: [request.streamID.rawValue]) ?? 0
            guard request.expected.isSatisfied(by: actual) else {
                throw EventLogError.wrongExpectedVersion(stream: request.streamID, expected: request.expected, actual: actual)
            }
            bases.append(actual)
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO cunshi_events
                (stream_id, category, version, event_id, event_type, schema_version, payload, metadata, county, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var results: [AppendResult] = []
        for (request, base) in zip(requests, bases) {
            var positions: [Int64] = []
            for (offset, event) in request.events.enumerated() {
                try insert.execute(arguments: [
                    request.streamID.rawValue, request.streamID.category, base + Int64(offset) + 1,
                    UUIDText.format(event.id), event.type, event.schemaVersion,
                    String(decoding: event.payload, as: UTF8.self),
                    String(decoding: EventLogJSON.encode(event.metadata), as: UTF8.self),
                    event.metadata.county, recordedAt,
                ])
                positions.append(db.lastInsertedRowID)
            }
            let last = positions.max() ?? 0
            results.append(AppendResult(
                streamID: request.streamID, positions: positions, lastVersion: base + Int64(request.events.count),
                wasDuplicate: false, lastCursor: LogCursor(commitOrder: UInt64(last), position: last)))
        }
        return results
    }
}
