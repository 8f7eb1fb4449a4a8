import EventLog

/// An ``EventStore`` that adds the hub's receipt of one kiosk entry to the append a ``Commands/CommandHandler`` makes,
/// so the events a kiosk command produces and the device's high-water mark commit in one transaction.
///
/// The receipt's outcome is `appended` when the handler decided against the version the kiosk saw, `rebased`
/// otherwise. A lost race on the receipt stream is `wrongExpectedVersion`, which the handler answers by reloading —
/// and then finding the command's events already in the log (answered as a duplicate).
struct ReceiptingStore: EventStore {
    let base: any EventStore
    let makeReceipt: @Sendable (_ outcome: PushOutcome, _ eventIDs: [UUID]) -> AppendRequest
    let decidedVersion: Int64
    /// Whether the hub's stream holds, up to ``decidedVersion``, only what the kiosk saw (its replica and its own entries).
    let basisIntact: Bool

    func append(_ request: AppendRequest) async throws -> AppendResult {
        try await appendAtomically([request])[0]
    }

    func appendAtomically(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        let decidedAgainst: Int64? = switch requests.first?.expected {
        case .noStream?: 0
        case .exact(let version)?: version
        default: nil
        }
        let outcome: PushOutcome = decidedAgainst == decidedVersion && basisIntact ? .appended : .rebased
        let receipt = makeReceipt(outcome, requests.flatMap { $0.events.map(\.id) })
        let results = try await base.appendAtomically(requests + [receipt])
        return Array(results.dropLast())
    }

    func readStream(_ stream: StreamID, from version: Int64, direction: ReadDirection, limit: Int) async throws -> [RecordedEvent] {
        try await base.readStream(stream, from: version, direction: direction, limit: limit)
    }

    func streamVersion(_ stream: StreamID) async throws -> Int64 { try await base.streamVersion(stream) }

    func readLog(after cursor: LogCursor, filter: LogFilter, limit: Int) async throws -> LogPage {
        try await base.readLog(after: cursor, filter: filter, limit: limit)
    }

    func waitForAppends(timeout: Duration) async { await base.waitForAppends(timeout: timeout) }
}

import struct Foundation.UUID
