import Domain
import EventLog
import Foundation

/// **Market**: listings (readers see the published ones), their offers, deals with their terms and end dates, and
/// the licence grants held on each source item (from the rights reservations) for availability per territory and
/// term. Tables `rm_market_listings`, `rm_market_offers`, `rm_market_deals`, `rm_market_grants`.
public struct MarketProjection: Projection {
    public let name = "market"
    public var tables: [ReadModelTable] {
        [ReadModelTables.marketListings, ReadModelTables.marketOffers, ReadModelTables.marketDeals, ReadModelTables.marketGrants]
    }
    public var eventTypes: Set<String>? {
        Set(Listing.Event.eventTypes + Deal.Event.eventTypes + RightsReservation.Event.eventTypes)
    }

    public init() {}

    public func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        switch try changes.domainEvent(event) {
        case .listing(let listingEvent): try await apply(listingEvent, at: event.recordedAt, to: &changes)
        case .deal(let dealEvent): try await apply(dealEvent, to: &changes)
        case .reservation(.grantReserved(let e)):
            let grant = MarketGrant(itemID: e.itemID, grant: e.grant)
            changes.put(ReadModelTables.marketGrants, ReadModelRow(key: "\(e.itemID)#\(e.grant.dealID)", [
                "item_id": .text(e.itemID), "deal_id": .text(e.grant.dealID), "doc": .text(try ReadModelJSON.encode(grant)),
            ]))
        case .reservation(.grantReleased(let e)):
            changes.delete(ReadModelTables.marketGrants, "\(e.itemID)#\(e.dealID)")
        default:
            return
        }
    }

    private func apply(_ event: Listing.Event, at: Date, to changes: inout ReadModelChanges) async throws {
        func setStatus(_ id: ListingID, _ status: String) async throws {
            try await changes.update(ReadModelTables.marketListings, id) { row in
                var listing = try row.document(MarketListing.self)
                listing.status = status
                row = try Self.row(listing)
            }
        }
        func updateOffer(_ id: OfferID, _ body: @escaping (inout MarketOffer) -> Void) async throws {
            try await changes.update(ReadModelTables.marketOffers, id) { row in
                var offer = try row.document(MarketOffer.self)
                body(&offer)
                row = try Self.row(offer)
            }
        }
        switch event {
        case .drafted(let e):
            let listing = MarketListing(
                listingID: e.listingID, title: e.title, sourceItems: e.sourceItems, counties: e.counties.map(\.rawValue).sorted(),
                rightsHolders: e.rightsHolders, terms: e.terms, status: "draft")
            changes.put(ReadModelTables.marketListings, try Self.row(listing))
        case .submitted(let e): try await setStatus(e.listingID, "pendingApproval")
        case .published(let e): try await setStatus(e.listingID, "published")
        case .paused(let e): try await setStatus(e.listingID, "paused")
        case .resumed(let e): try await setStatus(e.listingID, "published")
        case .closed(let e): try await setStatus(e.listingID, "closed")
        case .offerMade(let e):
            let offer = MarketOffer(
                offerID: e.offerID, listingID: e.listingID, buyer: e.buyer, terms: e.terms, validUntil: e.validUntil,
                status: "open", dealID: nil)
            changes.put(ReadModelTables.marketOffers, try Self.row(offer))
        case .offerCountered(let e):
            try await updateOffer(e.offerID) { offer in
                offer.terms = e.terms
                offer.validUntil = e.validUntil
                offer.status = "countered"
            }
        case .offerWithdrawn(let e): try await updateOffer(e.offerID) { $0.status = "withdrawn" }
        case .offerRejected(let e): try await updateOffer(e.offerID) { $0.status = "rejected" }
        case .offerExpired(let e): try await updateOffer(e.offerID) { $0.status = "expired" }
        case .offerAccepted(let e):
            try await updateOffer(e.offerID) { offer in
                offer.status = "accepted"
                offer.dealID = e.dealID
            }
        }
    }

    private func apply(_ event: Deal.Event, to changes: inout ReadModelChanges) async throws {
        func updateDeal(_ id: DealID, _ body: @escaping (inout MarketDeal) -> Void) async throws {
            try await changes.update(ReadModelTables.marketDeals, id) { row in
                var deal = try row.document(MarketDeal.self)
                body(&deal)
                row = try Self.row(deal)
            }
        }
        switch event {
        case .created(let e):
            let deal = MarketDeal(
                dealID: e.dealID, listingID: e.listingID, offerID: e.offerID, sourceItems: e.sourceItems,
                counties: e.counties.map(\.rawValue).sorted(), licensee: e.licensee, terms: e.terms,
                status: "pendingSignature", paidMinor: 0)
            changes.put(ReadModelTables.marketDeals, try Self.row(deal))
        case .signed: return
        case .activated(let e): try await updateDeal(e.dealID) { $0.status = "active" }
        case .paymentRecorded(let e): try await updateDeal(e.dealID) { $0.paidMinor += e.amount.amountMinor }
        case .terminated(let e): try await updateDeal(e.dealID) { $0.status = "terminated" }
        case .expired(let e): try await updateDeal(e.dealID) { $0.status = "expired" }
        }
    }

    static func row(_ listing: MarketListing) throws -> ReadModelRow {
        ReadModelRow(key: listing.listingID, [
            "status": .text(listing.status), "counties": .text("|" + listing.counties.joined(separator: "|") + "|"),
            "doc": .text(try ReadModelJSON.encode(listing)),
        ])
    }

    static func row(_ offer: MarketOffer) throws -> ReadModelRow {
        ReadModelRow(key: offer.offerID, [
            "listing_id": .text(offer.listingID), "status": .text(offer.status),
            "valid_until_ms": .integer(CheckpointRecord.milliseconds(offer.validUntil)),
            "doc": .text(try ReadModelJSON.encode(offer)),
        ])
    }

    static func row(_ deal: MarketDeal) throws -> ReadModelRow {
        ReadModelRow(key: deal.dealID, [
            "listing_id": .text(deal.listingID), "status": .text(deal.status), "term_end": .text(deal.terms.term.end.description),
            "counties": .text("|" + deal.counties.joined(separator: "|") + "|"), "doc": .text(try ReadModelJSON.encode(deal)),
        ])
    }
}

public struct MarketListing: Sendable, Hashable, Codable {
    public var listingID: ListingID
    public var title: LangMap
    public var sourceItems: [ItemID]
    public var counties: [String]
    public var rightsHolders: [String]
    public var terms: Listing.Terms
    public var status: String
}

public struct MarketOffer: Sendable, Hashable, Codable {
    public var offerID: OfferID
    public var listingID: ListingID
    public var buyer: String
    public var terms: Listing.Terms
    public var validUntil: Date
    public var status: String
    public var dealID: DealID?
}

public struct MarketDeal: Sendable, Hashable, Codable {
    public var dealID: DealID
    public var listingID: ListingID
    public var offerID: OfferID
    public var sourceItems: [ItemID]
    public var counties: [String]
    public var licensee: String
    public var terms: Listing.Terms
    public var status: String
    public var paidMinor: Int64
}

/// A licence grant held on a source item.
public struct MarketGrant: Sendable, Hashable, Codable {
    public var itemID: ItemID
    public var grant: RightsReservation.Grant
}
