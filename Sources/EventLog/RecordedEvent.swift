import Foundation

/// An event as the log holds it.
public struct RecordedEvent: Sendable, Hashable {
    public var id: UUID
    public var streamID: StreamID
    /// The event's version within its stream, from 1.
    public var version: Int64
    /// The event's log position: unique, assigned at append, but not the reading order (see ``cursor``).
    public var position: Int64
    /// Where a reader that has seen this event resumes.
    public var cursor: LogCursor
    public var type: String
    public var schemaVersion: Int
    public var payload: Data
    public var metadata: EventMetadata
    /// The hub's time when the event was written.
    public var recordedAt: Date

    public init(
        id: UUID, streamID: StreamID, version: Int64, position: Int64, cursor: LogCursor, type: String,
        schemaVersion: Int, payload: Data, metadata: EventMetadata, recordedAt: Date
    ) {
        self.id = id
        self.streamID = streamID
        self.version = version
        self.position = position
        self.cursor = cursor
        self.type = type
        self.schemaVersion = schemaVersion
        self.payload = payload
        self.metadata = metadata
        self.recordedAt = recordedAt
    }
}

/// A page of the whole log, in the log's order.
public struct LogPage: Sendable {
    public var events: [RecordedEvent]
    /// Where the next read resumes: the last event's cursor, or the request's cursor when the page is empty.
    public var next: LogCursor

    public init(events: [RecordedEvent], next: LogCursor) {
        self.events = events
        self.next = next
    }
}
