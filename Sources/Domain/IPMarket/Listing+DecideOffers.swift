import Foundation

extension Listing {
    /// MakeOffer, CounterOffer, WithdrawOffer, RejectOffer, ExpireOffer.
    static func decideOffer(_ command: Command, state: State, context: CommandContext) throws(DomainError) -> [Event] {
        let id = state.id
        switch command {
        case .makeOffer(let c):
            try requirePublished(state)
            let offerID = try Identifier.validated(c.offerID, field: "offerID")
            guard state.offers[offerID] == nil else {
                throw DomainError(ErrorCode.alreadyExists, field: "offerID", "offer \(offerID) already exists")
            }
            let buyer = try Text.required(c.buyer, field: "buyer", what: "the buyer")
            let terms = try offerTerms(c.terms, state: state)
            try requireFuture(c.validUntil, context: context)
            return [.offerMade(OfferMade(
                listingID: id, offerID: offerID, buyer: buyer, terms: terms, validUntil: c.validUntil,
                madeBy: context.actor.id))]
        case .counterOffer(let c):
            try requirePublished(state)
            _ = try openOffer(state, c.offerID)
            let terms = try offerTerms(c.terms, state: state)
            try requireFuture(c.validUntil, context: context)
            return [.offerCountered(OfferCountered(
                listingID: id, offerID: c.offerID, terms: terms, validUntil: c.validUntil, counteredBy: context.actor.id))]
        case .withdrawOffer(let c):
            _ = try openOffer(state, c.offerID)
            return [.offerWithdrawn(OfferEventRef(listingID: id, offerID: c.offerID))]
        case .rejectOffer(let c):
            _ = try openOffer(state, c.offerID)
            return [.offerRejected(OfferEventRef(listingID: id, offerID: c.offerID))]
        case .expireOffer(let c):
            let offer = try openOffer(state, c.offerID)
            guard context.now > offer.validUntil else {
                throw DomainError(
                    ErrorCode.illegalTransition, field: "offerID",
                    "offer \(c.offerID) is valid until \(offer.validUntil.formatted(.iso8601))")
            }
            return [.offerExpired(OfferEventRef(listingID: id, offerID: c.offerID))]
        default:
            return []
        }
    }

    static func requirePublished(_ state: State) throws(DomainError) {
        guard state.status == .published else {
            throw DomainError(
                ErrorCode.listingNotPublished, field: "listingID", "listing \(state.id) is \(state.status.rawValue)")
        }
    }

    /// The offer if it is open or countered: `NOT_FOUND`, `OFFER_NOT_OPEN`.
    static func openOffer(_ state: State, _ offerID: OfferID) throws(DomainError) -> Offer {
        guard let offer = state.offers[offerID] else {
            throw DomainError(ErrorCode.notFound, field: "offerID", "offer \(offerID) is not on listing \(state.id)")
        }
        guard offer.status.isOpen else {
            throw DomainError(ErrorCode.offerNotOpen, field: "offerID", "offer \(offerID) is \(offer.status.rawValue)")
        }
        return offer
    }

    /// Offer terms must lie within the listing's: uses, territories and term subsets, same currency.
    private static func offerTerms(_ input: TermsInput, state: State) throws(DomainError) -> Terms {
        guard let listed = state.terms else { return try validated(input, exclusive: false, field: "terms") }
        let terms = try validated(input, exclusive: listed.exclusive, field: "terms")
        guard terms.price.currency == listed.price.currency else {
            throw DomainError(
                ErrorCode.currencyMismatch, field: "terms.price.currency",
                "listing \(state.id) is priced in \(listed.price.currency.rawValue), not \(terms.price.currency.rawValue)")
        }
        let extraTerritories = terms.territories.subtracting(listed.territories).sorted().map(\.code)
        if !extraTerritories.isEmpty {
            throw DomainError(
                ErrorCode.offerExceedsListing, field: "terms.territories",
                "\(extraTerritories.joined(separator: ", ")) not offered (listing covers \(listed.territories.sorted().map(\.code).joined(separator: ", ")))")
        }
        guard listed.term.contains(terms.term) else {
            throw DomainError(
                ErrorCode.offerExceedsListing, field: "terms.term", "term \(terms.term) is outside the listing's \(listed.term)")
        }
        let extraUses = terms.uses.subtracting(listed.uses).sorted().map(\.rawValue)
        if !extraUses.isEmpty {
            throw DomainError(
                ErrorCode.offerExceedsListing, field: "terms.uses", "uses \(extraUses.joined(separator: ", ")) not offered")
        }
        return terms
    }

    private static func requireFuture(_ validUntil: Date, context: CommandContext) throws(DomainError) {
        guard validUntil > context.now else {
            throw DomainError(ErrorCode.badDate, field: "validUntil", "an offer must be valid until a moment after now")
        }
    }
}
