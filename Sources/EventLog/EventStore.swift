/// The event log: an append-only sequence of streams of events, implemented by the hub's PostgreSQL store and the
/// kiosk's SQLite store. Both pass the same contract suite.
///
/// Guarantees every implementation keeps:
/// - An append is atomic: all of its events are written, or none. A refused append wrote nothing.
/// - Event ids are unique in the log. Re-appending events whose ids are already in the log with the same stream,
///   type, schema version and payload writes nothing and returns the original positions; the same id with other
///   content is ``EventLogError/duplicateEventID(_:reason:)``.
/// - Readers of the whole log never skip a committed event: ``readLog(after:filter:limit:)`` returns only events
///   whose place in the order is final, so a cursor never moves past an event that commits later.
public protocol EventStore: Sendable {
    /// Appends events to one stream, checking its version. See ``AppendRequest`` and ``ExpectedVersion``.
    func append(_ request: AppendRequest) async throws -> AppendResult

    /// Appends to several streams in one transaction: every stream's expectation holds and all events are written,
    /// or nothing is. Results are in the order of `requests`.
    func appendAtomically(_ requests: [AppendRequest]) async throws -> [AppendResult]

    /// Reads up to `limit` events of one stream, forwards from version `from` (inclusive) or backwards from it.
    /// Backwards from `Int64.max` reads the newest events first.
    func readStream(_ stream: StreamID, from version: Int64, direction: ReadDirection, limit: Int) async throws
        -> [RecordedEvent]

    /// The stream's current version: 0 when it has no events.
    func streamVersion(_ stream: StreamID) async throws -> Int64

    /// Reads up to `limit` (at most ``LogPage/maxEvents``) events of the whole log after `cursor`, in the log's
    /// order, that pass `filter`.
    func readLog(after cursor: LogCursor, filter: LogFilter, limit: Int) async throws -> LogPage

    /// Returns when events may have been appended since the call began, or after `timeout`, whichever is first.
    /// Subscriptions use it as a wake-up hint and read again; it never replaces reading.
    func waitForAppends(timeout: Duration) async
}

/// The direction of a stream read.
public enum ReadDirection: Sendable, Hashable {
    case forwards
    case backwards
}

extension EventStore {
    /// Appends `events` to `stream`. See ``append(_:)``.
    public func append(_ events: [NewEvent], to stream: StreamID, expected: ExpectedVersion) async throws -> AppendResult {
        try await append(AppendRequest(streamID: stream, expected: expected, events: events))
    }

    /// Reads a whole stream forwards.
    public func readStream(_ stream: StreamID) async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        var next: Int64 = 1
        while true {
            let page = try await readStream(stream, from: next, direction: .forwards, limit: 1000)
            events += page
            guard page.count == 1000, let last = page.last else { return events }
            next = last.version + 1
        }
    }
}
