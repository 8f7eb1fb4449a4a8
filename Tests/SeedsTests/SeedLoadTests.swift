import Commands
import Domain
import EventLog
import EventLogPostgres
import EventLogSQLite
import Foundation
import SeedLoader
import TestSupport
import Testing

/// The seed loaded through the command handler into both stores: everything lands, a second run appends
/// nothing, and the folded streams show the expected counts.
@Suite struct SeedLoadTests {
    @Test func loadsIntoSQLiteAndASecondRunAppendsNothing() async throws {
        try await TemporarySQLite.withStore { store, _ in
            try await Self.loadTwiceAndCheck(store)
        }
    }

    @Test func loadsIntoPostgreSQLAndASecondRunAppendsNothing() async throws {
        try await TestDatabase.withStore { store, _ in
            try await Self.loadTwiceAndCheck(store)
        }
    }

    static func loadTwiceAndCheck(_ store: any EventStore) async throws {
        let loader = SeedLoader(store: store)
        let first = try await loader.load()
        #expect(first.alreadyApplied == 0)
        #expect(first.appendedEvents > 0)
        let afterFirst = try await SeededState.read(store)
        #expect(afterFirst.eventCount == first.appendedEvents)

        let second = try await loader.load()
        #expect(second.appendedEvents == 0)
        #expect(second.alreadyApplied == second.commands)
        #expect(second.commands == first.commands)
        let afterSecond = try await SeededState.read(store)
        #expect(afterSecond.eventCount == afterFirst.eventCount)

        try checkCounts(afterSecond)
    }

    /// The read-side view of the seed, folded from the log through the domain's `evolve`.
    static func checkCounts(_ state: SeededState) throws {
        #expect(state.villages.count == SeedExpectations.villages)
        #expect(Set(state.villages.values.compactMap(\.county)).count >= 6)
        #expect(state.devices.count == SeedExpectations.devices)
        #expect(state.count(state.items.values.map(\.status)) == SeedExpectations.items)
        #expect(state.count(state.tours.values.map(\.status)) == SeedExpectations.tours)
        #expect(state.count(state.listings.values.map(\.status)) == SeedExpectations.listings)
        #expect(state.count(state.deals.values.map(\.status)) == SeedExpectations.deals)

        // Review queue: submitted items, the agent's tour, the listing pending approval.
        let queue = state.items.values.filter { $0.status == .submitted }
        #expect(queue.count == 7)
        #expect(queue.contains { $0.registeredBy.hasPrefix("kiosk-") })
        let agentTour = try #require(state.tours["tour-nanshe-filial-piety"])
        #expect(agentTour.status == .inReview)
        #expect(agentTour.author == SeedActors.agent.id)

        // Rights audit: items without rights, CNE/UND statements, oral histories without consent.
        let noRights = state.items.values.filter { $0.rights == nil && $0.status != .withdrawn }
        #expect(noRights.count >= 5)
        #expect(state.items.values.contains { $0.rights?.parsedURI?.needsAudit == true })
        #expect(state.items.values.contains { $0.kind == .oralHistory && $0.consentedScopes.isEmpty })

        // Kind coverage of what was published.
        let publishedKinds = Set(state.items.values.filter { $0.status == .published }.map(\.kind))
        #expect(publishedKinds == Set(ArchiveItem.Kind.allCases))

        // Tours: every published stop has all three languages and links only displayable items.
        for tour in state.tours.values where tour.status == .published {
            let version = try #require(tour.publishedVersions.last)
            #expect(Set(version.languages) == [.zhHans, .yueHant, .en])
            for stop in version.stops {
                #expect(stop.scripts.languages == [.zhHans, .yueHant, .en])
                for item in stop.linkedItems { #expect(state.items[item]?.isDisplayableOnKiosk == true) }
            }
        }

        // The cross-border exclusive grant: active, HK, held on both source items.
        let deal = try #require(state.deals["deal-zili-hk-2026"])
        #expect(deal.status == .active)
        #expect(deal.terms?.exclusive == true)
        #expect(deal.terms?.territories == [Territory.hk])
        #expect(deal.paidMinor == 7_500_000)
        for item in ["zili-mingshilou", "zili-photo-panorama"] {
            #expect(state.reservations[item]?.grants.contains { $0.dealID == "deal-zili-hk-2026" } == true)
        }
        let offers = state.listings.values.flatMap(\.offers.values)
        #expect(state.count(offers.map(\.status)) == [.accepted: 3, .countered: 1, .rejected: 1, .withdrawn: 1, .open: 1])
    }
}

/// A seed file that breaks a rule stops seeding with the file, the record and the rule.
@Suite struct SeedRefusalTests {
    @Test func aRecordBreakingADomainRuleIsRefusedNamingFileRecordAndRule() async throws {
        try await SeedDataCopy.withCopy { root in
            try SeedDataCopy.edit(root, "items/440105-haizhu.json") { records in
                let index = records.firstIndex { $0["id"] as? String == "xiaozhou-photo-dengying-pier" }!
                var rights = records[index]["rights"] as! [String: Any]
                rights["uri"] = "CC BY 4.0"
                records[index]["rights"] = rights
            }
            try await TemporarySQLite.withStore { store, _ in
                let error = await #expect(throws: SeedError.self) { try await SeedLoader(store: store).load(from: root) }
                #expect(error?.file == "items/440105-haizhu.json")
                #expect(error?.record == "xiaozhou-photo-dengying-pier")
                #expect(error?.code == ErrorCode.rightsURIInvalid)
                let message = error?.description ?? ""
                #expect(message.contains("items/440105-haizhu.json"))
                #expect(message.contains("xiaozhou-photo-dengying-pier"))
                #expect(message.contains("RIGHTS_URI_INVALID"))
                #expect(message.contains("step rights"))
            }
        }
    }

    @Test func aVillageWithAPrefectureCodeIsRefusedAsUnknownCounty() async throws {
        try await SeedDataCopy.withCopy { root in
            try SeedDataCopy.edit(root, "villages.json") { records in
                let index = records.firstIndex { $0["id"] as? String == "zili" }!
                records[index]["county"] = "440700"
            }
            try await TemporarySQLite.withStore { store, _ in
                let error = await #expect(throws: SeedError.self) { try await SeedLoader(store: store).load(from: root) }
                #expect(error?.file == "villages.json")
                #expect(error?.record == "zili")
                #expect(error?.code == ErrorCode.unknownCounty)
            }
        }
    }

    @Test func aReferenceToAnUndefinedVillageIsRefusedBeforeAnythingIsAppended() async throws {
        try await SeedDataCopy.withCopy { root in
            try SeedDataCopy.edit(root, "tours/zili-diaolou.json") { records in
                records[0]["village"] = "atlantis"
            }
            try await TemporarySQLite.withStore { store, _ in
                let error = await #expect(throws: SeedError.self) { try await SeedLoader(store: store).load(from: root) }
                #expect(error?.file == "tours/zili-diaolou.json")
                #expect(error?.record == "tour-zili-diaolou")
                #expect(error?.code == "SEED_REFERENCE")
                #expect(error?.description.contains("village 'atlantis' is not in villages.json") == true)
                let events = try await SettledLog.readAll(store)
                #expect(events.isEmpty)
            }
        }
    }

    @Test func aMalformedRecordIsRefusedBeforeAnythingIsAppended() async throws {
        try await SeedDataCopy.withCopy { root in
            try SeedDataCopy.edit(root, "tours/zili-diaolou.json") { records in
                records[0].removeValue(forKey: "village")
            }
            try await TemporarySQLite.withStore { store, _ in
                let error = await #expect(throws: SeedError.self) { try await SeedLoader(store: store).load(from: root) }
                #expect(error?.file == "tours/zili-diaolou.json")
                #expect(error?.record == "tour-zili-diaolou")
                #expect(error?.code == "SEED_FORMAT")
                #expect(error?.description.contains("missing field 'village'") == true)
                let events = try await SettledLog.readAll(store)
                #expect(events.isEmpty)
            }
        }
    }

    @Test func aTourLinkingAnItemWithoutKioskConsentIsRefused() async throws {
        // Seed records cannot route around the rules: a tour whose stop links an item without kiosk consent
        // is refused by the domain like any other draft.
        try await SeedDataCopy.withCopy { root in
            try SeedDataCopy.edit(root, "tours/zili-diaolou.json") { records in
                var stops = records[0]["stops"] as! [[String: Any]]
                stops[0]["items"] = ["zili-photo-family-1930s"]
                records[0]["stops"] = stops
            }
            try await TemporarySQLite.withStore { store, _ in
                let error = await #expect(throws: SeedError.self) { try await SeedLoader(store: store).load(from: root) }
                #expect(error?.record == "tour-zili-diaolou")
                #expect(error?.code == ErrorCode.itemNotDisplayable)
            }
        }
    }
}
