@testable import Domain
import EventLog
import Foundation
@testable import Projections
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

@Suite("Search text normalisation")
struct SearchTextTests {
    /// The normalisation as first written (grapheme clusters, `Character.isWhitespace`): the fast one must agree.
    static func reference(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test("agrees with the grapheme-based reference on mixed scripts, full-width forms and every kind of space", arguments: [
        "", "   ", "Kaiping Diaolou", "  KAIPING\tWatchtower\n", "ＫＡＩＰＩＮＧ　碉楼", "自力村最华丽的碉楼，五层钢筋混凝土结构。",
        "a\u{00A0}b\u{2003}c\u{3000}d\u{2028}e\u{0085}f", "ΟΔΟΣ Σ", "e\u{0301}cole ÉCOLE", "ﬁne ①②", "趟栊 与 大门\r\n西关",
        "Ǆemal ǅ", "\u{1680}lead and trail\u{202F}",
    ])
    func agreesWithReference(_ text: String) {
        #expect(SearchText.normalize(text) == Self.reference(text))
    }

    @Test("every scalar folded on its own folds as NFKC and lowercasing fold it, alone and among the others")
    func simpleFoldAgreesWithFoundation() {
        var simple: [Unicode.Scalar] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), let folded = SearchText.simpleFold(scalar) else { continue }
            simple.append(scalar)
            #expect(folded.isASCII || folded == scalar, "U+\(String(value, radix: 16, uppercase: true)) folds to another non-ASCII scalar")
            let expected = String(scalar).precomposedStringWithCompatibilityMapping.lowercased()
            #expect(String(folded) == expected, "U+\(String(value, radix: 16, uppercase: true))")
        }
        #expect(simple.count > 20_000)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text.append(simple.randomElement(using: &generator)!) }
            let string = String(text)
            #expect(SearchText.normalize(string) == Self.reference(string), "\(string.unicodeScalars.map { $0.value })")
        }
    }
}
