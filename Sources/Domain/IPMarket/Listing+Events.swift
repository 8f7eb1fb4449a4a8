import Foundation

extension Listing {
    public enum Event: Sendable, Equatable {
        case drafted(Drafted)
        case submitted(ListingEventRef)
        case published(Published)
        case paused(ListingEventRef)
        case resumed(ListingEventRef)
        case closed(Closed)
        case offerMade(OfferMade)
        case offerCountered(OfferCountered)
        case offerWithdrawn(OfferEventRef)
        case offerRejected(OfferEventRef)
        case offerExpired(OfferEventRef)
        case offerAccepted(OfferAccepted)
    }

    public struct Drafted: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var title: LangMap
        public var sourceItems: [ItemID]
        public var counties: [CountyCode]
        public var rightsHolders: [String]
        public var terms: Terms
        public var author: String
    }

    public struct ListingEventRef: Sendable, Equatable, Codable {
        public var listingID: ListingID
    }

    public struct Published: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var approvedBy: String
    }

    public struct Closed: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var reason: String?
    }

    public struct OfferMade: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var offerID: OfferID
        public var buyer: String
        public var terms: Terms
        public var validUntil: Date
        public var madeBy: String
    }

    public struct OfferCountered: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var offerID: OfferID
        public var terms: Terms
        public var validUntil: Date
        public var counteredBy: String
    }

    public struct OfferEventRef: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var offerID: OfferID
    }

    public struct OfferAccepted: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var offerID: OfferID
        public var dealID: DealID
        public var acceptedBy: String
    }
}
