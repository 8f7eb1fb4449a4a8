import Foundation

extension ArchiveItem {
    public struct State: Sendable, Equatable {
        public var status: Status
        public var id: ItemID
        public var villageID: VillageID
        /// The county of the item's village at registration; scopes curators and kiosks.
        public var county: CountyCode?
        public var kind: Kind
        public var description: Description
        /// A photo that shows people: consent governs its kiosk display and licensing.
        public var depictsPeople: Bool
        public var ich: ICHClassification?
        public var media: [MediaFile]
        public var provenance: [ProvenanceEntry]
        public var rights: Rights?
        public var consents: [Consent]
        /// Who registered or contributed the item (the device id for a kiosk contribution).
        public var registeredBy: String
        public var submittedBy: String?
        public var publishedBy: String?
        public var publishedAt: Date?
        /// A villager's note from the kiosk, kept verbatim as data.
        public var visitorNote: String?
        public var contributorName: String?
        public var withdrawalReason: String?

        public static let initial = State(
            status: .nonexistent, id: "", villageID: "", county: nil, kind: .document,
            description: Description(title: [:]), depictsPeople: false, ich: nil, media: [], provenance: [],
            rights: nil, consents: [], registeredBy: "", submittedBy: nil, publishedBy: nil, publishedAt: nil,
            visitorNote: nil, contributorName: nil, withdrawalReason: nil)

        public var exists: Bool { status != .nonexistent }

        /// The people who may not review the item: its registrant (or contributing kiosk) and its submitter.
        public var authors: Set<String> { Set([registeredBy] + (submittedBy.map { [$0] } ?? [])) }
    }
}
