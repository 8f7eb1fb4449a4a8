import EventLog
import Foundation
import Logging
import PostgresNIO

extension PostgresEventStore {
    public func append(_ request: AppendRequest) async throws -> AppendResult {
        try await appendAtomically([request])[0]
    }

    /// Validates, then commits through the group committer: concurrent appends share one transaction, each still
    /// atomic and independent of the others.
    public func appendAtomically(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        try requests.validateAtomicBatch()
        let results = try await committer.submit(requests)
        if !results.allSatisfy(\.wasDuplicate) {
            signal.signal()
            notifications.request()
        }
        return results
    }

}

/// Runs `cunshi_append` for the group committer.
struct PostgresAppender: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// Commits a group of independent atomic appends in one call of `cunshi_append`, with one result per member.
    /// A unique violation (a race with another writer) wrote nothing: each member is then tried again on its own.
    func commitGroup(_ group: [[AppendRequest]]) async -> [Result<[AppendResult], any Error>] {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await runAppendQuery(group)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                if group.count > 1 {
                    var results: [Result<[AppendResult], any Error>] = []
                    for member in group { results += await commitGroup([member]) }
                    return results
                }
                if attempt >= 20 { return [.failure(PostgresErrors.translate(error))] }
            } catch {
                return Array(repeating: .failure(PostgresErrors.translate(error)), count: group.count)
            }
        }
    }

    private func runAppendQuery(_ group: [[AppendRequest]]) async throws -> [Result<[AppendResult], any Error>] {
        let rows = try await client.query(Self.appendQuery(group), logger: logger)
        var written: [UUID: AppendRow] = [:]
        var refusals: [Int: RefusalRow] = [:]
        let columns = (Int32?, String, UUID?, Int32?, Int64?, Int64?, String?).self
        for try await (request, status, eventID, stream, version, position, txid) in rows.decode(columns) {
            switch status {
            case "appended", "duplicate":
                guard let eventID, let version, let position, let txid, let order = UInt64(txid) else { continue }
                written[eventID] = AppendRow(
                    version: version, position: position, duplicate: status == "duplicate",
                    cursor: LogCursor(commitOrder: order, position: position))
            default:
                guard let request else { continue }
                refusals[Int(request)] = RefusalRow(status: status, eventID: eventID, stream: stream.map(Int.init), actual: version)
            }
        }
        var streamOffset = 0
        return group.enumerated().map { index, requests in
            defer { streamOffset += requests.count }
            if let refusal = refusals[index + 1] {
                return .failure(refusal.error(requests: requests, streamOffset: streamOffset))
            }
            do {
                return .success(try requests.map { request in
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
                })
            } catch {
                return .failure(error)
            }
        }
    }

    /// The call of `cunshi_append` for a group of atomic appends (see `Schema/postgres/0002_append_function.sql`).
    static func appendQuery(_ group: [[AppendRequest]]) -> PostgresQuery {
        var streamRequests: [Int32] = [], streams: [String] = [], categories: [String] = [], expected: [Int64] = []
        var eventStreams: [Int32] = [], ids: [UUID] = [], types: [String] = [], schemas: [Int32] = []
        var payloads: [String] = [], metadata: [String] = [], counties: [String] = []
        for (member, requests) in group.enumerated() {
            for request in requests {
                streamRequests.append(Int32(member + 1))
                streams.append(request.streamID.rawValue)
                categories.append(request.streamID.category)
                expected.append(request.expected.encodedForSQL)
                for event in request.events {
                    eventStreams.append(Int32(streams.count))
                    ids.append(event.id)
                    types.append(event.type)
                    schemas.append(Int32(event.schemaVersion))
                    payloads.append(String(decoding: event.payload, as: UTF8.self))
                    metadata.append(String(decoding: EventLogJSON.encode(event.metadata), as: UTF8.self))
                    counties.append(event.metadata.county ?? "")
                }
            }
        }
        return """
            SELECT out_request, out_status, out_event_id, out_stream, out_version, out_position, out_txid::text
            FROM cunshi_append(\(streamRequests), \(streams), \(categories), \(expected), \(eventStreams), \(ids),
              \(types), \(schemas), \(payloads)::jsonb[], \(metadata)::jsonb[], \(counties))
            """
    }
}

struct AppendRow {
    var version: Int64
    var position: Int64
    var duplicate: Bool
    var cursor: LogCursor
}

struct RefusalRow {
    var status: String
    var eventID: UUID?
    var stream: Int?
    var actual: Int64?

    func error(requests: [AppendRequest], streamOffset: Int) -> EventLogError {
        if status == "conflict", let stream, let actual, requests.indices.contains(stream - 1 - streamOffset) {
            let request = requests[stream - 1 - streamOffset]
            return .wrongExpectedVersion(stream: request.streamID, expected: request.expected, actual: actual)
        }
        if status == "mismatch", let eventID {
            return .duplicateEventID(eventID.uuidString.lowercased(), reason: "with other content or in another batch")
        }
        return .unavailable("unexpected append result '\(status)'")
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
