import EventLog
import Foundation
import PostgresNIO

/// The append: one prepared statement that commits a group of independent appends, each atomic across its streams.
///
/// For every stream it reads the last version (an index probe), keeps the appends whose every stream satisfies its
/// expectation, and inserts their events in one `INSERT … SELECT FROM unnest(…)`. It returns one `appended` row per
/// written event and one `conflict` row per stream whose expectation failed (with the actual version). Idempotency is
/// resolved afterwards, only for appends that did not go through (see `PostgresAppender`). Two racing writers meet
/// on the unique indexes: the statement then fails with `unique_violation` and writes nothing.
struct AppendStatement: PostgresPreparedStatement {
    static let sql = """
        WITH s AS (
            SELECT u.s, u.sid, u.cat, u.exp, u.req, coalesce(m.version, 0) AS cur,
                   (u.exp = -1 OR (u.exp = -2 AND coalesce(m.version, 0) > 0)
                    OR (u.exp >= 0 AND coalesce(m.version, 0) = u.exp)) AS ok
            FROM unnest($1::int4[], $2::text[], $3::text[], $4::int8[]) WITH ORDINALITY AS u(req, sid, cat, exp, s)
            LEFT JOIN LATERAL (SELECT e.version FROM cunshi_events e WHERE e.stream_id = u.sid
                               ORDER BY e.version DESC LIMIT 1) m ON true
        ), refused AS (
            SELECT DISTINCT req FROM s WHERE NOT ok
        ), ins AS (
            INSERT INTO cunshi_events
                (stream_id, category, version, event_id, event_type, schema_version, payload, metadata, county)
            SELECT s.sid, s.cat, s.cur + row_number() OVER (PARTITION BY t.s ORDER BY t.ord),
                   t.id, t.typ, t.sv, t.pl, t.md, nullif(t.cty, '')
            FROM unnest($5::int8[], $6::uuid[], $7::text[], $8::int4[], $9::jsonb[], $10::jsonb[], $11::text[])
                 WITH ORDINALITY AS t(s, id, typ, sv, pl, md, cty, ord)
            JOIN s ON s.s = t.s
            WHERE s.req NOT IN (SELECT req FROM refused)
            ORDER BY t.ord
            RETURNING event_id, version, position, txid
        )
        SELECT 'appended'::text, event_id, NULL::int8, version, position, txid::text FROM ins
        UNION ALL
        SELECT 'conflict'::text, NULL::uuid, s.s, s.cur, NULL::int8, NULL::text FROM s WHERE NOT s.ok
        """

    typealias Row = (String, UUID?, Int64?, Int64?, Int64?, String?)

    static let bindingDataTypes: [PostgresDataType] = [
        .int4Array, .textArray, .textArray, .int8Array, .int8Array, .uuidArray, .textArray, .int4Array, .textArray,
        .textArray, .textArray,
    ]

    var streamRequests: [Int32] = [], streams: [String] = [], categories: [String] = [], expected: [Int64] = []
    var eventStreams: [Int64] = [], ids: [UUID] = [], types: [String] = [], schemas: [Int32] = []
    var payloads: [String] = [], metadata: [String] = [], counties: [String] = []

    /// The statement for `group`: member i's streams carry request number i + 1; streams are numbered from 1 in order.
    init(_ group: [[AppendRequest]]) {
        for (member, requests) in group.enumerated() {
            for request in requests {
                streamRequests.append(Int32(member + 1))
                streams.append(request.streamID.rawValue)
                categories.append(request.streamID.category)
                expected.append(request.expected.encodedForSQL)
                for event in request.events {
                    eventStreams.append(Int64(streams.count))
                    ids.append(event.id)
                    types.append(event.type)
                    schemas.append(Int32(event.schemaVersion))
                    payloads.append(String(decoding: event.payload, as: UTF8.self))
                    metadata.append(String(decoding: EventLogJSON.encode(event.metadata), as: UTF8.self))
                    counties.append(event.metadata.county ?? "")
                }
            }
        }
    }

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 11)
        bindings.append(streamRequests)
        bindings.append(streams)
        bindings.append(categories)
        bindings.append(expected)
        bindings.append(eventStreams)
        bindings.append(ids)
        bindings.append(types)
        bindings.append(schemas)
        bindings.append(payloads)
        bindings.append(metadata)
        bindings.append(counties)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}

/// Looks up which events of one append are already in the log, and whether they are the same events.
struct ExistingEventsStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT t.id, e.event_id IS NOT NULL,
               coalesce(e.stream_id = t.sid AND e.event_type = t.typ AND e.schema_version = t.sv AND e.payload = t.pl,
                        false),
               e.version, e.position, e.txid::text
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int4[], $5::jsonb[]) WITH ORDINALITY AS t(id, sid, typ, sv, pl, ord)
        LEFT JOIN cunshi_events e ON e.event_id = t.id
        ORDER BY t.ord
        """

    typealias Row = (UUID, Bool, Bool, Int64?, Int64?, String?)

    static let bindingDataTypes: [PostgresDataType] = [.uuidArray, .textArray, .textArray, .int4Array, .textArray]

    var ids: [UUID] = [], streams: [String] = [], types: [String] = [], schemas: [Int32] = [], payloads: [String] = []

    init(_ requests: [AppendRequest]) {
        for request in requests {
            for event in request.events {
                ids.append(event.id)
                streams.append(request.streamID.rawValue)
                types.append(event.type)
                schemas.append(Int32(event.schemaVersion))
                payloads.append(String(decoding: event.payload, as: UTF8.self))
            }
        }
    }

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 5)
        bindings.append(ids)
        bindings.append(streams)
        bindings.append(types)
        bindings.append(schemas)
        bindings.append(payloads)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
