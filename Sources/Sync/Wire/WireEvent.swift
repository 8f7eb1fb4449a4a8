import EventLog
import Foundation

/// One event on the wire. Pulled events carry the hub's `recordedAt`; pushed events (a kiosk's local record of what its
/// command produced, kept in conflict records) do not. `position` and `cursor` (the event's place in the hub's log)
/// are optional and this hub no longer sends them; a kiosk ignores them.
///
/// `payload` and `metadata` are the JSON texts exactly as the log stores them, so an event crosses the wire and lands
/// in the kiosk's log byte for byte.
public struct WireEvent: Codable, Sendable, Hashable {
    public var id: UUID
    public var stream: String
    public var version: Int64
    public var position: Int64?
    public var cursor: String?
    public var type: String
    public var schemaVersion: Int
    public var payload: String
    public var metadata: String
    /// The hub's commit time, milliseconds since 1970.
    public var recordedAt: Int64?

    public init(
        id: UUID, stream: String, version: Int64, position: Int64? = nil, cursor: String? = nil, type: String,
        schemaVersion: Int, payload: String, metadata: String, recordedAt: Int64? = nil
    ) {
        self.id = id
        self.stream = stream
        self.version = version
        self.position = position
        self.cursor = cursor
        self.type = type
        self.schemaVersion = schemaVersion
        self.payload = payload
        self.metadata = metadata
        self.recordedAt = recordedAt
    }

    /// A recorded event of the hub's log, for a pull: without its hub position and cursor, which no kiosk reads (the
    /// batch's `next` is its cursor) and which, changing with every event, cost ~15 % of a pull's compressed bytes.
    public init(recorded event: RecordedEvent) {
        self.init(
            id: event.id, stream: event.streamID.rawValue, version: event.version, type: event.type,
            schemaVersion: event.schemaVersion, payload: String(decoding: event.payload, as: UTF8.self),
            metadata: String(decoding: event.metadataJSON, as: UTF8.self),
            recordedAt: Int64((event.recordedAt.timeIntervalSince1970 * 1000).rounded()))
    }

    /// A bound on this event's encoded size, for batching by bytes.
    public var approximateBytes: Int { payload.utf8.count + metadata.utf8.count + stream.utf8.count + type.utf8.count + 160 }

    public var recordedDate: Date? { recordedAt.map { Date(timeIntervalSince1970: Double($0) / 1000) } }
}
