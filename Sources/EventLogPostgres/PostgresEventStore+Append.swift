import EventLog
import Foundation
import JSONText
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

/// Commits groups of appends for the group committer, and resolves idempotency for the appends that did not go in.
/// Each round trip has the deadline `requestTimeout`; one that passes it fails the group's members with
/// ``EventLogError/unavailable(_:)``, their outcome unknown.
struct PostgresAppender: Sendable {
    let client: PostgresClient
    let logger: Logger
    let requestTimeout: Duration

    /// Commits a group of independent atomic appends with one statement, with one result per member.
    /// A unique violation (a race with another writer, or events already in the log) wrote nothing: each member is
    /// then tried again on its own, and a lone member that still collides is resolved by looking its ids up.
    func commitGroup(_ group: [[AppendRequest]]) async -> [Result<[AppendResult], any Error>] {
        do {
            let (written, conflicts) = try await insert(group)
            var results: [Result<[AppendResult], any Error>] = []
            var streamNumber = 0
            for requests in group {
                let numbers = (streamNumber + 1)...(streamNumber + requests.count)
                streamNumber += requests.count
                if let conflict = numbers.lazy.compactMap({ number in conflicts[number].map { (number, $0) } }).first {
                    let request = requests[conflict.0 - numbers.lowerBound]
                    let refusal = EventLogError.wrongExpectedVersion(
                        stream: request.streamID, expected: request.expected, actual: conflict.1)
                    results.append(await resolveRefused(requests, otherwise: refusal))
                } else {
                    results.append(Result { try Self.results(for: requests, from: written) })
                }
            }
            return results
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            if group.count > 1 {
                var results: [Result<[AppendResult], any Error>] = []
                for member in group { results += await commitGroup([member]) }
                return results
            }
            return [await resolveUniqueViolation(group[0])]
        } catch {
            return Array(repeating: .failure(PostgresErrors.translate(error)), count: group.count)
        }
    }

    /// Runs the append statement and returns only once its transaction has committed.
    ///
    /// The statement runs in an implicit transaction, which PostgreSQL commits at the `Sync` that follows it — after
    /// the rows and the `CommandComplete` have been sent. PostgresNIO ends the row sequence at `CommandComplete`, so
    /// the rows alone do not prove the commit: a backend terminated in between (a server restart) rolls back an
    /// append that looked written. A request on the same connection starts only after that `Sync`'s
    /// `ReadyForQuery`, so its answer confirms the commit; a connection lost before it leaves the outcome unknown
    /// (``EventLogError/unavailable(_:)``, safe to retry). The price is one more round trip per group commit that
    /// wrote something.
    private func insert(_ group: [[AppendRequest]]) async throws -> ([UUID: AppendRow], [Int: Int64]) {
        try await PostgresErrors.withDeadline(requestTimeout, "an append", writes: true) {
            [client, logger] in
            try await client.withConnection { connection in
                var written: [UUID: AppendRow] = [:]
                var conflicts: [Int: Int64] = [:]
                for try await (status, eventID, stream, version, position, txid) in try await connection.execute(
                    AppendStatement(group), logger: logger)
                {
                    if status == "appended", let eventID, let version, let position, let txid,
                       let order = UInt64(txid)
                    {
                        written[eventID] = AppendRow(
                            version: version, position: position, duplicate: false,
                            cursor: LogCursor(commitOrder: order, position: position))
                    } else if let stream, let version {
                        conflicts[Int(stream)] = version
                    }
                }
                if !written.isEmpty {
                    for try await _ in try await connection.query("SELECT 1", logger: logger) {}
                }
                return (written, conflicts)
            }
        }
    }

    /// An append whose expectation failed: a duplicate if its events are all in the log already (a retry, perhaps
    /// racing its original), `otherwise` when none of them is.
    private func resolveRefused(_ requests: [AppendRequest], otherwise refusal: EventLogError) async
        -> Result<[AppendResult], any Error>
    {
        do {
            return try await existing(requests) ?? .failure(refusal)
        } catch {
            return .failure(PostgresErrors.translate(error))
        }
    }

    /// A lone append that hit a unique index: its events are in the log already, or a racing writer took the
    /// versions it wanted, in which case it is tried again (and then appends, or meets its expectation's refusal).
    private func resolveUniqueViolation(_ requests: [AppendRequest]) async -> Result<[AppendResult], any Error> {
        for _ in 0..<20 {
            do {
                if let resolved = try await existing(requests) { return resolved }
                let (written, conflicts) = try await insert([requests])
                if let (number, actual) = conflicts.first {
                    let request = requests[number - 1]
                    let refusal = EventLogError.wrongExpectedVersion(
                        stream: request.streamID, expected: request.expected, actual: actual)
                    return try await existing(requests) ?? .failure(refusal)
                }
                return Result { try Self.results(for: requests, from: written) }
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                continue
            } catch {
                return .failure(PostgresErrors.translate(error))
            }
        }
        return .failure(EventLogError.unavailable("the append kept colliding with concurrent writers; retry it"))
    }

    /// `nil` when none of the events is in the log; the original results when all are, the same; otherwise
    /// ``EventLogError/duplicateEventID(_:reason:)``.
    private func existing(_ requests: [AppendRequest]) async throws -> Result<[AppendResult], any Error>? {
        let (rows, anyFound, firstDifferent) = try await PostgresErrors.withDeadline(
            requestTimeout, "an append's idempotency check", writes: true
        ) { [client, logger] in
            var rows: [UUID: AppendRow] = [:]
            var anyFound = false
            var firstDifferent: UUID?
            for try await (id, found, same, version, position, txid) in try await client.execute(
                ExistingEventsStatement(requests), logger: logger)
            {
                anyFound = anyFound || found
                if !same, firstDifferent == nil { firstDifferent = id }
                if same, let version, let position, let txid, let order = UInt64(txid) {
                    rows[id] = AppendRow(
                        version: version, position: position, duplicate: true,
                        cursor: LogCursor(commitOrder: order, position: position))
                }
            }
            return (rows, anyFound, firstDifferent)
        }
        guard anyFound else { return nil }
        if let firstDifferent {
            return .failure(EventLogError.duplicateEventID(
                UUIDText.format(firstDifferent), reason: "with other content or in another batch"))
        }
        return Result { try Self.results(for: requests, from: rows) }
    }

    static func results(for requests: [AppendRequest], from rows: [UUID: AppendRow]) throws -> [AppendResult] {
        try requests.map { request in
            let rows = try request.events.map { event in
                guard let row = rows[event.id] else {
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
    }

    /// The append statement for a group, as a plain query (tests run it inside a transaction they hold open).
    static func appendQuery(_ group: [[AppendRequest]]) throws -> PostgresQuery {
        PostgresQuery(unsafeSQL: AppendStatement.sql, binds: try AppendStatement(group).makeBindings())
    }
}

struct AppendRow {
    var version: Int64
    var position: Int64
    var duplicate: Bool
    var cursor: LogCursor
}

extension ExpectedVersion {
    /// The encoding the append statement reads: -1 any, -2 stream exists, otherwise the exact version (0: no stream).
    var encodedForSQL: Int64 {
        switch self {
        case .any: -1
        case .streamExists: -2
        case .noStream: 0
        case .exact(let version): version
        }
    }
}
