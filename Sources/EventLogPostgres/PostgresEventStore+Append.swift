import EventLog
import Foundation
import PostgresNIO

extension PostgresEventStore {
    public func append(_ request: AppendRequest) async throws -> AppendResult {
        try await appendAtomically([request])[0]
    }

    public func appendAtomically(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        try requests.validateAtomicBatch()
        let query = Self.appendQuery(requests)
        // A unique violation means another append raced this one; calling again resolves it (see cunshi_append).
        var attempt = 0
        while true {
            attempt += 1
            do {
                let rows = try await client.query(query, logger: logger)
                var written: [UUID: (position: Int64, version: Int64, duplicate: Bool, cursor: LogCursor)] = [:]
                for try await (id, position, version, duplicate, txid) in rows.decode((UUID, Int64, Int64, Bool, String).self) {
                    written[id] = (position, version, duplicate, LogCursor(commitOrder: UInt64(txid) ?? 0, position: position))
                }
                let results = try requests.map { request in
                    let rows = try request.events.map { event in
                        guard let row = written[event.id] else {
                            throw EventLogError.unavailable("the append returned no row for event \(event.id)")
                        }
                        return row
                    }
                    return AppendResult(
                        streamID: request.streamID,
                        positions: rows.map(\.position),
                        lastVersion: rows.map(\.version).max() ?? 0,
                        wasDuplicate: rows.allSatisfy(\.duplicate),
                        lastCursor: rows.map(\.cursor).max() ?? .start)
                }
                if !results.allSatisfy(\.wasDuplicate) {
                    signal.signal()
                    notifications.request()
                }
                return results
            } catch let error as PSQLError {
                switch error.serverInfo?[.sqlState] {
                case "CS001":
                    throw Self.conflict(from: error, requests: requests)
                case "CS002":
                    throw EventLogError.duplicateEventID(
                        error.serverInfo?[.detail] ?? "?", reason: "with other content or in another batch")
                case "23505" where attempt < 20:
                    continue
                default:
                    throw PostgresErrors.translate(error)
                }
            }
        }
    }

    private static func conflict(from error: PSQLError, requests: [AppendRequest]) -> EventLogError {
        let detail = (error.serverInfo?[.detail] ?? "").split(separator: ":")
        guard detail.count == 2, let index = Int(detail[0]), let actual = Int64(detail[1]),
              requests.indices.contains(index - 1)
        else { return .unavailable("unreadable conflict detail: \(error.serverInfo?[.detail] ?? "none")") }
        let request = requests[index - 1]
        return .wrongExpectedVersion(stream: request.streamID, expected: request.expected, actual: actual)
    }

    static func appendQuery(_ requests: [AppendRequest]) -> PostgresQuery {
        var streams: [String] = [], categories: [String] = [], expected: [Int64] = []
        var eventStreams: [Int32] = [], ids: [UUID] = [], types: [String] = [], schemas: [Int32] = []
        var payloads: [String] = [], metadata: [String] = [], counties: [String] = []
        for (index, request) in requests.enumerated() {
            streams.append(request.streamID.rawValue)
            categories.append(request.streamID.category)
            expected.append(request.expected.encodedForSQL)
            for event in request.events {
                eventStreams.append(Int32(index + 1))
                ids.append(event.id)
                types.append(event.type)
                schemas.append(Int32(event.schemaVersion))
                payloads.append(String(decoding: event.payload, as: UTF8.self))
                metadata.append(String(decoding: EventLogJSON.encode(event.metadata), as: UTF8.self))
                counties.append(event.metadata.county ?? "")
            }
        }
        return """
            SELECT out_event_id, out_position, out_version, out_duplicate, out_txid::text FROM cunshi_append(
              \(streams), \(categories), \(expected), \(eventStreams), \(ids), \(types), \(schemas),
              \(payloads)::jsonb[], \(metadata)::jsonb[], \(counties))
            """
    }
}

extension ExpectedVersion {
    /// The encoding `cunshi_append` reads: -1 any, -2 stream exists, otherwise the exact version (0: no stream).
    var encodedForSQL: Int64 {
        switch self {
        case .any: -1
        case .streamExists: -2
        case .noStream: 0
        case .exact(let version): version
        }
    }
}
