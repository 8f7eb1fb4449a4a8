import Domain
import EventLog
import Foundation
import JSONText

/// **Item history**: every event of every archive item — what, who (actor), from where (kiosk device), when
/// (hub time) and at which log position. Table `rm_item_history`, one row per event (key: the event id).
/// The item *as of* a moment is folded from the log itself (see ``ReadModels/itemAsOf(_:position:)``).
public struct ItemHistoryProjection: Projection {
    public let name = "item-history"
    public var tables: [ReadModelTable] { [ReadModelTables.itemHistory] }
    public var eventTypes: Set<String>? { Set(ArchiveItem.Event.eventTypes) }

    public init() {}

    public func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        guard case .item(let itemEvent) = try changes.domainEvent(event) else { return }
        let entry = ItemHistoryEntry(event, itemEvent)
        changes.put(ReadModelTables.itemHistory, ReadModelRow(key: UUIDText.format(event.id), [
            "item_id": .text(entry.itemID), "position": .integer(event.position), "version": .integer(event.version),
            "event_type": .text(event.type), "actor": entry.actor.map(SQLValue.text) ?? .null,
            "device_id": entry.deviceID.map(SQLValue.text) ?? .null,
            "recorded_at_ms": .integer(CheckpointRecord.milliseconds(event.recordedAt)),
            "doc": .text(entry.json()),
        ]))
    }

    /// One line saying what the event did to the item (history rows, `cunshi replay`).
    public static func summary(_ event: ArchiveItem.Event) -> String {
        switch event {
        case .registered(let e): "registered: \(e.description.title.preferred()?.1 ?? e.itemID)"
        case .contributed(let e): "contributed from kiosk \(e.deviceID)"
        case .descriptionRevised(let e): "description revised: \(e.description.title.preferred()?.1 ?? "")"
        case .mediaAttached(let e): "media attached: \(e.media.mimeType) \(e.media.mediaID)"
        case .provenanceRecorded(let e): "provenance: \(e.entry.agent)"
        case .rightsAssigned(let e): "rights: \(e.rights.uri)"
        case .consentRecorded(let e): "consent of \(e.consent.subject): \(e.consent.scopes.map(\.rawValue).sorted().joined(separator: ", "))"
        case .submittedForReview(let e): "submitted for review by \(e.submittedBy)"
        case .published(let e): "published by \(e.publishedBy)"
        case .withdrawn(let e): "withdrawn: \(e.reason)"
        }
    }
}

/// One event in an item's history.
public struct ItemHistoryEntry: Sendable, Hashable, Codable {
    public var eventID: UUID
    public var itemID: ItemID
    public var streamID: String
    public var version: Int64
    public var position: Int64
    /// The event's log cursor token (read-after-write and time travel accept it).
    public var cursor: String
    public var eventType: String
    /// `role:id` of who issued the command.
    public var actor: String?
    /// The kiosk that recorded it offline, if any.
    public var deviceID: String?
    public var recordedAt: Date
    /// The kiosk's wall clock when recorded (may be wrong by days).
    public var deviceTime: Date?
    public var summary: String
}

extension ItemHistoryEntry {
    /// The entry of `event`, read from the log as `itemEvent`.
    init(_ event: RecordedEvent, _ itemEvent: ArchiveItem.Event) {
        let metadata = event.metadata  // decoded on each access: read it once
        self.init(
            eventID: event.id, itemID: itemEvent.itemID, streamID: event.streamID.rawValue, version: event.version,
            position: event.position, cursor: event.cursor.token, eventType: event.type,
            actor: metadata.actor.map { "\($0.role):\($0.id)" }, deviceID: metadata.deviceID,
            recordedAt: event.recordedAt, deviceTime: metadata.deviceTime,
            summary: ItemHistoryProjection.summary(itemEvent))
    }
}

extension ItemHistoryEntry {
    /// The entry's JSON, written by hand: the same bytes as `ReadModelJSON.encode(self)` (see ``JSONWriter``), one
    /// per archive item event. Keep it in step with the fields above (`ItemSnapshotJSONTests` compares both).
    func json() -> String {
        var out = JSONWriter(capacity: 512)
        out.openObject()
        out.field("actor", actor)
        out.key("cursor"); out.string(cursor)
        out.field("deviceID", deviceID)
        out.field("deviceTime", date: deviceTime)
        out.key("eventID"); out.string(UUIDText.format(eventID, uppercase: true))
        out.key("eventType"); out.string(eventType)
        out.key("itemID"); out.string(itemID)
        out.key("position"); out.integer(position)
        out.key("recordedAt"); out.date(recordedAt)
        out.key("streamID"); out.string(streamID)
        out.key("summary"); out.string(summary)
        out.key("version"); out.integer(version)
        out.closeObject()
        return out.text
    }
}
