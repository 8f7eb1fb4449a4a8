import EventLog
import Foundation
import Logging
import PostgresNIO

extension PostgresEventStore {
    static let eventColumns = """
        position, txid::text AS commit_order, stream_id, version, event_id, event_type, schema_version, payload::text,
        metadata::text, recorded_at
        """

    public func readStream(_ stream: StreamID, from version: Int64, direction: ReadDirection, limit: Int) async throws
        -> [RecordedEvent]
    {
        let limit = Int64(max(0, min(limit, LogPage.maxEvents)))
        let query: PostgresQuery = switch direction {
        case .forwards:
            "SELECT \(unescaped: Self.eventColumns) FROM cunshi_events WHERE stream_id = \(stream.rawValue) AND version >= \(version) ORDER BY version LIMIT \(limit)"
        case .backwards:
            "SELECT \(unescaped: Self.eventColumns) FROM cunshi_events WHERE stream_id = \(stream.rawValue) AND version <= \(version) ORDER BY version DESC LIMIT \(limit)"
        }
        return try await fetchEvents(query)
    }

    /// The number of events in the log (for progress displays: a rebuild's total). Counts the table: at 10^6
    /// events this takes tens of milliseconds, so call it now and then, not per event.
    public func eventCount() async throws -> Int64 {
        do {
            let rows = try await client.query("SELECT count(*) FROM cunshi_events", logger: logger)
            for try await count in rows.decode(Int64.self) { return count }
            return 0
        } catch {
            throw PostgresErrors.translate(error)
        }
    }

    public func streamVersion(_ stream: StreamID) async throws -> Int64 {
        do {
            return try await PostgresErrors.withDeadline(options.requestTimeout, "a stream version read") {
                [client, logger] in
                let rows = try await client.query(
                    "SELECT coalesce(max(version), 0) FROM cunshi_events WHERE stream_id = \(stream.rawValue)",
                    logger: logger)
                for try await version in rows.decode(Int64.self) { return version }
                return 0
            }
        } catch {
            throw PostgresErrors.translate(error)
        }
    }

    /// Reads in (txid, position) order, only below the oldest running transaction: an append still open holds
    /// readers back until it commits or aborts, so no reader ever moves past it.
    public func readLog(after cursor: LogCursor, filter: LogFilter, limit: Int) async throws -> LogPage {
        let events = try await fetchEvents(Self.logQuery(after: cursor, filter: filter, limit: limit), inLogOrder: true)
        return LogPage(events: events, next: events.last?.cursor ?? cursor)
    }

    /// The statement of ``readLog(after:filter:limit:)``, to run under ``withLogOrderPlanning(_:logger:_:)``.
    package static func logQuery(after cursor: LogCursor, filter: LogFilter, limit: Int) -> PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(String(cursor.commitOrder))
        bindings.append(cursor.position)
        var sql = """
            SELECT \(eventColumns) FROM cunshi_events
            WHERE (txid, position) > ($1::xid8, $2) AND txid < pg_snapshot_xmin(pg_current_snapshot())
            """
        if let categories = filter.categories {
            bindings.append(categories)
            sql += " AND category = ANY($\(bindings.count))"
        }
        if let types = filter.eventTypes {
            bindings.append(types)
            sql += " AND event_type = ANY($\(bindings.count))"
        }
        if let county = filter.county {
            bindings.append(county)
            sql += " AND county = $\(bindings.count)"
        }
        bindings.append(Int64(max(0, min(limit, LogPage.maxEvents))))
        sql += " ORDER BY txid, position LIMIT $\(bindings.count)"
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// Runs a read and decodes its rows, all under the request deadline; `inLogOrder` reads go through
    /// ``withLogOrderPlanning(_:)``.
    func fetchEvents(_ query: PostgresQuery, inLogOrder: Bool = false) async throws -> [RecordedEvent] {
        do {
            return try await PostgresErrors.withDeadline(options.requestTimeout, "a read") { [client, logger] in
                func fetch(_ connection: PostgresConnection) async throws -> [RecordedEvent] {
                    var events: [RecordedEvent] = []
                    for try await row in try await connection.query(query, logger: logger) {
                        events.append(try Self.decodeEvent(row))
                    }
                    return events
                }
                return try await client.withConnection { connection in
                    inLogOrder ? try await Self.withLogOrderPlanning(connection, logger: logger, fetch) : try await fetch(connection)
                }
            }
        } catch {
            throw PostgresErrors.translate(error)
        }
    }

    /// Runs `body` on `connection` in a transaction whose statements are planned without a sort
    /// (`SET LOCAL enable_sort = off`), so that a page of the log in `(txid, position)` order is read by walking an
    /// index in that order, stopping at the page's end, whatever the table's statistics say.
    ///
    /// Without this, a table whose statistics miss the rows read — freshly loaded, or a county whose events all came
    /// after the last `ANALYZE` (on a large log, autovacuum analyzes again only after 10 % of it changed) — is thought
    /// to hold a handful of matching rows, and each page is planned as "fetch every matching row after the cursor, then
    /// sort them": a new kiosk's initial sync of a 100,000-event county read and sorted the county's remaining events
    /// once per 10,000-event page (~350 ms a page, against ~25 ms by the index). The transaction is read-only and ends
    /// here: committed, or rolled back on failure — and a connection that cannot roll back is closed, never handed back
    /// to the pool inside a transaction.
    package static func withLogOrderPlanning<T>(
        _ connection: PostgresConnection, logger: Logger, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        func run(_ statement: PostgresQuery) async throws {
            for try await _ in try await connection.query(statement, logger: logger) {}
        }
        try await run("BEGIN READ ONLY")
        do {
            try await run("SET LOCAL enable_sort = off")
            let result = try await body(connection)
            try await run("COMMIT")
            return result
        } catch {
            do {
                try await run("ROLLBACK")
            } catch {
                try? await connection.close()
            }
            throw error
        }
    }

    /// A row of ``eventColumns`` as an event. Cell by cell with concrete types (the generic tuple decode cost more
    /// than the rest of reading a row); the JSON texts are copied straight into `Data`, without a `String` between.
    static func decodeEvent(_ row: PostgresRow) throws -> RecordedEvent {
        var cells = row.makeIterator()
        func cell() throws -> PostgresCell {
            guard let cell = cells.next() else { throw EventLogError.unavailable("a log row has too few columns") }
            return cell
        }
        func text(_ cell: PostgresCell) throws -> Data {
            guard let bytes = cell.bytes else { throw EventLogError.unavailable("column \(cell.columnName) is null") }
            return Data(bytes.readableBytesView)
        }
        let position = try cell().decode(Int64.self)
        let txid = try cell().decode(String.self)
        let stream = try cell().decode(String.self)
        let version = try cell().decode(Int64.self)
        let id = try cell().decode(UUID.self)
        let type = try cell().decode(String.self)
        let schema = try cell().decode(Int32.self)
        let payload = try text(try cell())
        let metadata = try text(try cell())
        let recordedAt = try cell().decode(Date.self)
        guard let commitOrder = UInt64(txid) else {
            throw EventLogError.unavailable("unreadable transaction id \(txid)")
        }
        return RecordedEvent(
            id: id,
            streamID: StreamID(stored: stream),
            version: version,
            position: position,
            cursor: LogCursor(commitOrder: commitOrder, position: position),
            type: type,
            schemaVersion: Int(schema),
            payload: payload,
            metadataJSON: metadata,
            recordedAt: recordedAt)
    }
}
