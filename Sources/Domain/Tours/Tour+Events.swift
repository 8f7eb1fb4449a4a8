extension Tour {
    public enum Event: Sendable, Equatable {
        case draftCreated(DraftCreated)
        case newDraftStarted(NewDraftStarted)
        case stopAdded(StopAdded)
        case stopRemoved(StopRemoved)
        case stopsReordered(StopsReordered)
        case stopScriptWritten(StopScriptWritten)
        case stopAudioAttached(StopAudioAttached)
        case stopLinkedToItem(StopLinkedToItem)
        case submitted(Submitted)
        case approved(Approved)
        case changesRequested(ChangesRequested)
        case versionPublished(VersionPublished)
        case retired(Retired)
    }

    public struct DraftCreated: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var villageID: VillageID
        public var county: CountyCode
        public var title: LangMap
        public var languages: [LanguageTag]
        public var author: String
    }

    public struct NewDraftStarted: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var version: Int
        public var fromVersion: Int
        public var author: String
    }

    public struct StopAdded: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var stopID: StopID
        public var position: Int
        public var title: LangMap
    }

    public struct StopRemoved: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var stopID: StopID
    }

    public struct StopsReordered: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var stopIDs: [StopID]
    }

    public struct StopScriptWritten: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var stopID: StopID
        public var language: LanguageTag
        public var text: String
    }

    public struct StopAudioAttached: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var stopID: StopID
        public var language: LanguageTag
        public var audio: StopAudio
    }

    public struct StopLinkedToItem: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var stopID: StopID
        public var itemID: ItemID
    }

    public struct Submitted: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var version: Int
        public var submittedBy: String
    }

    public struct Approved: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var version: Int
        public var approvedBy: String
    }

    public struct ChangesRequested: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var version: Int
        public var comment: String
        public var requestedBy: String
    }

    /// Carries the whole frozen version, so projections need nothing else.
    public struct VersionPublished: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var version: Version
    }

    public struct Retired: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var reason: String
    }
}
