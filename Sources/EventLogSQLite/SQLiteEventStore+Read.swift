import EventLog
import Foundation
import JSONText
import GRDB

extension SQLiteEventStore {
    /// The columns ``fetchEvents(_:_:)`` decodes, in its order: a query of this package selects them to read events.
    package static let eventColumns = """
        position, stream_id, version, event_id, event_type, schema_version, payload, metadata, recorded_at
        """

    public func readStream(_ stream: StreamID, from version: Int64, direction: ReadDirection, limit: Int) async throws
        -> [RecordedEvent]
    {
        let limit = max(0, min(limit, LogPage.maxEvents))
        let sql = switch direction {
        case .forwards:
            "SELECT \(Self.eventColumns) FROM cunshi_events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ?"
        case .backwards:
            "SELECT \(Self.eventColumns) FROM cunshi_events WHERE stream_id = ? AND version <= ? ORDER BY version DESC LIMIT ?"
        }
        return try await fetchEvents(sql, [stream.rawValue, version, limit])
    }

    /// The number of events in the log (for progress displays: a rebuild's total).
    public func eventCount() async throws -> Int64 {
        do {
            return try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT count(*) FROM cunshi_events") ?? 0 }
        } catch {
            throw SQLiteErrors.translate(error)
        }
    }

    public func streamVersion(_ stream: StreamID) async throws -> Int64 {
        do {
            return try await pool.read { db in
                try Int64.fetchOne(
                    db, sql: "SELECT coalesce(max(version), 0) FROM cunshi_events WHERE stream_id = ?",
                    arguments: [stream.rawValue]) ?? 0
            }
        } catch {
            throw SQLiteErrors.translate(error)
        }
    }

    /// Reads in position order after `cursor.position`. Appends are serialized and each is one transaction, so
    /// positions commit in order and a reader sees an append whole or not at all: it never skips an event.
    public func readLog(after cursor: LogCursor, filter: LogFilter, limit: Int) async throws -> LogPage {
        var sql = "SELECT \(Self.eventColumns) FROM cunshi_events WHERE position > ?"
        var arguments: [any DatabaseValueConvertible & Sendable] = [cursor.position]
        if let categories = filter.categories {
            sql += " AND category IN (\(Self.placeholders(categories.count)))"
            arguments += categories
        }
        if let types = filter.eventTypes {
            sql += " AND event_type IN (\(Self.placeholders(types.count)))"
            arguments += types
        }
        if let county = filter.county {
            sql += " AND county = ?"
            arguments.append(county)
        }
        sql += " ORDER BY position LIMIT ?"
        arguments.append(max(0, min(limit, LogPage.maxEvents)))
        let events = try await fetchEvents(sql, arguments)
        return LogPage(events: events, next: events.last?.cursor ?? cursor)
    }

    /// `?, ?, ?` for `count` values; `NULL` for none, so that `x IN (NULL)` matches nothing, as an empty list must.
    private static func placeholders(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// The events `sql` (selecting ``eventColumns``) finds, in its order.
    package func fetchEvents(_ sql: String, _ arguments: [any DatabaseValueConvertible & Sendable]) async throws -> [RecordedEvent] {
        do {
            return try await pool.read { db in
                let statement = try db.cachedStatement(sql: sql)
                let rows = try Row.fetchCursor(statement, arguments: StatementArguments(arguments))
                var events: [RecordedEvent] = []
                while let row = try rows.next() {
                    events.append(try SQLiteRows.decodeEvent(row))
                }
                return events
            }
        } catch {
            throw SQLiteErrors.translate(error)
        }
    }
}

enum SQLiteRows {
    /// Decodes a row of ``SQLiteEventStore/eventColumns``; a row that does not decode is
    /// ``EventLogError/unavailable(_:)`` (the file was changed behind the store's back). The metadata is handed on
    /// as the stored JSON, decoded only when a reader asks (``EventLog/RecordedEvent/metadata``), as the PostgreSQL
    /// store does: the seven projections of a kiosk read every event, and most never look at its metadata.
    static func decodeEvent(_ row: Row) throws -> RecordedEvent {
        do {
            let position: Int64 = try row.decode(atIndex: 0)
            let stream: String = try row.decode(atIndex: 1)
            let id: String = try row.decode(atIndex: 3)
            let payload: String = try row.decode(atIndex: 6)
            let metadata: String = try row.decode(atIndex: 7)
            let recordedAt: String = try row.decode(atIndex: 8)
            guard let uuid = UUIDText.parse(id), let date = parseDate(recordedAt) else {
                throw EventLogError.unavailable("unreadable event row at position \(position)")
            }
            return RecordedEvent(
                id: uuid,
                streamID: try StreamID(stream),
                version: try row.decode(atIndex: 2),
                position: position,
                cursor: LogCursor(commitOrder: UInt64(max(0, position)), position: position),
                type: try row.decode(atIndex: 4),
                schemaVersion: try row.decode(atIndex: 5),
                payload: Data(payload.utf8),
                metadataJSON: Data(metadata.utf8),
                recordedAt: date)
        } catch let error as EventLogError {
            if case .unavailable = error { throw error }
            throw EventLogError.unavailable("unreadable event row: \(error)")
        } catch {
            throw EventLogError.unavailable("unreadable event row: \(error)")
        }
    }

    /// `recorded_at` as stored: ISO 8601 in UTC with milliseconds, so text order is time order.
    static func formatDate(_ date: Date) -> String {
        UTCTimestamp.format(date)
    }

    static func parseDate(_ text: String) -> Date? {
        UTCTimestamp.parseISO8601(text)
    }
}
