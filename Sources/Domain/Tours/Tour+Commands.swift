extension Tour {
    /// Commands on a tour. Editing commands are refused with `PUBLISHED_IMMUTABLE` on a published version
    /// and `ILLEGAL_TRANSITION` while in review, approved or retired. Drafting (create, edit, submit) is open to
    /// admins, curators of the village's county and agents; reviewing (approve, request changes, publish) to
    /// people only (`AGENT_CANNOT_APPROVE`).
    public enum Command: Sendable, Equatable {
        /// Needs `village-<villageID>`. `ALREADY_EXISTS`, `UNKNOWN_VILLAGE`, `TITLE_REQUIRED`, `BAD_LANG_TAG`,
        /// `FIELD_REQUIRED` (no language).
        case createDraft(CreateDraft)
        /// published → draft of version n+1, starting from the last published version. `ILLEGAL_TRANSITION`.
        case startNewDraft(TourRef)
        /// Position 1…count+1 (`STOP_ORDER_INVALID`); later stops move down. `ALREADY_EXISTS` (stop id).
        case addStop(AddStop)
        /// `NOT_FOUND` (stop).
        case removeStop(StopRef)
        /// The new order must name every stop exactly once (`STOP_ORDER_INVALID`).
        case reorderStops(ReorderStops)
        /// Language offered by the tour (`BAD_LANG_TAG`, `LANGUAGE_NOT_OFFERED`); 1–4000 characters
        /// (`SCRIPT_LENGTH`).
        case writeStopScript(WriteStopScript)
        /// 1–1800 s (`AUDIO_DURATION`), transcript (`TRANSCRIPT_REQUIRED`), audio MIME type, SHA-256.
        case attachStopAudio(AttachStopAudio)
        /// Needs `item-<itemID>`: published and consented for kiosk display (`ITEM_NOT_DISPLAYABLE`).
        case linkStopToItem(LinkStopToItem)
        /// draft → inReview. `TOUR_EMPTY`, `MISSING_TRANSLATION: stop 3 yue-Hant`.
        case submit(TourRef)
        /// inReview → approved, by a person other than the author (`SELF_REVIEW`).
        case approve(TourRef)
        /// inReview → draft, with a comment (`COMMENT_REQUIRED`); `SELF_REVIEW`.
        case requestChanges(RequestChanges)
        /// approved → published; the version is frozen.
        case publishVersion(TourRef)
        /// → retired, with a reason (`REASON_REQUIRED`).
        case retire(Retire)

        public var tourID: TourID {
            switch self {
            case .createDraft(let c): c.tourID
            case .startNewDraft(let c), .submit(let c), .approve(let c), .publishVersion(let c): c.tourID
            case .addStop(let c): c.tourID
            case .removeStop(let c): c.tourID
            case .reorderStops(let c): c.tourID
            case .writeStopScript(let c): c.tourID
            case .attachStopAudio(let c): c.tourID
            case .linkStopToItem(let c): c.tourID
            case .requestChanges(let c): c.tourID
            case .retire(let c): c.tourID
            }
        }

        public var streamID: String { Tour.streamID(for: tourID) }
    }

    public struct TourRef: Sendable, Equatable, Codable {
        public var tourID: TourID
        public init(tourID: TourID) { self.tourID = tourID }
    }

    public struct CreateDraft: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var villageID: VillageID
        public var title: LangMap
        /// Raw BCP 47 tags of the offered languages.
        public var languages: [String]
        public init(tourID: TourID, villageID: VillageID, title: LangMap, languages: [String]) {
            self.tourID = tourID
            self.villageID = villageID
            self.title = title
            self.languages = languages
        }
    }

    public struct AddStop: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var stopID: StopID
        /// 1-based.
        public var position: Int
        public var title: LangMap
        public init(tourID: TourID, stopID: StopID, position: Int, title: LangMap = [:]) {
            self.tourID = tourID
            self.stopID = stopID
            self.position = position
            self.title = title
        }
    }

    public struct StopRef: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var stopID: StopID
        public init(tourID: TourID, stopID: StopID) {
            self.tourID = tourID
            self.stopID = stopID
        }
    }

    public struct ReorderStops: Sendable, Equatable, Codable {
        public var tourID: TourID
        /// Every stop id, in the new order.
        public var stopIDs: [StopID]
        public init(tourID: TourID, stopIDs: [StopID]) {
            self.tourID = tourID
            self.stopIDs = stopIDs
        }
    }

    public struct WriteStopScript: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var stopID: StopID
        public var language: String
        public var text: String
        public init(tourID: TourID, stopID: StopID, language: String, text: String) {
            self.tourID = tourID
            self.stopID = stopID
            self.language = language
            self.text = text
        }
    }

    public struct AttachStopAudio: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var stopID: StopID
        public var language: String
        public var mimeType: String
        public var sha256: String
        public var durationSeconds: Double
        public var transcript: String?
        public init(
            tourID: TourID, stopID: StopID, language: String, mimeType: String, sha256: String,
            durationSeconds: Double, transcript: String?
        ) {
            self.tourID = tourID
            self.stopID = stopID
            self.language = language
            self.mimeType = mimeType
            self.sha256 = sha256
            self.durationSeconds = durationSeconds
            self.transcript = transcript
        }
    }

    public struct LinkStopToItem: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var stopID: StopID
        public var itemID: ItemID
        public init(tourID: TourID, stopID: StopID, itemID: ItemID) {
            self.tourID = tourID
            self.stopID = stopID
            self.itemID = itemID
        }
    }

    public struct RequestChanges: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var comment: String
        public init(tourID: TourID, comment: String) {
            self.tourID = tourID
            self.comment = comment
        }
    }

    public struct Retire: Sendable, Equatable, Codable {
        public var tourID: TourID
        public var reason: String
        public init(tourID: TourID, reason: String) {
            self.tourID = tourID
            self.reason = reason
        }
    }
}
