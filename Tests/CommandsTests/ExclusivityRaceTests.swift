import Commands
import Domain
import EventLog
import Foundation
import TestSupport
import Testing

/// No two exclusive grants of the same source item overlap in territory and term, across all listings, even when
/// two AcceptOffer commands race on different listings.
@Suite("Exclusivity across racing accepts")
struct ExclusivityRaceTests {
    /// Publishes item `item` and two exclusive listings of it, `LA-<suffix>` and `LB-<suffix>`, each with offer O-1.
    static func market(
        _ handler: CommandHandler, item: ItemID, suffix: String,
        offerA: ([String], String, String), offerB: ([String], String, String)
    ) async throws {
        try await C.publishItem(handler, item)
        try await C.publishListing(handler, "LA-\(suffix)", items: [item])
        try await C.publishListing(handler, "LB-\(suffix)", items: [item])
        try await C.makeOffer(handler, "LA-\(suffix)", "O-1", offerA.0, offerA.1, offerA.2)
        try await C.makeOffer(handler, "LB-\(suffix)", "O-1", offerB.0, offerB.1, offerB.2)
    }

    /// Runs the two accepts at the same time; returns the error of each side (`nil` for success).
    static func race(_ handler: CommandHandler, suffix: String) async -> [String: CommandError?] {
        await withTaskGroup(of: (String, CommandError?).self) { group in
            for side in ["A", "B"] {
                group.addTask {
                    let error = await commandError { () async throws(CommandError) -> CommandOutcome in
                        try await handler.handle(C.request(C.accept("L\(side)-\(suffix)", "O-1", deal: "D\(side)-\(suffix)")))
                    }
                    return (side, error)
                }
            }
            var results: [String: CommandError?] = [:]
            for await (side, error) in group { results[side] = error }
            return results
        }
    }

    @Test("overlapping exclusive grants racing on two listings: exactly one wins, 20 rounds")
    func overlappingRace() async throws {
        try await TestDatabase.withStore { store, _ in
            let counting = InterferingStore(store)
            let handler = CommandHandler(store: counting)
            try await C.run(handler, C.registerZili)
            var refusals = 0
            var exhausted = 0
            for round in 0..<20 {
                let item = "R-\(round)"
                try await Self.market(
                    handler, item: item, suffix: "\(round)",
                    offerA: (["HK"], "2026-01-01", "2028-12-31"), offerB: (["HK", "MO"], "2027-06-01", "2029-12-31"))
                let results = await Self.race(handler, suffix: "\(round)")
                let winners = results.filter { $0.value == nil }.map(\.key)
                #expect(winners.count == 1, "round \(round): \(results)")
                for (side, error) in results {
                    guard let error else { continue }
                    if error.code == ErrorCode.exclusivityConflict {
                        refusals += 1
                        #expect(error.message.contains("HK"), "\(error)")
                    } else if case .conflict = error {
                        exhausted += 1
                    } else {
                        Issue.record("round \(round) side \(side): unexpected \(error)")
                    }
                    // The loser appended nothing: no deal, the offer still open.
                    #expect(try await store.streamVersion(C.stream("deal-D\(side)-\(round)")) == 0)
                    let listing = try await AggregateLoader(store: store).load(Listing.self, id: "L\(side)-\(round)").state
                    #expect(listing.offers["O-1"]?.status == .open)
                }
                let grants = try await C.grants(store, item: item)
                #expect(grants.count == 1, "round \(round): \(grants)")
                #expect(!C.anyOverlap(grants))
            }
            #expect(refusals + exhausted == 20)
            // Both accepts read the reservation before either appended in at least some rounds: the store refused one.
            print("racing accepts: \(refusals) EXCLUSIVITY_CONFLICT, \(exhausted) exhausted, \(counting.conflicts) store conflicts")
        }
    }

    @Test("the loser of a race is re-decided against the winner's grant")
    func deterministicLoser() async throws {
        try await TestDatabase.withStore { store, _ in
            let setup = CommandHandler(store: store)
            try await C.run(setup, C.registerZili)
            try await Self.market(
                setup, item: "I-1", suffix: "1",
                offerA: (["HK"], "2026-01-01", "2028-12-31"), offerB: (["HK"], "2028-01-01", "2029-12-31"))
            // B has read the reservation; A's accept lands just before B appends.
            let racing = InterferingStore(store, times: 1) {
                _ = try await setup.handle(C.request(C.accept("LA-1", "O-1", deal: "DA-1")))
            }
            let error = await commandError { () async throws(CommandError) -> CommandOutcome in
                try await CommandHandler(store: racing).handle(C.request(C.accept("LB-1", "O-1", deal: "DB-1")))
            }
            #expect(racing.conflicts == 1)
            #expect(error?.code == ErrorCode.exclusivityConflict, "\(String(describing: error))")
            #expect(error?.message.contains("held by deal DA-1") == true, "\(String(describing: error))")
            let grants = try await C.grants(store, item: "I-1")
            #expect(grants.map(\.dealID) == ["DA-1"])
        }
    }

    @Test("grants that do not overlap (other territory, or later term) both succeed, even racing")
    func nonOverlapping() async throws {
        try await TestDatabase.withStore { store, _ in
            let handler = CommandHandler(store: store)
            try await C.run(handler, C.registerZili)
            try await Self.market(
                handler, item: "T-1", suffix: "territory",
                offerA: (["HK"], "2026-01-01", "2028-12-31"), offerB: (["MO"], "2026-01-01", "2028-12-31"))
            try await Self.market(
                handler, item: "T-2", suffix: "term",
                offerA: (["HK"], "2026-01-01", "2027-12-31"), offerB: (["HK"], "2028-01-01", "2029-12-31"))
            for (suffix, item) in [("territory", "T-1"), ("term", "T-2")] {
                let results = await Self.race(handler, suffix: suffix)
                #expect(results.values.allSatisfy { $0 == nil }, "\(results)")
                let grants = try await C.grants(store, item: item)
                #expect(Set(grants.map(\.dealID)) == ["DA-\(suffix)", "DB-\(suffix)"])
                #expect(!C.anyOverlap(grants))
            }
        }
    }

    @Test("terminating a deal releases its grant in the same append; the other listing can then be accepted")
    func terminationReleases() async throws {
        try await TestDatabase.withStore { store, _ in
            let handler = CommandHandler(store: store)
            try await C.run(handler, C.registerZili)
            try await Self.market(
                handler, item: "I-1", suffix: "1",
                offerA: (["HK"], "2026-01-01", "2028-12-31"), offerB: (["HK"], "2027-01-01", "2029-12-31"))
            let accepted = try await C.run(handler, C.accept("LA-1", "O-1", deal: "DA-1"))
            #expect(accepted.streamIDs.map(\.rawValue) == ["listing-LA-1", "deal-DA-1", "rights-I-1"])
            #expect(accepted.eventTypes == ["market.offer-accepted", "market.deal-created", "rights.grant-reserved"])
            let refused = await commandError { () async throws(CommandError) -> CommandOutcome in
                try await handler.handle(C.request(C.accept("LB-1", "O-1", deal: "DB-1")))
            }
            #expect(refused?.code == ErrorCode.exclusivityConflict)

            let terminated = try await C.run(handler, .deal(.terminate(.init(dealID: "DA-1", reason: "licensee withdrew"))))
            #expect(terminated.streamIDs.map(\.rawValue) == ["deal-DA-1", "rights-I-1"])
            #expect(terminated.results.count == 2)
            #expect(try await C.grants(store, item: "I-1").isEmpty)

            try await C.run(handler, C.accept("LB-1", "O-1", deal: "DB-1"))
            #expect(try await C.grants(store, item: "I-1").map(\.dealID) == ["DB-1"])
            let rights = try await store.readStream(C.stream("rights-I-1"))
            #expect(rights.map(\.type) == ["rights.grant-reserved", "rights.grant-released", "rights.grant-reserved"])
            #expect(rights.allSatisfy { $0.metadata.county == "440783" })
        }
    }
}
