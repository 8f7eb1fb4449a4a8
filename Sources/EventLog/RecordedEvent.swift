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
    /// The metadata as the store holds it (JSON). Decoded on access by ``metadata``, so readers that only need
    /// ids and payloads — a catch-up of millions of events — do not pay for decoding it.
    public var metadataJSON: Data
    /// The hub's time when the event was written.
    public var recordedAt: Date

    /// The decoded metadata. Stores write it with ``EventLogJSON`` and the log is immutable, so it always decodes;
    /// should the stored bytes ever be unreadable, this is empty metadata (``decodedMetadata()`` throws instead).
    public var metadata: EventMetadata {
        (try? decodedMetadata()) ?? EventMetadata()
    }

    public func decodedMetadata() throws -> EventMetadata {
        try EventLogJSON.decodeMetadata(metadataJSON)
    }

    public init(
        id: UUID, streamID: StreamID, version: Int64, position: Int64, cursor: LogCursor, type: String,
        schemaVersion: Int, payload: Data, metadata: EventMetadata, recordedAt: Date
    ) {
        self.init(
            id: id, streamID: streamID, version: version, position: position, cursor: cursor, type: type,
            schemaVersion: schemaVersion, payload: payload, metadataJSON: EventLogJSON.encode(metadata),
            recordedAt: recordedAt)
    }

    public init(
        id: UUID, streamID: StreamID, version: Int64, position: Int64, cursor: LogCursor, type: String,
        schemaVersion: Int, payload: Data, metadataJSON: Data, recordedAt: Date
    ) {
        self.id = id
        self.streamID = streamID
        self.version = version
        self.position = position
        self.cursor = cursor
        self.type = type
        self.schemaVersion = schemaVersion
        self.payload = payload
        self.metadataJSON = metadataJSON
        self.recordedAt = recordedAt
    }
}

/// A page of the whole log, in the log's order.
public struct LogPage: Sendable {
    /// The most events one read returns (``EventStore/readLog(after:filter:limit:)`` and `readStream`): every store
    /// caps `limit` at this.
    public static let maxEvents = 10_000

    public var events: [RecordedEvent]
    /// Where the next read resumes: the last event's cursor, or the request's cursor when the page is empty.
    public var next: LogCursor

    public init(events: [RecordedEvent], next: LogCursor) {
        self.events = events
        self.next = next
    }
}
