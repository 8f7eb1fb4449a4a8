extension Listing {
    /// AcceptOffer: decided against the listing, the reservation of every source item and the (absent) deal.
    public struct AcceptOffer: Sendable, Equatable, Codable {
        public var listingID: ListingID
        public var offerID: OfferID
        /// The id of the deal to create (chosen by the caller).
        public var dealID: DealID

        public init(listingID: ListingID, offerID: OfferID, dealID: DealID) {
            self.listingID = listingID
            self.offerID = offerID
            self.dealID = dealID
        }
    }

    /// The events of an accepted offer, per stream. The handler appends all of them in ONE atomic multi-stream
    /// append, each stream with the expected version it was read at (`deal-<id>`: no stream); on a version
    /// conflict it reloads and decides again.
    public struct AcceptOfferDecision: Sendable, Equatable {
        /// → `listing-<listingID>`: OfferAccepted.
        public var listingEvents: [Event]
        /// → `deal-<dealID>`: DealCreated.
        public var dealEvents: [Deal.Event]
        /// → `rights-<itemID>` for every source item: GrantReserved.
        public var reservationEvents: [ItemID: [RightsReservation.Event]]

        /// Every (stream id, number of events) this decision writes, listing first.
        public var streamIDs: [String] {
            guard case .offerAccepted(let accepted)? = listingEvents.first else { return [] }
            return [Listing.streamID(for: accepted.listingID), Deal.streamID(for: accepted.dealID)]
                + reservationEvents.keys.sorted().map(RightsReservation.streamID(for:))
        }
    }

    /// The reservation streams AcceptOffer must read: `rights-<itemID>` of every source item.
    public static func reservationStreams(for state: State) -> [String] {
        state.sourceItems.map(RightsReservation.streamID(for:))
    }

    /// Decides AcceptOffer.
    ///
    /// - Parameters:
    ///   - listing: state of `listing-<listingID>`.
    ///   - reservations: state of `rights-<itemID>` for EVERY source item (``RightsReservation/State/initial`` for
    ///     an empty stream); a missing entry is refused with `NOT_FOUND` rather than skipping the check.
    ///   - deal: state of `deal-<dealID>` (must not exist: `ALREADY_EXISTS`).
    /// - Throws: `NOT_FOUND`, `FORBIDDEN`/`COUNTY_FORBIDDEN`, `LISTING_NOT_PUBLISHED`, `OFFER_NOT_OPEN` (also when
    ///   `validUntil` has passed), `EXCLUSIVITY_CONFLICT: HK 2026–2028 held by deal D-17 (item …)`.
    public static func decideAcceptOffer(
        _ command: AcceptOffer, listing: State, reservations: [ItemID: RightsReservation.State], deal: Deal.State,
        context: CommandContext
    ) throws(DomainError) -> AcceptOfferDecision {
        guard listing.exists, let listed = listing.terms else {
            throw DomainError(ErrorCode.notFound, field: "listingID", "listing \(command.listingID) does not exist")
        }
        try context.actor.authorize(.trade(counties: listing.counties))
        try requirePublished(listing)
        let offer = try openOffer(listing, command.offerID)
        guard context.now <= offer.validUntil else {
            throw DomainError(ErrorCode.offerNotOpen, field: "offerID", "offer \(offer.offerID) has expired")
        }
        let dealID = try Identifier.validated(command.dealID, field: "dealID")
        guard !deal.exists else { throw DomainError(ErrorCode.alreadyExists, field: "dealID", "deal \(dealID) exists") }
        let grant = RightsReservation.Grant(
            dealID: dealID, listingID: listing.id, territories: offer.terms.territories, term: offer.terms.term,
            exclusive: listed.exclusive)
        var reservationEvents: [ItemID: [RightsReservation.Event]] = [:]
        for itemID in listing.sourceItems {
            guard let reservation = reservations[itemID] else {
                throw DomainError(
                    ErrorCode.notFound, field: "reservations", "the reservation of item \(itemID) was not loaded")
            }
            reservationEvents[itemID] = try RightsReservation.decide(.reserve(itemID: itemID, grant: grant), state: reservation)
        }
        let accepted = OfferAccepted(
            listingID: listing.id, offerID: offer.offerID, dealID: dealID, acceptedBy: context.actor.id)
        let created = Deal.Created(
            dealID: dealID, listingID: listing.id, offerID: offer.offerID, sourceItems: listing.sourceItems,
            counties: listing.counties.sorted(), licensors: listing.rightsHolders, licensee: offer.buyer,
            terms: offer.terms, createdAt: context.now)
        return AcceptOfferDecision(
            listingEvents: [.offerAccepted(accepted)], dealEvents: [.created(created)],
            reservationEvents: reservationEvents)
    }
}
