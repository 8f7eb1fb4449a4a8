import Domain
import EventLog
import Foundation
import Projections

/// One event of a replayed stream: what happened, who did it, from which kiosk, when the hub recorded it, and where
/// it is in the log.
public struct ReplayedEvent: Sendable, Hashable, Encodable {
    public var version: Int64
    public var position: Int64
    public var cursor: String
    public var eventID: UUID
    public var type: String
    /// `role:id` of who issued the command.
    public var actor: String?
    /// The kiosk that recorded it offline, if any.
    public var deviceID: String?
    public var recordedAt: Date
    /// The kiosk's wall clock when it recorded the event (may be wrong by days).
    public var deviceTime: Date?
    public var summary: String
    /// The payload as stored.
    public var payload: JSONValue?
}

/// A stream's history up to a point, and its state then — what `cunshi replay` prints.
public struct ReplayReport: Sendable, Encodable {
    public var streamID: String
    public var point: ReplayPoint
    /// The events at or before the point, in stream order.
    public var events: [ReplayedEvent]
    /// How many of the stream's events come after the point.
    public var laterEvents: Int
    /// For an archive item's stream (`item-<id>`): the item as it was at the point (status `nonexistent` before its
    /// first event), folded with the domain's `ArchiveItem.evolve`.
    public var item: ItemSnapshot?
    /// Why the state could not be folded (an event that cannot be read), if so.
    public var stateError: String?

    private enum CodingKeys: String, CodingKey { case streamID, point, events, laterEvents, item, stateError }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(streamID, forKey: .streamID)
        try container.encode(point.description, forKey: .point)
        try container.encode(events, forKey: .events)
        try container.encode(laterEvents, forKey: .laterEvents)
        try container.encodeIfPresent(item, forKey: .item)
        try container.encodeIfPresent(stateError, forKey: .stateError)
    }
}

/// Replays a stream of the log (`cunshi replay`): reads it whole, keeps the events up to a point, and for an
/// archive item folds its state from those events (``Projections/ItemAsOf/init(folding:)``, as
/// ``ReadModels/itemAsOf(_:position:)`` and `time:` do).
public enum StreamReplay {
    /// Reads `--stream`: a stream id as the log spells it (`item-kp-001`, `tour-…`, `village-…`).
    public static func streamID(_ text: String) throws(OperationsError) -> StreamID {
        do {
            return try StreamID(text.trimmingCharacters(in: .whitespaces))
        } catch {
            throw .badArgument(option: "--stream", message: "'\(text)' is not a stream id: \(error)")
        }
    }

    /// The report of `stream` up to `point`. Throws ``OperationsError/emptyStream(_:)`` when the stream has no
    /// events at all.
    public static func replay(
        _ stream: StreamID, until point: ReplayPoint, store: any EventStore
    ) async throws -> ReplayReport {
        let all = try await store.readStream(stream)
        guard !all.isEmpty else { throw OperationsError.emptyStream(stream.rawValue) }
        let included = all.filter(point.includes)
        var report = ReplayReport(
            streamID: stream.rawValue, point: point, events: included.map(replayed), laterEvents: all.count - included.count)
        if itemID(of: stream) != nil {
            do {
                report.item = ItemSnapshot(try ItemAsOf(folding: included).state)
            } catch {
                report.stateError = "\(error)"
            }
        }
        return report
    }

    /// The item id of an archive item's stream (`item-<id>`).
    public static func itemID(of stream: StreamID) -> ItemID? {
        let prefix = ArchiveItem.streamID(for: "")
        guard stream.rawValue.hasPrefix(prefix), stream.rawValue.count > prefix.count else { return nil }
        return String(stream.rawValue.dropFirst(prefix.count))
    }

    static func replayed(_ event: RecordedEvent) -> ReplayedEvent {
        let metadata = event.metadata
        return ReplayedEvent(
            version: event.version, position: event.position, cursor: event.cursor.token, eventID: event.id,
            type: event.type, actor: metadata.actor?.description, deviceID: metadata.deviceID,
            recordedAt: event.recordedAt, deviceTime: metadata.deviceTime, summary: EventSummary.text(event),
            payload: try? JSONDecoder().decode(JSONValue.self, from: event.payload))
    }
}

extension ReplayReport {
    /// The report as JSON (times ISO 8601 UTC; payloads as stored).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
