@testable import Domain
import EventLog
import Foundation
import Projections
import Testing
import TestSupport

@Suite("Catalog and search, on PostgreSQL and SQLite")
struct CatalogSearchTests {
    @Test("趟栊 finds an item whose description contains it; Kaiping finds the English title; drafts stay out", arguments: Backend.allCases)
    func chineseAndEnglishSearch(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, _ in
            try await P.append(store, try StreamID("village-zili"), [try P.village()])
            try await P.append(store, P.itemStream("door-1"), try P.publishedItem(
                "door-1", title: ["zh-Hans": "西关大屋的门", "en": "Door of a Xiguan house"],
                description: ["zh-Hans": "三重门：脚门、趟栊与大门，岭南民居特有的防盗设计。"]))
            try await P.append(store, P.itemStream("tower-1"), try P.publishedItem(
                "tower-1", title: ["zh-Hans": "开平碉楼", "en": "Kaiping Diaolou watchtower"]))
            let last = try await P.append(store, P.itemStream("draft-1"), [
                try P.item(P.registered("draft-1", title: ["en": "Kaiping draft", "zh-Hans": "草稿"], description: ["zh-Hans": "趟栊"])),
            ])
            try await Harness.catchUp([CatalogProjection()], store: store, storage: storage, to: last.lastCursor)
            let models = ReadModels(storage: storage, store: store)

            let chinese = try await models.search("趟栊")
            #expect(chinese.map(\.itemID) == ["door-1"])
            let english = try await models.search("Kaiping")
            #expect(english.map(\.itemID) == ["tower-1"])
            #expect(try await models.search("kaiping WATCHTOWER").map(\.itemID) == ["tower-1"], "case-insensitive, every term")
            #expect(try await models.search("ＫＡＩＰＩＮＧ").map(\.itemID) == ["tower-1"], "full-width Latin folds to ASCII")
            #expect(try await models.search("100%").isEmpty, "LIKE wildcards in a query are literal")
            #expect(try await models.search("碉楼", county: P.panyu).isEmpty)

            let page = try await models.catalog(county: P.kaiping, village: P.zili)
            #expect(page.total == 2)
            #expect(page.items.map(\.itemID) == ["tower-1", "door-1"] || page.items.map(\.itemID) == ["door-1", "tower-1"])
            let door = try #require(page.items.first { $0.itemID == "door-1" })
            #expect(door.dcType == "PhysicalObject" && door.edmType == "IMAGE")
            #expect(door.rights?.uri == "https://creativecommons.org/licenses/by/4.0/")
            #expect(door.thumbnail?.mediaID == "m-door-1")
            #expect(try await models.villages(county: P.kaiping).map(\.villageID) == ["zili"])
            #expect(try await models.counties() == [P.kaiping])
            #expect(try await models.catalogItem("draft-1")?.status == .draft)
        }
    }
}
