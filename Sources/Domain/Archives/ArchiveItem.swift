/// An item of a village archive: a photo, document, oral history, genealogy, building or intangible heritage
/// element. Stream `item-<id>`.
///
/// Lifecycle: does not exist → `draft` (RegisterItem) or `submitted` (ContributeItem from a kiosk) →
/// `submitted` (SubmitForReview) → `published` (PublishItem by a person other than its authors) →
/// `withdrawn` (WithdrawItem, final). Descriptions, media, provenance, rights and consent may be added in
/// every state but `withdrawn`; media, provenance and consent records are append-only.
public enum ArchiveItem {
    public static func streamID(for id: ItemID) -> String { "item-\(id)" }

    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case photo, document, oralHistory, genealogy, building, ichElement
    }

    public enum Status: String, Sendable, Hashable, Codable {
        case nonexistent, draft, submitted, published, withdrawn
    }

    /// Europeana Data Model `edm:type`.
    public enum EDMType: String, Sendable, Hashable, Codable {
        case text = "TEXT", image = "IMAGE", sound = "SOUND", video = "VIDEO", threeD = "3D"
    }

    /// What a consent covers: the archive (public catalogue), kiosk screens and tours, commercial licensing.
    public enum ConsentScope: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case archive, kiosk, commercial
        public static func < (a: ConsentScope, b: ConsentScope) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// Whether `text` is 64 lowercase hexadecimal digits (a SHA-256 digest).
    public static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
