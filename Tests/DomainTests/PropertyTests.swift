import Foundation
import PropertyBased
import Testing

@testable import Domain

/// Random command sequences (each Int picks a command from a menu) against the real deciders.
@Suite struct PropertyTests {
    static let script = Gen.int(in: 0...999).array(of: 1...40)

    @Test func archiveReplayReproducesStateAndNothingIsPublishedUnready() async {
        let facts = F.facts
        var publications = 0
        await propertyCheck(count: 150, input: Self.script) { picks in
            let kind: ArchiveItem.Kind = picks[0] % 2 == 0 ? .oralHistory : .photo
            let menu: [(ArchiveItem.Command, Actor)] = [
                (F.register("X", kind: kind, people: true), F.chen),
                (.contribute(.init(itemID: "X", villageID: "zili", kind: kind, description: F.description(), depictsPeople: true, media: [F.jpeg])), F.kiosk),
                (.attachMedia(.init(itemID: "X", media: .init(mediaID: "m\(picks.count)", mimeType: "audio/flac", sha256: F.sha, durationSeconds: 9))), F.chen),
                (.attachMedia(.init(itemID: "X", media: .init(mediaID: "bad", mimeType: "image/png", sha256: F.sha))), F.chen),
                (.assignRights(.init(itemID: "X", rights: F.inC)), F.chen),
                (.assignRights(.init(itemID: "X", rights: .init(uri: "x", holder: "", attribution: ""))), F.chen),
                (.recordConsent(.init(itemID: "X", consent: .init(subject: "关伯", scopes: [.archive, .kiosk]))), F.chen),
                (.recordConsent(.init(itemID: "X", consent: .init(subject: "关伯", scopes: [.kiosk]))), F.chen),
                (.submitForReview(.init(itemID: "X")), F.chen),
                (.publish(.init(itemID: "X")), F.li), (.publish(.init(itemID: "X")), F.chen), (.publish(.init(itemID: "X")), F.agent),
                (.withdraw(.init(itemID: "X", reason: "r")), F.li),
                (.reviseDescription(.init(itemID: "X", description: F.description("新"))), F.admin),
            ]
            var state = ArchiveItem.State.initial
            var log: [ArchiveItem.Event] = []
            for pick in picks {
                let (command, actor) = menu[pick % menu.count]
                guard let events = try? ArchiveItem.decide(command, state: state, context: F.ctx(actor), facts: facts) else { continue }
                if events.contains(where: { if case .published = $0 { true } else { false } }) {
                    #expect(state.publicationBlockers.isEmpty, "published with blockers \(state.publicationBlockers)")
                    #expect(state.rights != nil && !state.media.isEmpty)
                    #expect(kind != .oralHistory || state.consentedScopes.contains(.archive))
                    #expect(!state.authors.contains(actor.id) && actor.isHuman)
                    publications += 1
                }
                state = events.reduce(state, ArchiveItem.evolve)
                log += events
            }
            #expect(log.reduce(ArchiveItem.State.initial, ArchiveItem.evolve) == state)
        }
        #expect(publications > 0, "the menu never reached a publication")
    }

    @Test func tourReplayAndPublishedVersionsNeverChange() async {
        let facts = T.facts
        var publications = 0
        await propertyCheck(count: 150, input: Self.script) { picks in
            let ref = T.ref
            var menu: [(Tour.Command, Actor)] = [
                (T.create, F.agent), (T.add("a", 1), F.agent), (T.add("b", 2), F.agent), (T.add("c", 1), F.chen),
                (.removeStop(.init(tourID: T.id, stopID: "a")), F.agent),
                (.reorderStops(.init(tourID: T.id, stopIDs: ["b", "a"])), F.agent),
                (.linkStopToItem(.init(tourID: T.id, stopID: "a", itemID: "I-1")), F.agent),
                (.submit(ref), F.agent), (.approve(ref), F.chen), (.approve(ref), F.agent),
                (.requestChanges(.init(tourID: T.id, comment: "again")), F.li), (.publishVersion(ref), F.li),
                (.startNewDraft(ref), F.agent), (.retire(.init(tourID: T.id, reason: "r")), F.admin),
            ]
            for stop in ["a", "b", "c"] {
                for language in ["yue-Hant", "zh-Hans"] { menu.append((T.script(stop, language, "\(stop)\(language)\(picks.count)"), F.agent)) }
            }
            // Weight the review path so that publications happen in most runs.
            for _ in 0..<3 { menu += [(.submit(ref), F.agent), (.approve(ref), F.chen), (.publishVersion(ref), F.li)] }
            // Half the runs start with a complete two-stop draft, so review and publication are reached often.
            let bootstrap = picks[0] % 2 == 0 ? [0, 1, 2, 14, 15, 16, 17] : []
            var state = Tour.State.initial
            var log: [Tour.Event] = []
            for pick in bootstrap + picks {
                let (command, actor) = menu[pick % menu.count]
                guard let events = try? Tour.decide(command, state: state, context: F.ctx(actor), facts: facts) else { continue }
                let next = events.reduce(state, Tour.evolve)
                #expect(Array(next.publishedVersions.prefix(state.publishedVersions.count)) == state.publishedVersions)
                if next.publishedVersions.count > state.publishedVersions.count { publications += 1 }
                if next.status == .published, let last = next.publishedVersions.last { #expect(next.stops == last.stops) }
                #expect(Set(next.stops.map(\.stopID)).count == next.stops.count)
                state = next
                log += events
            }
            #expect(log.reduce(Tour.State.initial, Tour.evolve) == state)
        }
        #expect(publications > 0, "the menu never reached a publication")
    }

    @Test func exclusiveGrantsOfOneItemNeverOverlap() async {
        let facts = M.facts
        let territorySets: [[String]] = [["HK"], ["MO"], ["CN"], ["HK", "MO"], ["CN", "HK", "MO"]]
        let terms: [(String, String)] = [("2026-01-01", "2027-12-31"), ("2027-06-01", "2028-12-31"), ("2029-01-01", "2030-12-31"), ("2026-01-01", "2030-12-31")]
        var listings: [Listing.State] = []
        for (index, (items, exclusive)) in [(["I-1"], true), (["I-1", "I-2"], true), (["I-2"], false), (["I-2"], true)].enumerated() {
            let id = "L\(index)", ref = Listing.ListingRef(listingID: id)
            var state = Listing.State.initial
            for (command, actor) in [(M.draft(id, items: items, exclusive: exclusive), F.chen), (.submit(ref), F.chen), (.approve(ref), F.li)] as [(Listing.Command, Actor)] {
                state = try! Listing.decide(command, state: state, context: F.ctx(actor), facts: facts).reduce(state, Listing.evolve)
            }
            listings.append(state)
        }
        let initialListings = listings
        var accepted = 0, conflicts = 0
        await propertyCheck(count: 150, input: Self.script) { picks in
            var listings = initialListings
            var reservations: [ItemID: RightsReservation.State] = ["I-1": .initial, "I-2": .initial]
            var reservationLog: [ItemID: [RightsReservation.Event]] = [:]
            var deals: [DealID: Deal.State] = [:]
            for (step, pick) in picks.enumerated() {
                if pick % 5 == 4, let dealID = deals.keys.sorted().first(where: { deals[$0]?.status == .pendingSignature }) {
                    // Terminate a live deal and release its grants, as the handler does.
                    let deal = deals[dealID]!
                    let events = try Deal.decide(.terminate(.init(dealID: dealID, reason: "r")), state: deal, context: F.ctx(F.admin))
                    deals[dealID] = events.reduce(deal, Deal.evolve)
                    for (itemID, released) in Deal.reservationReleases(for: deals[dealID]!, events: events) {
                        reservations[itemID] = released.reduce(reservations[itemID]!, RightsReservation.evolve)
                        reservationLog[itemID, default: []] += released
                    }
                    continue
                }
                let index = pick % listings.count
                let (start, end) = terms[(pick / 4) % terms.count]
                let offerID = "O\(step)"
                let offer = M.offer(listings[index].id, offerID, terms: M.terms(territorySets[(pick / 16) % territorySets.count], start, end))
                listings[index] = try Listing.decide(offer, state: listings[index], context: F.ctx(F.chen), facts: facts).reduce(listings[index], Listing.evolve)
                let decision: Listing.AcceptOfferDecision
                do throws(DomainError) {
                    decision = try Listing.decideAcceptOffer(.init(listingID: listings[index].id, offerID: offerID, dealID: "D\(step)"),
                        listing: listings[index], reservations: reservations, deal: .initial, context: F.ctx(F.chen))
                    accepted += 1
                } catch {
                    #expect(error.code == "EXCLUSIVITY_CONFLICT")
                    conflicts += 1
                    continue
                }
                listings[index] = decision.listingEvents.reduce(listings[index], Listing.evolve)
                deals["D\(step)"] = decision.dealEvents.reduce(Deal.State.initial, Deal.evolve)
                for (itemID, events) in decision.reservationEvents {
                    reservations[itemID] = events.reduce(reservations[itemID]!, RightsReservation.evolve)
                    reservationLog[itemID, default: []] += events
                }
            }
            for (itemID, state) in reservations {
                for (i, a) in state.grants.enumerated() {
                    for b in state.grants.dropFirst(i + 1) {
                        #expect(!a.conflicts(with: b), "item \(itemID): \(a.dealID) and \(b.dealID) overlap")
                    }
                }
                #expect((reservationLog[itemID] ?? []).reduce(RightsReservation.State.initial, RightsReservation.evolve).grants == state.grants)
                // Every held grant belongs to a live deal.
                for grant in state.grants { #expect(deals[grant.dealID]?.status == .pendingSignature) }
            }
        }
        #expect(accepted > 0 && conflicts > 0, "accepted \(accepted), conflicts \(conflicts)")
    }
}
