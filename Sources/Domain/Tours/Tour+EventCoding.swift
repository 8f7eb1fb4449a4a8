import Foundation

extension Tour.Event: DomainEventCoding {
    public enum EventType {
        public static let draftCreated = "tour.draft-created"
        public static let newDraftStarted = "tour.new-draft-started"
        public static let stopAdded = "tour.stop-added"
        public static let stopRemoved = "tour.stop-removed"
        public static let stopsReordered = "tour.stops-reordered"
        public static let stopScriptWritten = "tour.stop-script-written"
        public static let stopAudioAttached = "tour.stop-audio-attached"
        public static let stopLinkedToItem = "tour.stop-linked-to-item"
        public static let submitted = "tour.submitted"
        public static let approved = "tour.approved"
        public static let changesRequested = "tour.changes-requested"
        public static let versionPublished = "tour.version-published"
        public static let retired = "tour.retired"
    }

    public static let schemaVersion = 1
    public static let eventTypes = [
        EventType.draftCreated, EventType.newDraftStarted, EventType.stopAdded, EventType.stopRemoved,
        EventType.stopsReordered, EventType.stopScriptWritten, EventType.stopAudioAttached, EventType.stopLinkedToItem,
        EventType.submitted, EventType.approved, EventType.changesRequested, EventType.versionPublished,
        EventType.retired,
    ]

    public var eventType: String {
        switch self {
        case .draftCreated: EventType.draftCreated
        case .newDraftStarted: EventType.newDraftStarted
        case .stopAdded: EventType.stopAdded
        case .stopRemoved: EventType.stopRemoved
        case .stopsReordered: EventType.stopsReordered
        case .stopScriptWritten: EventType.stopScriptWritten
        case .stopAudioAttached: EventType.stopAudioAttached
        case .stopLinkedToItem: EventType.stopLinkedToItem
        case .submitted: EventType.submitted
        case .approved: EventType.approved
        case .changesRequested: EventType.changesRequested
        case .versionPublished: EventType.versionPublished
        case .retired: EventType.retired
        }
    }

    public func encodedPayload() throws -> Data {
        switch self {
        case .draftCreated(let p): try EventJSON.encode(p)
        case .newDraftStarted(let p): try EventJSON.encode(p)
        case .stopAdded(let p): try EventJSON.encode(p)
        case .stopRemoved(let p): try EventJSON.encode(p)
        case .stopsReordered(let p): try EventJSON.encode(p)
        case .stopScriptWritten(let p): try EventJSON.encode(p)
        case .stopAudioAttached(let p): try EventJSON.encode(p)
        case .stopLinkedToItem(let p): try EventJSON.encode(p)
        case .submitted(let p): try EventJSON.encode(p)
        case .approved(let p): try EventJSON.encode(p)
        case .changesRequested(let p): try EventJSON.encode(p)
        case .versionPublished(let p): try EventJSON.encode(p)
        case .retired(let p): try EventJSON.encode(p)
        }
    }

    public static func decode(eventType: String, schemaVersion: Int, payload: Data) throws -> Self {
        let data = try EventJSON.prepare(Self.self, eventType: eventType, schemaVersion: schemaVersion, payload: payload)
        func read<T: Decodable>(_ type: T.Type) throws -> T { try EventJSON.decode(type, from: data, eventType: eventType) }
        switch eventType {
        case EventType.draftCreated: return .draftCreated(try read(Tour.DraftCreated.self))
        case EventType.newDraftStarted: return .newDraftStarted(try read(Tour.NewDraftStarted.self))
        case EventType.stopAdded: return .stopAdded(try read(Tour.StopAdded.self))
        case EventType.stopRemoved: return .stopRemoved(try read(Tour.StopRemoved.self))
        case EventType.stopsReordered: return .stopsReordered(try read(Tour.StopsReordered.self))
        case EventType.stopScriptWritten: return .stopScriptWritten(try read(Tour.StopScriptWritten.self))
        case EventType.stopAudioAttached: return .stopAudioAttached(try read(Tour.StopAudioAttached.self))
        case EventType.stopLinkedToItem: return .stopLinkedToItem(try read(Tour.StopLinkedToItem.self))
        case EventType.submitted: return .submitted(try read(Tour.Submitted.self))
        case EventType.approved: return .approved(try read(Tour.Approved.self))
        case EventType.changesRequested: return .changesRequested(try read(Tour.ChangesRequested.self))
        case EventType.versionPublished: return .versionPublished(try read(Tour.VersionPublished.self))
        case EventType.retired: return .retired(try read(Tour.Retired.self))
        default: throw EventJSON.unknown(eventType)
        }
    }
}
