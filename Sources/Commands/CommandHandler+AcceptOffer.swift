import Domain
import EventLog

extension CommandHandler {
    /// AcceptOffer, and the exclusivity invariant: no two exclusive grants of the same source item overlap in
    /// territory and term, across all listings, even when two accepts race on different listings.
    ///
    /// Every source item has a reservation stream `rights-<itemID>` holding the grants on it, whatever the
    /// listing. The decision reads the listing, the (absent) deal and the reservation stream of every source
    /// item, and its events go to all of them in ONE atomic multi-stream append, each with the version it was
    /// read at. Two accepts racing on different listings of the same item both write `rights-<item>` at the same
    /// expected version, so the store lets exactly one through; the other gets `wrongExpectedVersion`, reloads,
    /// sees the winner's grant and is refused with `EXCLUSIVITY_CONFLICT` (or, if the grants do not conflict,
    /// succeeds on its next attempt).
    ///
    /// Why not a global lock (an advisory lock, `LOCK TABLE`, a single-writer queue for the market): it would
    /// serialize every accept of every item in the province and would have to be held across read, decide and
    /// append — outside the store's transaction, on every store (SQLite kiosks too). The reservation stream makes
    /// the item, the invariant's true scope, the unit of contention, uses only the store's ordinary optimistic
    /// concurrency, and leaves the grant history in the log where audits and projections read it.
    func decideAcceptOffer(_ command: Listing.AcceptOffer, _ request: CommandRequest) async throws(CommandError) -> Decision {
        let dealStream = try AggregateLoader.streamID(Deal.streamID(for: command.dealID), field: "dealID")
        let listing: LoadedAggregate<Listing>
        let companions = { (state: Listing.State) -> [StreamID] in
            [dealStream] + state.sourceItems.sorted().compactMap { try? StreamID(RightsReservation.streamID(for: $0)) }
        }
        switch try await loadTarget(Listing.self, request, companions: companions) {
        case .failure(let applied): return .alreadyApplied(applied.outcome)
        case .success(let loaded): listing = loaded
        }
        let deal = try await loader.load(Deal.self, stream: dealStream)
        var reservations: [ItemID: LoadedAggregate<RightsReservation>] = [:]
        for item in listing.state.sourceItems {
            reservations[item] = try await loader.load(RightsReservation.self, id: item)
        }
        let decision: Listing.AcceptOfferDecision
        do throws(DomainError) {
            decision = try Listing.decideAcceptOffer(
                command, listing: listing.state, reservations: reservations.mapValues(\.state), deal: deal.state,
                context: request.context)
        } catch {
            throw .rejected(error)
        }
        let listingCounty = listing.state.counties.min()
        let itemCounties = try await counties(of: listing.state.sourceItems, within: listing.state.counties)
        var writes = [
            try StreamWrite(listing.streamID, expected: listing.expected, events: decision.listingEvents, county: listingCounty),
            try StreamWrite(deal.streamID, expected: deal.expected, events: decision.dealEvents, county: listingCounty),
        ]
        for item in decision.reservationEvents.keys.sorted() {
            guard let reservation = reservations[item] else { continue }
            writes.append(try StreamWrite(
                reservation.streamID, expected: reservation.expected, events: decision.reservationEvents[item] ?? [],
                county: itemCounties[item] ?? listingCounty))
        }
        return .write(writes)
    }

    /// A deal command. When its events end the deal (DealTerminated, DealExpired), the deal's grants are released
    /// in the same atomic append (``Deal/reservationReleases(for:events:)``), on the reservation streams that
    /// still hold them, with their expected versions.
    func decideDeal(_ command: Deal.Command, _ request: CommandRequest) async throws(CommandError) -> Decision {
        let deal: LoadedAggregate<Deal>
        let companions = { (state: Deal.State) -> [StreamID] in
            state.sourceItems.sorted().compactMap { try? StreamID(RightsReservation.streamID(for: $0)) }
        }
        switch try await loadTarget(Deal.self, request, companions: companions) {
        case .failure(let applied): return .alreadyApplied(applied.outcome)
        case .success(let loaded): deal = loaded
        }
        let events: [Deal.Event]
        do throws(DomainError) {
            events = try Deal.decide(command, state: deal.state, context: request.context)
        } catch {
            throw .rejected(error)
        }
        let dealCounty = deal.state.counties.min()
        var writes = [try StreamWrite(deal.streamID, expected: deal.expected, events: events, county: dealCounty)]
        let releases = Deal.reservationReleases(for: deal.state, events: events)
        guard !releases.isEmpty else { return .write(writes) }
        let itemCounties = try await counties(of: releases.keys.sorted(), within: deal.state.counties)
        for item in releases.keys.sorted() {
            let reservation = try await loader.load(RightsReservation.self, id: item)
            guard reservation.state.grants.contains(where: { $0.dealID == deal.state.id }) else { continue }
            writes.append(try StreamWrite(
                reservation.streamID, expected: reservation.expected, events: releases[item] ?? [],
                county: itemCounties[item] ?? dealCounty))
        }
        return .write(writes)
    }
}
