import Domain
import Foundation

/// The records of the seed files, as written in JSON. Each maps onto one or more domain commands (see
/// ``SeedPlan``); texts are passed to the commands raw, so the domain validates them exactly as it validates a
/// curator's input. Keys not listed here (notes, `checked` remarks) are ignored.
enum SeedRecord {
    /// `villages.json`: one RegisterVillage each. `source` names where the facts come from.
    struct VillageRecord: Decodable {
        var id: String
        var names: LangMap
        var county: String
        var town: LangMap
        var location: Coordinates
        var source: [String]
    }

    /// `devices.json`: one RegisterDevice (kiosk at a county cultural station) each.
    struct DeviceRecord: Decodable {
        var id: String
        var county: String
        var station: String
    }

    struct ICH: Decodable {
        var domain: String?
        var category: String?
    }

    struct MediaRecord: Decodable {
        var id: String
        var mimeType: String
        /// Derived from item and media id when absent (placeholder files, see SOURCES.md).
        var sha256: String?
        var byteSize: Int64?
        var width: Int?
        var height: Int?
        var durationSeconds: Double?
        var label: LangMap?
    }

    struct ProvenanceRecord: Decodable {
        var agent: String
        var kind: ArchiveItem.ProvenanceEntry.Kind?
        var date: String?
        var note: String?
    }

    struct ConsentRecord: Decodable {
        var subject: String
        var scopes: [ArchiveItem.ConsentScope]
        var givenOn: String?
        var evidence: String?
    }

    /// A villager's contribution at a kiosk: the item is contributed by `kiosk` and enters review.
    struct Contribution: Decodable {
        var kiosk: String
        var contributorName: String?
        var visitorNote: String?
    }

    /// `items/*.json`: RegisterItem (or ContributeItem), then media, provenance, rights and consent, then the
    /// review steps up to `status`.
    struct ItemRecord: Decodable {
        enum Status: String, Decodable { case draft, submitted, published, withdrawn }
        var id: String
        var village: String
        var kind: ArchiveItem.Kind
        var title: LangMap
        var description: LangMap?
        var creator: [String]?
        var created: String?
        var spatial: String?
        var temporal: String?
        var subject: [String]?
        var language: [String]?
        var depictsPeople: Bool?
        var ich: ICH?
        var contributed: Contribution?
        var media: [MediaRecord]?
        var provenance: [ProvenanceRecord]?
        var rights: Rights?
        var consents: [ConsentRecord]?
        var status: Status
        var withdrawReason: String?
    }

    struct StopAudio: Decodable {
        var mimeType: String
        var durationSeconds: Double
        var transcript: String?
    }

    struct StopRecord: Decodable {
        var id: String
        var title: LangMap
        var scripts: [String: String]
        var audio: [String: StopAudio]?
        var items: [String]?
    }

    /// `tours/*.json`: CreateTourDraft by `author` (`curator`, `admin` or `agent`), stops, scripts, audio and item
    /// links, then the review steps up to `status`.
    struct TourRecord: Decodable {
        enum Status: String, Decodable { case draft, inReview, approved, published }
        enum Author: String, Decodable { case curator, admin, agent }
        var id: String
        var village: String
        var title: LangMap
        var languages: [String]
        var author: Author
        var stops: [StopRecord]
        var status: Status
        /// A review round before the final status: submitted, then sent back with this comment.
        var changesRequested: String?
    }

    struct Price: Decodable {
        var amountMinor: Int64
        var currency: Currency
    }

    struct Terms: Decodable {
        var uses: [Listing.Use]
        var territories: [String]
        var termStart: String
        var termEnd: String
        var price: Price

        var input: Listing.TermsInput {
            Listing.TermsInput(
                uses: uses, territories: territories, termStart: termStart, termEnd: termEnd,
                price: Money(amountMinor: price.amountMinor, currency: price.currency))
        }
    }

    struct Payment: Decodable {
        var id: String
        var amount: Price
    }

    struct DealRecord: Decodable {
        var id: String
        var licensorSignatory: String?
        var licenseeSignatory: String?
        var payments: [Payment]?
    }

    struct Counter: Decodable {
        var terms: Terms
        var validUntil: Date
    }

    struct OfferRecord: Decodable {
        enum Outcome: String, Decodable { case open, countered, accepted, rejected, withdrawn }
        var id: String
        var buyer: String
        var terms: Terms
        var validUntil: Date
        var counter: Counter?
        var outcome: Outcome
        var deal: DealRecord?
    }

    /// `market/*.json`: DraftListing by the curator of the source items' county (or `admin`), Submit, Approve
    /// by an admin, the offers and their deals, then Pause or Close.
    struct ListingRecord: Decodable {
        enum Status: String, Decodable { case draft, pendingApproval, published, paused, closed }
        var id: String
        var title: LangMap
        var sourceItems: [String]
        var terms: Terms
        var exclusive: Bool
        var status: Status
        var author: String?
        var offers: [OfferRecord]?
        var closeReason: String?
    }
}
