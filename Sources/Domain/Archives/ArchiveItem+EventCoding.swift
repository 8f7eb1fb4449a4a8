import Foundation
import JSONText

extension ArchiveItem.Event: DomainEventCoding {
    public enum EventType {
        public static let registered = "archive.item-registered"
        public static let contributed = "archive.item-contributed"
        public static let descriptionRevised = "archive.description-revised"
        public static let mediaAttached = "archive.media-attached"
        public static let provenanceRecorded = "archive.provenance-recorded"
        public static let rightsAssigned = "archive.rights-assigned"
        public static let consentRecorded = "archive.consent-recorded"
        public static let submittedForReview = "archive.submitted-for-review"
        public static let published = "archive.item-published"
        public static let withdrawn = "archive.item-withdrawn"
    }

    /// v2: ItemRegistered's `description.title` became a LangMap (see ``registerUpcasters(in:)``).
    public static let schemaVersion = 2
    public static let eventTypes = [
        EventType.registered, EventType.contributed, EventType.descriptionRevised, EventType.mediaAttached,
        EventType.provenanceRecorded, EventType.rightsAssigned, EventType.consentRecorded,
        EventType.submittedForReview, EventType.published, EventType.withdrawn,
    ]

    public var eventType: String {
        switch self {
        case .registered: EventType.registered
        case .contributed: EventType.contributed
        case .descriptionRevised: EventType.descriptionRevised
        case .mediaAttached: EventType.mediaAttached
        case .provenanceRecorded: EventType.provenanceRecorded
        case .rightsAssigned: EventType.rightsAssigned
        case .consentRecorded: EventType.consentRecorded
        case .submittedForReview: EventType.submittedForReview
        case .published: EventType.published
        case .withdrawn: EventType.withdrawn
        }
    }

    public func encodedPayload() throws -> Data {
        switch self {
        case .registered(let p): try EventJSON.encode(p)
        case .contributed(let p): try EventJSON.encode(p)
        case .descriptionRevised(let p): try EventJSON.encode(p)
        case .mediaAttached(let p): try EventJSON.encode(p)
        case .provenanceRecorded(let p): try EventJSON.encode(p)
        case .rightsAssigned(let p): try EventJSON.encode(p)
        case .consentRecorded(let p): try EventJSON.encode(p)
        case .submittedForReview(let p): try EventJSON.encode(p)
        case .published(let p): try EventJSON.encode(p)
        case .withdrawn(let p): try EventJSON.encode(p)
        }
    }

    public static func decode(eventType: String, schemaVersion: Int, payload: Data) throws -> Self {
        let data = try EventJSON.prepare(Self.self, eventType: eventType, schemaVersion: schemaVersion, payload: payload)
        let read = JSONTextReader.read(data) { (reader) throws(JSONTextReader.Malformed) in try Self.read(eventType, from: &reader) }
        return try read ?? decodeWithJSONDecoder(eventType: eventType, data: data)
    }

    /// The slow path of ``decode(eventType:schemaVersion:payload:)``, which decides on what the hand-written readers
    /// refuse.
    static func decodeWithJSONDecoder(eventType: String, data: Data) throws -> Self {
        func read<T: Decodable>(_ type: T.Type) throws -> T { try EventJSON.decode(type, from: data, eventType: eventType) }
        switch eventType {
        case EventType.registered: return .registered(try read(ArchiveItem.Registered.self))
        case EventType.contributed: return .contributed(try read(ArchiveItem.Contributed.self))
        case EventType.descriptionRevised: return .descriptionRevised(try read(ArchiveItem.DescriptionRevised.self))
        case EventType.mediaAttached: return .mediaAttached(try read(ArchiveItem.MediaAttached.self))
        case EventType.provenanceRecorded: return .provenanceRecorded(try read(ArchiveItem.ProvenanceRecorded.self))
        case EventType.rightsAssigned: return .rightsAssigned(try read(ArchiveItem.RightsAssigned.self))
        case EventType.consentRecorded: return .consentRecorded(try read(ArchiveItem.ConsentRecorded.self))
        case EventType.submittedForReview: return .submittedForReview(try read(ArchiveItem.SubmittedForReview.self))
        case EventType.published: return .published(try read(ArchiveItem.Published.self))
        case EventType.withdrawn: return .withdrawn(try read(ArchiveItem.Withdrawn.self))
        default: throw EventJSON.unknown(eventType)
        }
    }

    /// v1 → v2 of `archive.item-registered`: `description.title` was a plain string meaning zh-Hans; it becomes
    /// `{"zh-Hans": title}`. A v1 payload whose title is already an object is left as it is.
    static func registerUpcasters(in registry: inout EventUpcasters) {
        registry.register(EventType.registered, from: 1) { object in
            var object = object
            guard var description = object["description"]?.objectValue else { return object }
            if case .string(let title) = description["title"] {
                description["title"] = .object([LanguageTag.zhHans.rawValue: .string(title)])
                object["description"] = .object(description)
            }
            return object
        }
    }
}
