import Foundation

extension ArchiveItem {
    public enum Event: Sendable, Equatable {
        case registered(Registered)
        case contributed(Contributed)
        case descriptionRevised(DescriptionRevised)
        case mediaAttached(MediaAttached)
        case provenanceRecorded(ProvenanceRecorded)
        case rightsAssigned(RightsAssigned)
        case consentRecorded(ConsentRecorded)
        case submittedForReview(SubmittedForReview)
        case published(Published)
        case withdrawn(Withdrawn)
    }

    /// ItemRegistered. Schema v2; in v1 `description.title` was a plain string meaning zh-Hans.
    public struct Registered: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var villageID: VillageID
        public var county: CountyCode
        public var kind: Kind
        public var description: Description
        public var depictsPeople: Bool
        public var ich: ICHClassification?
        public var registeredBy: String
    }

    public struct Contributed: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var villageID: VillageID
        public var county: CountyCode
        public var kind: Kind
        public var description: Description
        public var depictsPeople: Bool
        public var ich: ICHClassification?
        public var deviceID: DeviceID
        public var contributorName: String?
        public var visitorNote: String?
        public var media: [MediaFile]
    }

    public struct DescriptionRevised: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var description: Description
    }

    public struct MediaAttached: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var media: MediaFile
    }

    public struct ProvenanceRecorded: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var entry: ProvenanceEntry
    }

    public struct RightsAssigned: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var rights: Rights
    }

    public struct ConsentRecorded: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var consent: Consent
    }

    public struct SubmittedForReview: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var submittedBy: String
    }

    public struct Published: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var publishedBy: String
        public var publishedAt: Date
    }

    public struct Withdrawn: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var reason: String
        public var withdrawnBy: String
    }
}
