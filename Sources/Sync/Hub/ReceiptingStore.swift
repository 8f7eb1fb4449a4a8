import EventLog
import struct Foundation.UUID
import Synchronization

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
    /// The target stream as the push read it, answered to the handler's first load instead of reading it again.
    let snapshot: StreamSnapshot?

    func append(_ request: AppendRequest) async throws -> AppendResult {
        try await appendAtomically([request])[0]
    }

    func appendAtomically(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        // Whatever the append's fate, a later read (a retry after a lost race) must see the stream as it is then.
        snapshot?.discard()
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
        if direction == .forwards, let events = snapshot?.events(of: stream) {
            return Array(events.drop { $0.version < version }.prefix(limit))
        }
        return try await base.readStream(stream, from: version, direction: direction, limit: limit)
    }

    func streamVersion(_ stream: StreamID) async throws -> Int64 { try await base.streamVersion(stream) }

    func readLog(after cursor: LogCursor, filter: LogFilter, limit: Int) async throws -> LogPage {
        try await base.readLog(after: cursor, filter: filter, limit: limit)
    }

    func waitForAppends(timeout: Duration) async { await base.waitForAppends(timeout: timeout) }
}


/// One stream's events as read at one moment, standing in for reads of it until an append is attempted. A command
/// decided against them appends with their version as its expectation, so a stream that moved meanwhile fails the
/// append, and the handler's retry reads the stream afresh (the snapshot is discarded by then).
final class StreamSnapshot: Sendable {
    private let stream: StreamID
    private let held: Mutex<[RecordedEvent]?>

    init(_ stream: StreamID, _ events: [RecordedEvent]) {
        self.stream = stream
        held = Mutex(events)
    }

    /// The events, when `stream` is this snapshot's and it has not been discarded.
    func events(of stream: StreamID) -> [RecordedEvent]? {
        stream == self.stream ? held.withLock { $0 } : nil
    }

    /// The stream's version in the snapshot (0: no events); `nil` once discarded.
    var version: Int64? { held.withLock { $0.map { $0.last?.version ?? 0 } } }

    func discard() { held.withLock { $0 = nil } }
}
