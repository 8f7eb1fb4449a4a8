import Domain
import Foundation

/// The market as a county (or everyone) sees it.
public struct MarketView: Sendable, Hashable, Codable {
    public struct ListingView: Sendable, Hashable, Codable {
        public var listing: MarketListing
        /// Grants already held on the listing's source items, per territory of the listing, that overlap its term.
        public var heldGrants: [Territory: [MarketGrant]]
        /// The listing's territories where no exclusive grant overlapping its term is held.
        public var availableTerritories: [Territory]
        public var openOffers: [MarketOffer]
    }

    public var listings: [ListingView]
    /// Pending or active deals whose term ends within 60 days of the day asked about.
    public var expiringDeals: [MarketDeal]
}

extension ReadModels {
    /// Published listings (of `county`'s items, or all), their availability and open offers, and deals expiring
    /// within 60 days of `now` (days in China Standard Time).
    public func market(county: String? = nil, now: Date) async throws -> MarketView {
        let generation = try await generation("market")
        var listingConditions: [Condition] = [.equals("status", "published")]
        if let county { listingConditions.append(.contains("counties", "|\(county)|")) }
        let listings = try await storage.select(ReadModelTables.marketListings, generation: generation, ReadModelQuery(listingConditions))
            .map { try $0.document(MarketListing.self) }
        var views: [MarketView.ListingView] = []
        for listing in listings {
            let offers = try await storage.select(
                ReadModelTables.marketOffers, generation: generation,
                ReadModelQuery([.equals("listing_id", .text(listing.listingID)), .isIn("status", ["open", "countered"])]))
                .map { try $0.document(MarketOffer.self) }
            let grants = try await storage.select(
                ReadModelTables.marketGrants, generation: generation,
                ReadModelQuery([.isIn("item_id", listing.sourceItems.map(SQLValue.text))]))
                .map { try $0.document(MarketGrant.self) }
            var held: [Territory: [MarketGrant]] = [:]
            var available: [Territory] = []
            for territory in listing.terms.territories.sorted() {
                let overlapping = grants.filter {
                    $0.grant.territories.contains(territory) && $0.grant.term.intersects(listing.terms.term)
                }
                if !overlapping.isEmpty { held[territory] = overlapping }
                if !overlapping.contains(where: \.grant.exclusive) { available.append(territory) }
            }
            views.append(MarketView.ListingView(listing: listing, heldGrants: held, availableTerritories: available, openOffers: offers))
        }
        let (today, horizon) = Self.days(from: now, plus: 60)
        var dealConditions: [Condition] = [
            .isIn("status", ["pendingSignature", "active"]), .greaterOrEqual("term_end", .text(today)),
            .lessOrEqual("term_end", .text(horizon)),
        ]
        if let county { dealConditions.append(.contains("counties", "|\(county)|")) }
        let deals = try await storage.select(
            ReadModelTables.marketDeals, generation: generation, ReadModelQuery(dealConditions, orderBy: [.asc("term_end")]))
            .map { try $0.document(MarketDeal.self) }
        return MarketView(listings: views.sorted { $0.listing.listingID < $1.listing.listingID }, expiringDeals: deals)
    }

    static func days(from now: Date, plus days: Int) -> (String, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        func format(_ date: Date) -> String {
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        return (format(now), format(calendar.date(byAdding: .day, value: days, to: now) ?? now))
    }
}
