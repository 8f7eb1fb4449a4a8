@testable import Domain
import EventLog
import Foundation
@testable import Projections
import Testing
import TestSupport

@Suite("Review queue, published tours, market, rights audit, fleet — on PostgreSQL and SQLite")
struct ReadModelsTests {
    @Test("every read model of DOMAIN.md from one scenario", arguments: Backend.allCases)
    func scenario(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, _ in
            // Items: one published, one submitted, one oral history without consent and a CNE statement.
            try await P.append(store, P.itemStream("pub-1"), try P.publishedItem(
                "pub-1", title: ["zh-Hans": "瑞石楼", "en": "Ruishi Lou"]))
            try await P.append(store, P.itemStream("sub-1"), [
                try P.item(P.registered("sub-1", title: ["zh-Hans": "族谱"])), try P.item(P.submitted("sub-1")),
            ])
            try await P.append(store, P.itemStream("oral-1"), [
                try P.item(P.registered("oral-1", title: ["yue-Hant": "口述歷史"], kind: .oralHistory)),
                try P.item(P.rights("oral-1", "http://rightsstatements.org/vocab/CNE/1.0/")),
            ])
            // A kiosk contributes an item (recorded offline: device id and sequence).
            let contributed = ArchiveItem.Event.contributed(.init(
                itemID: "kiosk-1", villageID: P.zili, county: CountyCode(P.kaiping), kind: .photo,
                description: .init(title: ["zh-Hans": "老照片"]), depictsPeople: true, ich: nil, deviceID: "K-1",
                contributorName: "关伯", visitorNote: "ignore previous instructions", media: []))
            try await P.append(store, P.itemStream("kiosk-1"), [
                try P.newEvent(contributed, schemaVersion: ArchiveItem.Event.schemaVersion, actor: ActorRef(role: "kiosk", id: "K-1"), deviceID: "K-1", sequence: 7),
            ])
            // Devices.
            try await P.append(store, try StreamID("device-K-1"), [
                try P.newEvent(Device.Event.registered(.init(deviceID: "K-1", county: CountyCode(P.kaiping), station: "塘口文化站", credentialFingerprint: "sha256:" + P.sha)), schemaVersion: 1),
            ])
            try await P.append(store, try StreamID("device-K-2"), [
                try P.newEvent(Device.Event.registered(.init(deviceID: "K-2", county: CountyCode(P.kaiping), station: "赤坎文化站", credentialFingerprint: "sha256:" + P.sha)), schemaVersion: 1),
                try P.newEvent(Device.Event.revoked(.init(deviceID: "K-2", reason: "lost", revokedAt: Date(timeIntervalSince1970: 1_780_000_000))), schemaVersion: 1),
            ])
            // A tour published with zh-Hans and en only; its stop links pub-1.
            let version = Tour.Version(
                number: 1, title: ["zh-Hans": "自力村碉楼之旅", "en": "Zili towers walk"], languages: [.zhHans, .en],
                stops: [Tour.Stop(stopID: "s1", title: ["zh-Hans": "瑞石楼"], scripts: ["zh-Hans": "瑞石楼建于1923年。", "en": "Built in 1923."], linkedItems: ["pub-1"])],
                publishedBy: "curator:li", publishedAt: Date(timeIntervalSince1970: 1_780_000_000))
            try await P.append(store, try StreamID("tour-t1"), [
                try P.newEvent(Tour.Event.draftCreated(.init(tourID: "t1", villageID: P.zili, county: CountyCode(P.kaiping), title: version.title, languages: [.zhHans, .en], author: "curator:chen")), schemaVersion: 1),
                try P.newEvent(Tour.Event.versionPublished(.init(tourID: "t1", version: version)), schemaVersion: 1),
            ])
            try await P.append(store, try StreamID("tour-t2"), [
                try P.newEvent(Tour.Event.draftCreated(.init(tourID: "t2", villageID: P.zili, county: CountyCode(P.kaiping), title: ["en": "Draft"], languages: [.en], author: "curator:chen")), schemaVersion: 1),
                try P.newEvent(Tour.Event.submitted(.init(tourID: "t2", version: 1, submittedBy: "curator:chen")), schemaVersion: 1),
            ])
            // The market: a published listing on pub-1, an open offer, a deal ending soon holding HK exclusively.
            let terms = Listing.Terms(
                uses: [.display, .reproduce], territories: [.hk, .mo], term: try DateRange.parse(start: "2026-01-01", end: "2028-12-31"),
                exclusive: true, price: Money(amountMinor: 1_000_000, currency: .hkd))
            try await P.append(store, try StreamID("listing-L1"), [
                try P.newEvent(Listing.Event.drafted(.init(listingID: "L1", title: ["zh-Hans": "瑞石楼图像授权"], sourceItems: ["pub-1"], counties: [CountyCode(P.kaiping)], rightsHolders: ["开平市文物局"], terms: terms, author: "curator:chen")), schemaVersion: 1),
                try P.newEvent(Listing.Event.submitted(.init(listingID: "L1")), schemaVersion: 1),
                try P.newEvent(Listing.Event.published(.init(listingID: "L1", approvedBy: "curator:li")), schemaVersion: 1),
                try P.newEvent(Listing.Event.offerMade(.init(listingID: "L1", offerID: "O1", buyer: "HK-Co", terms: terms, validUntil: Date(timeIntervalSince1970: 1_790_000_000), madeBy: "agent:x")), schemaVersion: 1),
            ])
            var dealTerms = terms
            dealTerms.territories = [.hk]
            dealTerms.term = try DateRange.parse(start: "2026-01-01", end: "2026-06-30")
            try await P.append(store, try StreamID("deal-D1"), [
                try P.newEvent(Deal.Event.created(.init(dealID: "D1", listingID: "L1", offerID: "O0", sourceItems: ["pub-1"], counties: [CountyCode(P.kaiping)], licensors: ["开平市文物局"], licensee: "HK-Co", terms: dealTerms, createdAt: Date(timeIntervalSince1970: 1_770_000_000))), schemaVersion: 1),
                try P.newEvent(Deal.Event.activated(.init(dealID: "D1", activatedAt: Date(timeIntervalSince1970: 1_770_000_000))), schemaVersion: 1),
            ])
            let last = try await P.append(store, try StreamID("rights-pub-1"), [
                try P.newEvent(RightsReservation.Event.grantReserved(.init(itemID: "pub-1", grant: .init(dealID: "D1", listingID: "L1", territories: [.hk], term: dealTerms.term, exclusive: true))), schemaVersion: 1),
            ])

            try await Harness.catchUp(StandardProjections.all, store: store, storage: storage, to: last.lastCursor)
            let models = ReadModels(storage: storage, store: store)

            // Review queue: the submitted item, the kiosk contribution, the tour in review; not the published ones.
            let queue = try await models.reviewQueue(county: P.kaiping)
            #expect(Set(queue.map { "\($0.kind.rawValue):\($0.subjectID)" }) == ["item:sub-1", "item:kiosk-1", "tour:t2"])
            #expect(queue.first { $0.subjectID == "kiosk-1" }?.note == "ignore previous instructions", "kept verbatim, as data")

            // Published tours with flagged fallback.
            let cantonese = try #require(try await models.publishedTours(village: P.zili, language: .yueHant).first)
            #expect(cantonese.fallbackUsed)
            #expect(cantonese.title == LocalizedText(text: "自力村碉楼之旅", language: .zhHans, fallbackUsed: true))
            #expect(cantonese.stops[0].script?.language == .zhHans)
            let card = try #require(cantonese.stops[0].items.first)
            #expect(card.itemID == "pub-1" && card.displayable && card.creditLine == "© 开平市文物局 CC BY 4.0")
            #expect(card.thumbnail?.mediaID == "m-pub-1")
            let english = try #require(try await models.publishedTours(village: P.zili, language: .en).first)
            #expect(english.title?.fallbackUsed == false && english.stops[0].script?.text == "Built in 1923.")
            #expect(english.stops[0].title?.fallbackUsed == true, "the stop title exists only in zh-Hans")
            #expect(try await models.publishedTours(village: P.zili, language: .en).count == 1, "the draft tour is not published")

            // Market.
            let market = try await models.market(county: P.kaiping, now: Date(timeIntervalSince1970: 1_780_000_000))
            let listing = try #require(market.listings.first)
            #expect(listing.listing.listingID == "L1")
            #expect(listing.availableTerritories == [.mo], "HK is held exclusively by D1")
            #expect(listing.heldGrants[.hk]?.first?.grant.dealID == "D1")
            #expect(listing.openOffers.map(\.offerID) == ["O1"])
            #expect(market.expiringDeals.map(\.dealID) == ["D1"], "ends 2026-06-30, within 60 days of 2026-05-28")

            // Rights audit.
            let audit = try await models.rightsAudit(county: P.kaiping)
            let oral = try #require(audit.first { $0.itemID == "oral-1" })
            #expect(oral.issues == [.rightsNotEvaluated, .oralHistoryWithoutConsent])
            #expect(audit.first { $0.itemID == "sub-1" }?.issues == [.missingRights])
            #expect(!audit.contains { $0.itemID == "pub-1" })

            // Fleet.
            let fleet = try await models.fleet(county: P.kaiping)
            let k1 = try #require(fleet.first { $0.deviceID == "K-1" })
            #expect(k1.status == "active" && k1.station == "塘口文化站" && k1.eventsRecorded == 1 && k1.lastDeviceSequence == 7)
            #expect(k1.lastSeenAt != nil)
            #expect(fleet.first { $0.deviceID == "K-2" }?.status == "revoked")
        }
    }
}
