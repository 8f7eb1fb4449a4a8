import Foundation
import JSONText

/// Events to append to one stream, with what the append expects of the stream's version.
public struct AppendRequest: Sendable, Hashable {
    public var streamID: StreamID
    public var expected: ExpectedVersion
    public var events: [NewEvent]

    /// The most events one append may carry.
    public static let maxEvents = 10_000

    public init(streamID: StreamID, expected: ExpectedVersion, events: [NewEvent]) {
        self.streamID = streamID
        self.expected = expected
        self.events = events
    }

    /// Throws the first rule this request breaks (empty, too many events, an invalid event).
    public func validate() throws(EventLogError) {
        if events.isEmpty { throw .emptyAppend }
        if events.count > Self.maxEvents { throw .tooManyEvents(count: events.count, limit: Self.maxEvents) }
        var ids = Set<UUID>()
        for event in events {
            try event.validate()
            if !ids.insert(event.id).inserted {
                throw .duplicateEventID(UUIDText.format(event.id), reason: "twice in the same append")
            }
        }
    }
}

/// What an append did to one stream.
public struct AppendResult: Sendable, Hashable {
    public var streamID: StreamID
    /// The log position of each event, in the order they were given.
    public var positions: [Int64]
    /// The stream's version after its last appended event.
    public var lastVersion: Int64
    /// `true` when every event had been appended before with the same content, and nothing new was written:
    /// ``positions`` are then the original ones.
    public var wasDuplicate: Bool
    /// The log cursor of the last event: once a reader of the whole log has passed it, it has seen every event of
    /// this append (read-after-write waits for it).
    public var lastCursor: LogCursor

    public init(streamID: StreamID, positions: [Int64], lastVersion: Int64, wasDuplicate: Bool, lastCursor: LogCursor) {
        self.streamID = streamID
        self.positions = positions
        self.lastVersion = lastVersion
        self.wasDuplicate = wasDuplicate
        self.lastCursor = lastCursor
    }
}

extension Array where Element == AppendRequest {
    /// Validates every request of an atomic multi-stream append, and that no stream appears twice.
    public func validateAtomicBatch() throws(EventLogError) {
        if isEmpty { throw .emptyAppend }
        var seen = Set<StreamID>()
        var ids = Set<UUID>()
        var total = 0
        for request in self {
            try request.validate()
            if !seen.insert(request.streamID).inserted { throw .repeatedStream(request.streamID) }
            for event in request.events where !ids.insert(event.id).inserted {
                throw .duplicateEventID(UUIDText.format(event.id), reason: "twice in the same append")
            }
            total += request.events.count
        }
        if total > AppendRequest.maxEvents { throw .tooManyEvents(count: total, limit: AppendRequest.maxEvents) }
    }
}
