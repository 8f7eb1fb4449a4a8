import Foundation

extension Deal {
    public enum Event: Sendable, Equatable {
        case created(Created)
        case signed(Signed)
        case activated(Activated)
        case paymentRecorded(PaymentRecorded)
        case terminated(Terminated)
        case expired(Expired)
    }

    public struct Created: Sendable, Equatable, Codable {
        public var dealID: DealID
        public var listingID: ListingID
        public var offerID: OfferID
        public var sourceItems: [ItemID]
        public var counties: [CountyCode]
        public var licensors: [String]
        public var licensee: String
        public var terms: Listing.Terms
        public var createdAt: Date
    }

    public struct Signed: Sendable, Equatable, Codable {
        public var dealID: DealID
        public var party: Party
        public var signatory: String
        public var signedAt: Date
    }

    public struct Activated: Sendable, Equatable, Codable {
        public var dealID: DealID
        public var activatedAt: Date
    }

    public struct PaymentRecorded: Sendable, Equatable, Codable {
        public var dealID: DealID
        public var paymentID: PaymentID
        public var amount: Money
        public var recordedAt: Date
    }

    public struct Terminated: Sendable, Equatable, Codable {
        public var dealID: DealID
        public var reason: String
        public var terminatedAt: Date
    }

    public struct Expired: Sendable, Equatable, Codable {
        public var dealID: DealID
        public var expiredAt: Date
    }
}
