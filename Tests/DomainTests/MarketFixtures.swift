import Foundation
import Testing

@testable import Domain

/// IP market fixtures: an exclusive listing of the Mingshi Lou photo (I-1) for CN, HK and MO, 2026–2030.
enum M {
    static let later = F.now.addingTimeInterval(30 * 86_400)
    static var facts: Facts {
        Facts(items: [
            "I-1": F.publishedItem("I-1"), "I-2": F.publishedItem("I-2"), "CC": F.publishedItem("CC", rights: F.ccBy),
            "D-0": F.item([(F.register("D-0"), F.chen)]),
            "P-1": F.publishedItem("P-1", people: true, scopes: [.archive, .kiosk]),
        ])
    }

    static func terms(_ territories: [String] = ["CN", "HK", "MO"], _ start: String = "2026-01-01", _ end: String = "2030-12-31",
                      uses: [Listing.Use] = [.reproduce, .display, .merchandise], price: Int64 = 10_000_000, currency: Currency = .hkd)
        -> Listing.TermsInput
    {
        .init(uses: uses, territories: territories, termStart: start, termEnd: end, price: Money(amountMinor: price, currency: currency))
    }

    static func draft(_ id: ListingID = "L-1", items: [ItemID] = ["I-1"], exclusive: Bool = true, terms: Listing.TermsInput = M.terms())
        -> Listing.Command
    {
        .draft(.init(listingID: id, title: ["zh-Hans": "铭石楼影像授权"], sourceItems: items, terms: terms, exclusive: exclusive))
    }

    static func run(_ steps: [(Listing.Command, Actor)], from state: Listing.State = .initial, sourceLocation: SourceLocation = #_sourceLocation)
        -> Listing.State
    {
        var state = state
        for (command, actor) in steps {
            do {
                state = try Listing.decide(command, state: state, context: F.ctx(actor), facts: facts).reduce(state, Listing.evolve)
            } catch {
                Issue.record("\(command) refused: \(error)", sourceLocation: sourceLocation)
            }
        }
        return state
    }

    static func published(_ id: ListingID = "L-1", items: [ItemID] = ["I-1"], exclusive: Bool = true) -> Listing.State {
        let ref = Listing.ListingRef(listingID: id)
        return run([(draft(id, items: items, exclusive: exclusive), F.chen), (.submit(ref), F.chen), (.approve(ref), F.li)])
    }

    static func offer(_ listing: ListingID = "L-1", _ offerID: OfferID = "O-1", terms: Listing.TermsInput = M.terms(["HK"], "2026-01-01", "2028-12-31"))
        -> Listing.Command
    {
        .makeOffer(.init(listingID: listing, offerID: offerID, buyer: "港影文化有限公司", terms: terms, validUntil: later))
    }

    static func withOffer(_ listing: ListingID = "L-1", _ offerID: OfferID = "O-1", items: [ItemID] = ["I-1"], exclusive: Bool = true,
                          terms: Listing.TermsInput = M.terms(["HK"], "2026-01-01", "2028-12-31")) -> Listing.State
    {
        run([(offer(listing, offerID, terms: terms), F.chen)], from: published(listing, items: items, exclusive: exclusive))
    }

    /// Accepts and returns the decision, failing the test on a refusal.
    static func accept(_ listing: Listing.State, _ offerID: OfferID, deal: DealID, reservations: [ItemID: RightsReservation.State],
                       sourceLocation: SourceLocation = #_sourceLocation) -> Listing.AcceptOfferDecision?
    {
        do {
            return try Listing.decideAcceptOffer(
                .init(listingID: listing.id, offerID: offerID, dealID: deal), listing: listing, reservations: reservations,
                deal: .initial, context: F.ctx(F.chen))
        } catch {
            Issue.record("accept refused: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}
