extension Listing {
    /// Applies an event. Total: never fails.
    public static func evolve(_ state: State, _ event: Event) -> State {
        var next = state
        switch event {
        case .drafted(let e):
            next = .initial
            next.status = .draft
            next.id = e.listingID
            next.title = e.title
            next.sourceItems = e.sourceItems
            next.counties = Set(e.counties)
            next.rightsHolders = e.rightsHolders
            next.terms = e.terms
            next.author = e.author
        case .submitted: next.status = .pendingApproval
        case .published, .resumed: next.status = .published
        case .paused: next.status = .paused
        case .closed(let e):
            next.status = .closed
            next.closingReason = e.reason
        case .offerMade(let e):
            next.offers[e.offerID] = Offer(
                offerID: e.offerID, buyer: e.buyer, terms: e.terms, validUntil: e.validUntil, status: .open,
                madeBy: e.madeBy, acceptedDealID: nil)
        case .offerCountered(let e):
            next.offers[e.offerID]?.terms = e.terms
            next.offers[e.offerID]?.validUntil = e.validUntil
            next.offers[e.offerID]?.status = .countered
        case .offerWithdrawn(let e): next.offers[e.offerID]?.status = .withdrawn
        case .offerRejected(let e): next.offers[e.offerID]?.status = .rejected
        case .offerExpired(let e): next.offers[e.offerID]?.status = .expired
        case .offerAccepted(let e):
            next.offers[e.offerID]?.status = .accepted
            next.offers[e.offerID]?.acceptedDealID = e.dealID
        }
        return next
    }
}
