import Foundation
import Testing

@testable import Domain

@Suite struct ListingTests {
    func decide(_ command: Listing.Command, _ state: Listing.State, as actor: Actor = F.chen, facts: Facts = M.facts)
        throws(DomainError) -> [Listing.Event]
    {
        try Listing.decide(command, state: state, context: F.ctx(actor), facts: facts)
    }

    @Test func draftFromLicensableItems() throws {
        let state = M.run([(M.draft(items: ["I-1", "I-2"]), F.chen)])
        #expect(state.status == .draft && state.counties == [F.kaiping] && state.rightsHolders == ["自力村委会"])
        #expect(state.terms?.territories == [.cn, .hk, .mo] && state.terms?.exclusive == true)
        #expect(M.draft().streamID == "listing-L-1")
        #expect(Listing.requirements(for: M.draft(items: ["I-1", "I-2"]), context: F.ctx(F.chen)).streamIDs == ["item-I-1", "item-I-2"])
    }

    @Test func draftRefusals() throws {
        for items in [["CC"], ["D-0"], ["missing"], ["P-1"], ["I-1", "CC"]] {
            expectRefused("SOURCE_NOT_LICENSABLE", field: "sourceItems") { () throws(DomainError) in
                try decide(M.draft(items: items), .initial)
            }
        }
        #expect(refusal { () throws(DomainError) in try decide(M.draft(items: ["CC"]), .initial) }?.message.contains("CC (rights") == true)
        expectRefused("FIELD_REQUIRED", field: "sourceItems") { () throws(DomainError) in try decide(M.draft(items: []), .initial) }
        expectRefused("TERRITORY_REQUIRED", field: "terms.territories") { () throws(DomainError) in
            try decide(M.draft(terms: M.terms([])), .initial)
        }
        expectRefused("TERRITORY_INVALID") { () throws(DomainError) in try decide(M.draft(terms: M.terms(["XX"])), .initial) }
        expectRefused("USES_REQUIRED") { () throws(DomainError) in try decide(M.draft(terms: M.terms(uses: [])), .initial) }
        expectRefused("AMOUNT_INVALID", field: "terms.price") { () throws(DomainError) in try decide(M.draft(terms: M.terms(price: 0)), .initial) }
        expectRefused("BAD_DATE", field: "terms.term") { () throws(DomainError) in
            try decide(M.draft(terms: M.terms(["HK"], "2030-01-01", "2026-01-01")), .initial)
        }
        expectRefused("COUNTY_FORBIDDEN") { () throws(DomainError) in try decide(M.draft(), .initial, as: F.wu) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try decide(M.draft(), .initial, as: F.agent) }
        expectRefused("ALREADY_EXISTS") { () throws(DomainError) in try decide(M.draft(), M.published()) }
    }

    @Test func lifecycleTransitions() throws {
        let ref = Listing.ListingRef(listingID: "L-1")
        let drafted = M.run([(M.draft(), F.chen)])
        expectRefused("ILLEGAL_TRANSITION") { () throws(DomainError) in try decide(.approve(ref), drafted, as: F.li) }
        let pending = M.run([(.submit(ref), F.chen)], from: drafted)
        #expect(pending.status == .pendingApproval)
        expectRefused("SELF_REVIEW") { () throws(DomainError) in try decide(.approve(ref), pending, as: F.chen) }
        expectRefused("AGENT_CANNOT_APPROVE") { () throws(DomainError) in try decide(.approve(ref), pending, as: F.agent) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try decide(.approve(ref), pending, as: F.kiosk) }
        expectRefused("COUNTY_FORBIDDEN") { () throws(DomainError) in try decide(.approve(ref), pending, as: F.wu) }
        let published = M.run([(.approve(ref), F.li)], from: pending)
        #expect(published.status == .published)
        let paused = M.run([(.pause(ref), F.chen)], from: published)
        #expect(paused.status == .paused)
        #expect(M.run([(.resume(ref), F.chen)], from: paused).status == .published)
        let closed = M.run([(.close(.init(listingID: "L-1", reason: "授权期满")), F.chen)], from: paused)
        #expect(closed.status == .closed && closed.closingReason == "授权期满")
        let error = refusal { () throws(DomainError) in try decide(.resume(ref), closed) }
        #expect(error?.message == "ILLEGAL_TRANSITION: closed→published")
        expectRefused("ILLEGAL_TRANSITION") { () throws(DomainError) in try decide(.pause(ref), paused) }
        expectRefused("ILLEGAL_TRANSITION") { () throws(DomainError) in try decide(.close(.init(listingID: "L-1")), drafted) }
        expectRefused("NOT_FOUND") { () throws(DomainError) in try decide(.submit(ref), .initial) }
    }
}

@Suite struct OfferTests {
    func decide(_ command: Listing.Command, _ state: Listing.State, as actor: Actor = F.chen, now: Date = F.now)
        throws(DomainError) -> [Listing.Event]
    {
        try Listing.decide(command, state: state, context: F.ctx(actor, now), facts: M.facts)
    }

    @Test func makeOfferWithinTheListing() throws {
        let state = M.withOffer()
        let offer = try #require(state.offers["O-1"])
        #expect(offer.status == .open && offer.terms.exclusive && offer.terms.territories == [.hk])
        expectRefused("ALREADY_EXISTS") { () throws(DomainError) in try decide(M.offer(), state) }
    }

    @Test func offerRefusals() throws {
        let listing = M.published()
        expectRefused("OFFER_EXCEEDS_LISTING", field: "terms.territories") { () throws(DomainError) in
            try decide(M.offer(terms: M.terms(["HK", "TW"])), listing)
        }
        expectRefused("OFFER_EXCEEDS_LISTING", field: "terms.term") { () throws(DomainError) in
            try decide(M.offer(terms: M.terms(["HK"], "2025-01-01", "2027-12-31")), listing)
        }
        expectRefused("OFFER_EXCEEDS_LISTING", field: "terms.uses") { () throws(DomainError) in
            try decide(M.offer(terms: M.terms(["HK"], uses: [.derive])), listing)
        }
        expectRefused("CURRENCY_MISMATCH") { () throws(DomainError) in try decide(M.offer(terms: M.terms(["HK"], currency: .cny)), listing) }
        expectRefused("AMOUNT_INVALID") { () throws(DomainError) in try decide(M.offer(terms: M.terms(["HK"], price: -5)), listing) }
        expectRefused("TERRITORY_REQUIRED") { () throws(DomainError) in try decide(M.offer(terms: M.terms([])), listing) }
        expectRefused("FIELD_REQUIRED", field: "buyer") { () throws(DomainError) in
            try decide(.makeOffer(.init(listingID: "L-1", offerID: "O-2", buyer: " ", terms: M.terms(["HK"]), validUntil: M.later)), listing)
        }
        expectRefused("BAD_DATE", field: "validUntil") { () throws(DomainError) in
            try decide(.makeOffer(.init(listingID: "L-1", offerID: "O-2", buyer: "x", terms: M.terms(["HK"]), validUntil: F.now)), listing)
        }
        let paused = M.run([(.pause(.init(listingID: "L-1")), F.chen)], from: listing)
        expectRefused("LISTING_NOT_PUBLISHED") { () throws(DomainError) in try decide(M.offer(), paused) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try decide(M.offer(), listing, as: F.kiosk) }
    }

    @Test func counterWithdrawRejectExpire() throws {
        let state = M.withOffer()
        let counter = Listing.Command.counterOffer(.init(listingID: "L-1", offerID: "O-1", terms: M.terms(["HK"], price: 12_000_000), validUntil: M.later))
        let countered = M.run([(counter, F.chen)], from: state)
        #expect(countered.offers["O-1"]?.status == .countered && countered.offers["O-1"]?.terms.price.amountMinor == 12_000_000)
        #expect(try decide(counter, countered).count == 1)  // may be countered again
        let ref = Listing.OfferRef(listingID: "L-1", offerID: "O-1")
        let withdrawn = M.run([(.withdrawOffer(ref), F.chen)], from: countered)
        #expect(withdrawn.offers["O-1"]?.status == .withdrawn)
        for command in [counter, .withdrawOffer(ref), .rejectOffer(ref), .expireOffer(ref)] {
            expectRefused("OFFER_NOT_OPEN", field: "offerID") { () throws(DomainError) in try decide(command, withdrawn) }
        }
        #expect(M.run([(.rejectOffer(ref), F.chen)], from: state).offers["O-1"]?.status == .rejected)
        expectRefused("ILLEGAL_TRANSITION") { () throws(DomainError) in try decide(.expireOffer(ref), state) }
        let expired = try decide(.expireOffer(ref), state, now: M.later.addingTimeInterval(1)).reduce(state, Listing.evolve)
        #expect(expired.offers["O-1"]?.status == .expired)
        expectRefused("NOT_FOUND", field: "offerID") { () throws(DomainError) in
            try decide(.rejectOffer(.init(listingID: "L-1", offerID: "nope")), state)
        }
        expectRefused("OFFER_EXCEEDS_LISTING") { () throws(DomainError) in
            try decide(.counterOffer(.init(listingID: "L-1", offerID: "O-1", terms: M.terms(["US"]), validUntil: M.later)), state)
        }
    }
}
