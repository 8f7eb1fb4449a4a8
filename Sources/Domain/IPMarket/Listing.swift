import Foundation

/// A licensing offer of cultural IP derived from published archive items (ODRL Offer with PLUS licence fields).
/// Stream `listing-<id>`; the offers made on it live in the same stream.
///
/// Listing lifecycle: `draft` → `pendingApproval` (Submit) → `published` (Approve, by a person other than the
/// author) ⇄ `paused` (Pause / Resume) → `closed` (Close, from published or paused; final). Any other move is
/// `ILLEGAL_TRANSITION: closed→published`.
///
/// Offer lifecycle: `open` → `countered` (CounterOffer; may be countered again) → `accepted` (AcceptOffer, see
/// ``decideAcceptOffer(_:listing:reservations:deal:context:)``) | `rejected` | `withdrawn` | `expired`.
public enum Listing {
    public static func streamID(for id: ListingID) -> String { "listing-\(id)" }

    public enum Status: String, Sendable, Hashable, Codable {
        case nonexistent, draft, pendingApproval, published, paused, closed
    }

    /// Permitted uses (ODRL actions).
    public enum Use: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case reproduce, distribute, display, derive, merchandise
        public static func < (a: Use, b: Use) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    /// The licence terms a listing offers; an offer asks for a subset of them.
    public struct Terms: Sendable, Hashable, Codable {
        public var uses: Set<Use>
        public var territories: Set<Territory>
        public var term: DateRange
        /// Whether the licence granted is exclusive for its territories and term.
        public var exclusive: Bool
        public var price: Money
    }

    public enum OfferStatus: String, Sendable, Hashable, Codable {
        case open, countered, accepted, rejected, withdrawn, expired
        /// Open and countered offers can still be countered, withdrawn, rejected, accepted or expire.
        public var isOpen: Bool { self == .open || self == .countered }
    }

    public struct Offer: Sendable, Hashable, Codable {
        public var offerID: OfferID
        /// The prospective licensee (a party reference, e.g. a company registration id).
        public var buyer: String
        public var terms: Terms
        public var validUntil: Date
        public var status: OfferStatus
        public var madeBy: String
        public var acceptedDealID: DealID?
    }

    public struct State: Sendable, Equatable {
        public var status: Status
        public var id: ListingID
        public var title: LangMap
        public var sourceItems: [ItemID]
        /// Counties of the source items: curators of all of them (or admins) trade on the listing.
        public var counties: Set<CountyCode>
        /// Rights holders of the source items: the licensor side of deals.
        public var rightsHolders: [String]
        public var terms: Terms?
        public var author: String
        public var offers: [OfferID: Offer]
        public var closingReason: String?

        public static let initial = State(
            status: .nonexistent, id: "", title: [:], sourceItems: [], counties: [], rightsHolders: [], terms: nil,
            author: "", offers: [:], closingReason: nil)

        public var exists: Bool { status != .nonexistent }
    }
}
