extension ArchiveItem {
    /// Commands on an item. Facts: see ``requirements(for:context:)``.
    public enum Command: Sendable, Equatable {
        /// Admin or curator of the village's county. Needs `village-<villageID>`.
        /// `ALREADY_EXISTS`, `UNKNOWN_VILLAGE`, `TITLE_REQUIRED`, `BAD_LANG_TAG`, `BAD_DATE`,
        /// `ICH_CLASSIFICATION_REQUIRED` / `ICH_CATEGORY_INVALID` (ichElement).
        case register(Register)
        /// A kiosk of the village's county only; the item enters `submitted`. Needs `village-<villageID>` and
        /// `device-<kiosk>`. As RegisterItem, plus `DEVICE_REVOKED`, media rules, `TEXT_TOO_LONG` (note ≤ 4000).
        case contribute(Contribute)
        /// `TITLE_REQUIRED`, `BAD_LANG_TAG`, `BAD_DATE`. (Expected version is the store's `VERSION_CONFLICT`.)
        case reviseDescription(ReviseDescription)
        /// `MEDIA_TYPE_NOT_ALLOWED`, `CHECKSUM_INVALID`, `MEDIA_DIMENSIONS_REQUIRED`, `ALREADY_EXISTS` (media id).
        case attachMedia(AttachMedia)
        /// `FIELD_REQUIRED` (agent, kind), `BAD_DATE`, `DATE_IN_FUTURE`.
        case recordProvenance(RecordProvenance)
        /// `RIGHTS_URI_INVALID`, `FIELD_REQUIRED` (holder, attribution).
        case assignRights(AssignRights)
        /// Oral histories and photos of people only (`CONSENT_NOT_APPLICABLE`); `FIELD_REQUIRED` (subject),
        /// `CONSENT_SCOPE_REQUIRED`, `BAD_DATE`, `DATE_IN_FUTURE`.
        case recordConsent(RecordConsent)
        /// draft → submitted. `PUBLISH_BLOCKED: missing [rights, media, consent]`, `ILLEGAL_TRANSITION`.
        case submitForReview(ItemRef)
        /// submitted → published, by a person (`AGENT_CANNOT_APPROVE`, `FORBIDDEN`) who is not an author
        /// (`SELF_REVIEW`). `PUBLISH_BLOCKED`, `ILLEGAL_TRANSITION`.
        case publish(ItemRef)
        /// → withdrawn. `REASON_REQUIRED`, `ILLEGAL_TRANSITION`.
        case withdraw(Withdraw)

        public var itemID: ItemID {
            switch self {
            case .register(let c): c.itemID
            case .contribute(let c): c.itemID
            case .reviseDescription(let c): c.itemID
            case .attachMedia(let c): c.itemID
            case .recordProvenance(let c): c.itemID
            case .assignRights(let c): c.itemID
            case .recordConsent(let c): c.itemID
            case .submitForReview(let c), .publish(let c): c.itemID
            case .withdraw(let c): c.itemID
            }
        }

        public var streamID: String { ArchiveItem.streamID(for: itemID) }
    }

    public struct ItemRef: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public init(itemID: ItemID) { self.itemID = itemID }
    }

    public struct Register: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var villageID: VillageID
        public var kind: Kind
        public var description: Description
        public var depictsPeople: Bool
        /// UNESCO domain raw value (``UNESCODomain``) — required for `ichElement`.
        public var ichDomain: String?
        /// National category in Chinese (``NationalICHCategory``) — required for `ichElement`.
        public var ichCategory: String?

        public init(
            itemID: ItemID, villageID: VillageID, kind: Kind, description: Description, depictsPeople: Bool = false,
            ichDomain: String? = nil, ichCategory: String? = nil
        ) {
            self.itemID = itemID
            self.villageID = villageID
            self.kind = kind
            self.description = description
            self.depictsPeople = depictsPeople
            self.ichDomain = ichDomain
            self.ichCategory = ichCategory
        }
    }

    /// A villager's contribution at a kiosk. `visitorNote` is stored verbatim as data, never interpreted.
    public struct Contribute: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var villageID: VillageID
        public var kind: Kind
        public var description: Description
        public var depictsPeople: Bool
        public var ichDomain: String?
        public var ichCategory: String?
        public var contributorName: String?
        public var visitorNote: String?
        public var media: [MediaFile]

        public init(
            itemID: ItemID, villageID: VillageID, kind: Kind, description: Description, depictsPeople: Bool = false,
            ichDomain: String? = nil, ichCategory: String? = nil, contributorName: String? = nil,
            visitorNote: String? = nil, media: [MediaFile] = []
        ) {
            self.itemID = itemID
            self.villageID = villageID
            self.kind = kind
            self.description = description
            self.depictsPeople = depictsPeople
            self.ichDomain = ichDomain
            self.ichCategory = ichCategory
            self.contributorName = contributorName
            self.visitorNote = visitorNote
            self.media = media
        }
    }

    /// Replaces the whole description.
    public struct ReviseDescription: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var description: Description
        public init(itemID: ItemID, description: Description) {
            self.itemID = itemID
            self.description = description
        }
    }

    public struct AttachMedia: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var media: MediaFile
        public init(itemID: ItemID, media: MediaFile) {
            self.itemID = itemID
            self.media = media
        }
    }

    public struct RecordProvenance: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var entry: ProvenanceEntry
        public init(itemID: ItemID, entry: ProvenanceEntry) {
            self.itemID = itemID
            self.entry = entry
        }
    }

    public struct AssignRights: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var rights: Rights
        public init(itemID: ItemID, rights: Rights) {
            self.itemID = itemID
            self.rights = rights
        }
    }

    public struct RecordConsent: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var consent: Consent
        public init(itemID: ItemID, consent: Consent) {
            self.itemID = itemID
            self.consent = consent
        }
    }

    public struct Withdraw: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var reason: String
        public init(itemID: ItemID, reason: String) {
            self.itemID = itemID
            self.reason = reason
        }
    }
}
