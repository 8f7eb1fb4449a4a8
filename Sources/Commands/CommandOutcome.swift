import EventLog

/// What a handled command appended.
///
/// A command whose decision emitted no events (e.g. releasing a grant that is not held) succeeds with empty
/// ``results``. A repeated command (same `commandID`) returns the original positions, with every result's
/// `wasDuplicate` set.
public struct CommandOutcome: Sendable, Hashable {
    /// One result per stream written, target stream first, in the order of the append.
    public var results: [AppendResult]
    /// The streams of ``results``.
    public var streamIDs: [StreamID]
    /// The log positions of every appended event, in order.
    public var positions: [Int64]
    /// The greatest cursor of the append: a reader of the whole log that has passed it has seen every event.
    /// ``LogCursor/start`` when nothing was appended.
    public var lastCursor: LogCursor
    /// How many times the command was decided again after a concurrent write (0 when the first try landed).
    public var retries: Int
    /// The event types of every appended event, in the order of ``positions``.
    public var eventTypes: [String]

    public init(results: [AppendResult], retries: Int, eventTypes: [String]) {
        self.results = results
        self.streamIDs = results.map(\.streamID)
        self.positions = results.flatMap(\.positions)
        self.lastCursor = results.map(\.lastCursor).max() ?? .start
        self.retries = retries
        self.eventTypes = eventTypes
    }

    /// Whether every event had been appended before (an idempotent repeat).
    public var wasDuplicate: Bool { !results.isEmpty && results.allSatisfy(\.wasDuplicate) }
}
