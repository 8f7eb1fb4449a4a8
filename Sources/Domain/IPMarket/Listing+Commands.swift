import Foundation

extension Listing {
    /// Commands on a listing and its offers (AcceptOffer is separate: it spans streams). Market commands are
    /// issued by admins or curators of every county of the source items (buyers' offers are entered by the
    /// market desk on their behalf); agents and kiosks get `FORBIDDEN`.
    public enum Command: Sendable, Equatable {
        /// Needs `item-<id>` of every source item. `SOURCE_NOT_LICENSABLE`, `TERRITORY_REQUIRED`,
        /// `TERRITORY_INVALID`, `USES_REQUIRED`, `BAD_DATE`, `AMOUNT_INVALID`, `TITLE_REQUIRED`.
        case draft(Draft)
        /// draft → pendingApproval.
        case submit(ListingRef)
        /// pendingApproval → published, by a person (`AGENT_CANNOT_APPROVE`) other than the author (`SELF_REVIEW`).
        case approve(ListingRef)
        /// published → paused.
        case pause(ListingRef)
        /// paused → published.
        case resume(ListingRef)
        /// published | paused → closed.
        case close(Close)
        /// Listing published (`LISTING_NOT_PUBLISHED`); terms within the listing's (`OFFER_EXCEEDS_LISTING`);
        /// same currency (`CURRENCY_MISMATCH`); amount > 0 (`AMOUNT_INVALID`); valid until after now (`BAD_DATE`).
        case makeOffer(MakeOffer)
        /// As MakeOffer, on an open or countered offer (`OFFER_NOT_OPEN`).
        case counterOffer(CounterOffer)
        /// Open or countered offer (`OFFER_NOT_OPEN`).
        case withdrawOffer(OfferRef)
        case rejectOffer(OfferRef)
        /// An open or countered offer whose `validUntil` has passed (`ILLEGAL_TRANSITION` before then).
        case expireOffer(OfferRef)

        public var listingID: ListingID {
            switch self {
            case .draft(let c): c.listingID
            case .submit(let c), .approve(let c), .pause(let c), .resume(let c): c.listingID
            case .close(let c): c.listingID
            case .makeOffer(let c): c.listingID
            case .counterOffer(let c): c.listingID
            case .withdrawOffer(let c), .rejectOffer(let c), .expireOffer(let c): c.listingID
            }
        }

        public var streamID: String { Listing.streamID(for: listingID) }
    }

    public struct ListingRef: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public init(listingID: ListingID) { self.listingID = listingID }
    }

    public struct Close: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var reason: String?
        public init(listingID: ListingID, reason: String? = nil) {
            self.listingID = listingID
            self.reason = reason
        }
    }

    /// Raw terms as a command carries them: territory codes and `YYYY-MM-DD` days.
    public struct TermsInput: Sendable, Equatable, Codable {
        public var uses: [Use]
        public var territories: [String]
        public var termStart: String
        public var termEnd: String
        public var price: Money

        public init(uses: [Use], territories: [String], termStart: String, termEnd: String, price: Money) {
            self.uses = uses
            self.territories = territories
            self.termStart = termStart
            self.termEnd = termEnd
            self.price = price
        }
    }

    public struct Draft: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var title: LangMap
        public var sourceItems: [ItemID]
        public var terms: TermsInput
        public var exclusive: Bool

        public init(listingID: ListingID, title: LangMap, sourceItems: [ItemID], terms: TermsInput, exclusive: Bool) {
            self.listingID = listingID
            self.title = title
            self.sourceItems = sourceItems
            self.terms = terms
            self.exclusive = exclusive
        }
    }

    public struct MakeOffer: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var offerID: OfferID
        public var buyer: String
        public var terms: TermsInput
        public var validUntil: Date

        public init(listingID: ListingID, offerID: OfferID, buyer: String, terms: TermsInput, validUntil: Date) {
            self.listingID = listingID
            self.offerID = offerID
            self.buyer = buyer
            self.terms = terms
            self.validUntil = validUntil
        }
    }

    public struct CounterOffer: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var offerID: OfferID
        public var terms: TermsInput
        public var validUntil: Date

        public init(listingID: ListingID, offerID: OfferID, terms: TermsInput, validUntil: Date) {
            self.listingID = listingID
            self.offerID = offerID
            self.terms = terms
            self.validUntil = validUntil
        }
    }

    public struct OfferRef: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var offerID: OfferID
        public init(listingID: ListingID, offerID: OfferID) {
            self.listingID = listingID
            self.offerID = offerID
        }
    }
}
