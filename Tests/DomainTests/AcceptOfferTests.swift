import Foundation
import Testing

@testable import Domain

@Suite struct AcceptOfferTests {
    let empty: [ItemID: RightsReservation.State] = ["I-1": .initial, "I-2": .initial]

    func reservations(after decision: Listing.AcceptOfferDecision, from base: [ItemID: RightsReservation.State])
        -> [ItemID: RightsReservation.State]
    {
        var result = base
        for (itemID, events) in decision.reservationEvents { result[itemID] = events.reduce(result[itemID] ?? .initial, RightsReservation.evolve) }
        return result
    }

    @Test func acceptWritesToListingDealAndEveryReservation() throws {
        let listing = M.withOffer(items: ["I-1", "I-2"])
        let decision = try #require(M.accept(listing, "O-1", deal: "D-17", reservations: empty))
        #expect(decision.streamIDs == ["listing-L-1", "deal-D-17", "rights-I-1", "rights-I-2"])
        #expect(Listing.reservationStreams(for: listing) == ["rights-I-1", "rights-I-2"])
        guard case .offerAccepted(let accepted)? = decision.listingEvents.first, case .created(let created)? = decision.dealEvents.first
        else { Issue.record("wrong events"); return }
        #expect(accepted.dealID == "D-17" && created.licensee == "港影文化有限公司" && created.terms.territories == [.hk])
        #expect(decision.reservationEvents["I-1"]?.count == 1 && decision.reservationEvents["I-2"]?.count == 1)
        let after = decision.listingEvents.reduce(listing, Listing.evolve)
        #expect(after.offers["O-1"]?.status == .accepted && after.offers["O-1"]?.acceptedDealID == "D-17")
        let deal = decision.dealEvents.reduce(Deal.State.initial, Deal.evolve)
        #expect(deal.status == .pendingSignature && deal.sourceItems == ["I-1", "I-2"])
        expectRefused("OFFER_NOT_OPEN") { () throws(DomainError) in
            try Listing.decideAcceptOffer(.init(listingID: "L-1", offerID: "O-1", dealID: "D-18"), listing: after,
                reservations: empty, deal: .initial, context: F.ctx(F.chen))
        }
    }

    @Test func overlappingExclusiveGrantAcrossListingsConflicts() throws {
        let first = M.withOffer("L-1", items: ["I-1"])
        let decision = try #require(M.accept(first, "O-1", deal: "D-17", reservations: empty))
        let held = reservations(after: decision, from: empty)
        // Another listing of the same item; an offer for HK and MO in 2028–2029 overlaps HK 2026–2028.
        let second = M.withOffer("L-2", "O-9", items: ["I-1", "I-2"], terms: M.terms(["HK", "MO"], "2028-06-01", "2029-12-31"))
        let error = refusal { () throws(DomainError) in
            try Listing.decideAcceptOffer(.init(listingID: "L-2", offerID: "O-9", dealID: "D-18"), listing: second,
                reservations: held, deal: .initial, context: F.ctx(F.chen))
        }
        #expect(error?.code == "EXCLUSIVITY_CONFLICT")
        #expect(error?.message == "EXCLUSIVITY_CONFLICT: HK 2026–2028 held by deal D-17 (item I-1)")
        // Disjoint territory, or a later term, is fine.
        for terms in [M.terms(["MO"], "2026-01-01", "2028-12-31"), M.terms(["HK"], "2029-01-01", "2030-12-31")] {
            let other = M.withOffer("L-2", "O-9", items: ["I-1"], terms: terms)
            #expect(M.accept(other, "O-9", deal: "D-18", reservations: held) != nil)
        }
    }

    @Test func nonExclusiveGrantsCoexistButNotWithExclusiveOnes() throws {
        let open1 = M.withOffer("L-3", "A", items: ["I-2"], exclusive: false)
        let d1 = try #require(M.accept(open1, "A", deal: "N-1", reservations: empty))
        let held = reservations(after: d1, from: empty)
        let open2 = M.withOffer("L-4", "B", items: ["I-2"], exclusive: false)
        #expect(M.accept(open2, "B", deal: "N-2", reservations: held) != nil)
        let exclusive = M.withOffer("L-5", "C", items: ["I-2"], exclusive: true)
        expectRefused("EXCLUSIVITY_CONFLICT") { () throws(DomainError) in
            try Listing.decideAcceptOffer(.init(listingID: "L-5", offerID: "C", dealID: "X-1"), listing: exclusive,
                reservations: held, deal: .initial, context: F.ctx(F.chen))
        }
    }

    @Test func releasedGrantFreesTheTerritory() throws {
        let first = M.withOffer("L-1", items: ["I-1"])
        let decision = try #require(M.accept(first, "O-1", deal: "D-17", reservations: empty))
        var held = reservations(after: decision, from: empty)
        var deal = decision.dealEvents.reduce(Deal.State.initial, Deal.evolve)
        let ended = try Deal.decide(.terminate(.init(dealID: "D-17", reason: "买方违约")), state: deal, context: F.ctx(F.chen))
        deal = ended.reduce(deal, Deal.evolve)
        let releases = Deal.reservationReleases(for: deal, events: ended)
        #expect(releases.keys.sorted() == ["I-1"])
        for (itemID, events) in releases { held[itemID] = events.reduce(held[itemID]!, RightsReservation.evolve) }
        #expect(held["I-1"]?.grants.isEmpty == true)
        let second = M.withOffer("L-2", "O-9", items: ["I-1"])
        #expect(M.accept(second, "O-9", deal: "D-18", reservations: held) != nil)
        // Releasing again is a no-op.
        #expect(try RightsReservation.decide(.release(itemID: "I-1", dealID: "D-17", reason: "x"), state: held["I-1"]!).isEmpty)
        #expect(Deal.reservationReleases(for: deal, events: [.activated(.init(dealID: "D-17", activatedAt: F.now))]).isEmpty)
    }

    @Test func refusals() throws {
        let listing = M.withOffer(items: ["I-1", "I-2"])
        func accept(_ listing: Listing.State, offer: OfferID = "O-1", reservations: [ItemID: RightsReservation.State]? = nil,
                    deal: Deal.State = .initial, actor: Actor = F.chen, now: Date = F.now) throws(DomainError) -> Listing.AcceptOfferDecision {
            try Listing.decideAcceptOffer(.init(listingID: "L-1", offerID: offer, dealID: "D-1"), listing: listing,
                reservations: reservations ?? empty, deal: deal, context: F.ctx(actor, now))
        }
        expectRefused("NOT_FOUND", field: "reservations") { () throws(DomainError) in try accept(listing, reservations: ["I-1": .initial]) }
        expectRefused("NOT_FOUND", field: "offerID") { () throws(DomainError) in try accept(listing, offer: "nope") }
        expectRefused("NOT_FOUND", field: "listingID") { () throws(DomainError) in try accept(.initial) }
        expectRefused("OFFER_NOT_OPEN") { () throws(DomainError) in try accept(listing, now: M.later.addingTimeInterval(1)) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try accept(listing, actor: F.agent) }
        expectRefused("COUNTY_FORBIDDEN") { () throws(DomainError) in try accept(listing, actor: F.wu) }
        let paused = M.run([(.pause(.init(listingID: "L-1")), F.chen)], from: listing)
        expectRefused("LISTING_NOT_PUBLISHED") { () throws(DomainError) in try accept(paused) }
        let existing = try #require(M.accept(listing, "O-1", deal: "D-1", reservations: empty)).dealEvents.reduce(Deal.State.initial, Deal.evolve)
        expectRefused("ALREADY_EXISTS", field: "dealID") { () throws(DomainError) in try accept(listing, deal: existing) }
    }
}

@Suite struct DealTests {
    var pending: Deal.State {
        let decision = M.accept(M.withOffer(), "O-1", deal: "D-1", reservations: ["I-1": .initial])!
        return decision.dealEvents.reduce(Deal.State.initial, Deal.evolve)
    }
    func decide(_ command: Deal.Command, _ state: Deal.State, as actor: Actor = F.chen, now: Date = F.now) throws(DomainError) -> [Deal.Event] {
        try Deal.decide(command, state: state, context: F.ctx(actor, now))
    }
    func run(_ commands: [Deal.Command], _ state: Deal.State) throws -> Deal.State {
        var state = state
        for command in commands { state = try decide(command, state).reduce(state, Deal.evolve) }
        return state
    }

    @Test func bothPartiesSignThenActive() throws {
        #expect(Deal.streamID(for: "D-1") == "deal-D-1")
        let one = try run([.sign(.init(dealID: "D-1", party: .licensor, signatory: "关主任"))], pending)
        #expect(one.status == .pendingSignature)
        let error = refusal { () throws(DomainError) in try decide(.activate(.init(dealID: "D-1")), one) }
        #expect(error?.code == "SIGNATURE_MISSING" && error?.message.contains("licensee") == true)
        expectRefused("SIGNATURE_MISSING") { () throws(DomainError) in
            try decide(.recordPayment(.init(dealID: "D-1", paymentID: "P-1", amount: .init(amountMinor: 1, currency: .hkd))), one)
        }
        expectRefused("ALREADY_SIGNED") { () throws(DomainError) in try decide(.sign(.init(dealID: "D-1", party: .licensor, signatory: "x")), one) }
        expectRefused("FIELD_REQUIRED", field: "signatory") { () throws(DomainError) in
            try decide(.sign(.init(dealID: "D-1", party: .licensee, signatory: "")), one)
        }
        let events = try decide(.sign(.init(dealID: "D-1", party: .licensee, signatory: "陈经理")), one)
        #expect(events.count == 2)
        guard case .activated = events.last else { Issue.record("no DealActivated"); return }
        let active = events.reduce(one, Deal.evolve)
        #expect(active.status == .active && active.signatures.count == 2)
        expectRefused("ILLEGAL_TRANSITION") { () throws(DomainError) in try decide(.activate(.init(dealID: "D-1")), active) }
    }

    @Test func activateWhenBothSignedExplicitly() throws {
        var state = pending
        state.signatures = [.licensor: "a", .licensee: "b"]
        #expect(try decide(.activate(.init(dealID: "D-1")), state).count == 1)
    }

    @Test func payments() throws {
        let active = try run([.sign(.init(dealID: "D-1", party: .licensor, signatory: "a")), .sign(.init(dealID: "D-1", party: .licensee, signatory: "b"))], pending)
        let paid = try run([.recordPayment(.init(dealID: "D-1", paymentID: "P-1", amount: .init(amountMinor: 5_000_000, currency: .hkd)))], active)
        #expect(paid.paidMinor == 5_000_000)
        expectRefused("CURRENCY_MISMATCH", field: "amount.currency") { () throws(DomainError) in
            try decide(.recordPayment(.init(dealID: "D-1", paymentID: "P-2", amount: .init(amountMinor: 5, currency: .mop))), active)
        }
        expectRefused("AMOUNT_INVALID") { () throws(DomainError) in
            try decide(.recordPayment(.init(dealID: "D-1", paymentID: "P-2", amount: .init(amountMinor: 0, currency: .hkd))), active)
        }
        expectRefused("ALREADY_EXISTS") { () throws(DomainError) in
            try decide(.recordPayment(.init(dealID: "D-1", paymentID: "P-1", amount: .init(amountMinor: 5, currency: .hkd))), paid)
        }
    }

    @Test func terminateAndExpire() throws {
        expectRefused("REASON_REQUIRED") { () throws(DomainError) in try decide(.terminate(.init(dealID: "D-1", reason: " ")), pending) }
        let terminated = try run([.terminate(.init(dealID: "D-1", reason: "双方协商"))], pending)
        #expect(terminated.status == .terminated)
        expectRefused("ILLEGAL_TRANSITION") { () throws(DomainError) in try decide(.terminate(.init(dealID: "D-1", reason: "x")), terminated) }
        expectRefused("TERM_NOT_ENDED") { () throws(DomainError) in try decide(.expire(.init(dealID: "D-1")), pending) }
        let after = Date(timeIntervalSince1970: 1_861_920_000 + 86_400 * 30)  // 2029-01-30
        let expired = try decide(.expire(.init(dealID: "D-1")), pending, now: after).reduce(pending, Deal.evolve)
        #expect(expired.status == .expired)
        expectRefused("NOT_FOUND") { () throws(DomainError) in try decide(.expire(.init(dealID: "D-9")), .initial) }
        expectRefused("COUNTY_FORBIDDEN") { () throws(DomainError) in try decide(.terminate(.init(dealID: "D-1", reason: "x")), pending, as: F.wu) }
    }
}
