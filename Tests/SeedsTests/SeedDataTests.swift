import Commands
import Domain
import Foundation
@testable import SeedLoader
import Testing

/// The bundled seed files themselves: found from any working directory, complete, and mapped onto commands.
@Suite struct SeedDataTests {
    @Test func bundledDataIsFoundThroughBundleModule() throws {
        let root = try SeedLoader.bundledData
        for file in ["villages.json", "devices.json", "items", "tours", "market"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), "\(file) missing")
        }
    }

    @Test func villagesAreRealCountyLevelDivisionsWithSources() throws {
        let data = try SeedData.read(from: SeedLoader.bundledData)
        #expect(data.villages.count >= 12)
        var counties = Set<String>()
        for entry in data.villages {
            let county = try CountyCode.validated(entry.record.county)
            counties.insert(county.rawValue)
            #expect(!entry.record.source.isEmpty, "village \(entry.id) names no source")
            #expect(entry.record.names[.zhHans] != nil && entry.record.names[.en] != nil)
        }
        #expect(counties.count >= 6)
        let expected: [String: String] = [
            "shawan": "440113", "xiaozhou": "440105", "huangpu-cun": "440105", "zili": "440783", "daqitou": "440607",
            "bijiang": "440606", "fengjian": "440606", "nanshe": "441900", "songtang": "440605", "qiangang": "440117",
        ]
        for (id, code) in expected {
            #expect(data.villages.first { $0.id == id }?.record.county == code, "\(id) should be in \(code)")
        }
    }

    @Test func itemsCoverEveryKindWithRightsAndClassification() throws {
        let data = try SeedData.read(from: SeedLoader.bundledData)
        #expect(data.items.count >= 60)
        let kinds = Set(data.items.map(\.record.kind))
        #expect(kinds == Set(ArchiveItem.Kind.allCases))
        for entry in data.items where entry.record.kind == .ichElement {
            #expect(entry.record.ich?.domain != nil && entry.record.ich?.category != nil, "\(entry.id)")
        }
        for entry in data.items where entry.record.status == .published {
            #expect(entry.record.rights != nil, "published item \(entry.id) has no rights")
        }
        // Some records deliberately give the review queue and the rights audit work.
        #expect(data.items.contains { $0.record.status == .submitted })
        #expect(data.items.contains { $0.record.rights == nil })
        #expect(data.items.contains { $0.record.kind == .oralHistory && ($0.record.consents ?? []).isEmpty })
        #expect(data.items.contains { $0.record.rights?.uri.contains("/UND/") == true })
        #expect(data.items.contains { $0.record.contributed != nil })
        let categories = Set(data.items.compactMap(\.record.ich?.category))
        for category in ["传统戏剧", "传统舞蹈", "传统美术", "传统音乐", "传统技艺", "民俗"] {
            #expect(categories.contains(category), "no \(category) element")
        }
    }

    @Test func toursAreTrilingualWithRealCantonese() throws {
        let data = try SeedData.read(from: SeedLoader.bundledData)
        #expect(data.tours.count >= 6)
        #expect(data.tours.contains { $0.record.author == .agent && $0.record.status == .inReview })
        #expect(data.tours.filter { $0.record.status == .published }.count >= 4)
        // Written Cantonese has its own words; a Mandarin text relabelled yue-Hant has none of them.
        let cantonese: [Character] = ["係", "嘅", "喺", "啲", "睇", "嚟", "咗", "唔", "佢", "哋", "咁", "冇", "嗰", "呢", "㗎", "吓"]
        for tour in data.tours {
            for stop in tour.record.stops {
                let yue = try #require(stop.scripts["yue-Hant"], "\(tour.id) \(stop.id) has no yue-Hant")
                #expect(yue.contains { cantonese.contains($0) }, "\(tour.id) \(stop.id) yue-Hant reads as Mandarin")
                #expect(yue != stop.scripts["zh-Hans"])
                #expect(stop.scripts["en"] != nil)
            }
        }
    }

    @Test func marketHasACrossBorderExclusiveDeal() throws {
        let data = try SeedData.read(from: SeedLoader.bundledData)
        #expect(data.listings.count >= 5)
        let crossBorder = data.listings.filter {
            $0.record.exclusive && $0.record.terms.territories.contains { ["HK", "MO"].contains($0) }
                && ($0.record.offers ?? []).contains { $0.outcome == .accepted && $0.deal?.licenseeSignatory != nil }
        }
        #expect(!crossBorder.isEmpty)
    }

    @Test func planRunsInDependencyOrderWithDistinctCommandIDs() throws {
        let steps = try SeedLoader.plan(from: SeedLoader.bundledData)
        let ids = steps.map(\.commandID)
        #expect(Set(ids).count == ids.count)
        #expect(try SeedLoader.plan(from: SeedLoader.bundledData).map(\.commandID) == ids)
        let order = ["village", "device", "item", "tour", "listing"]
        let ranks = steps.map { order.firstIndex(of: $0.kind)! }
        #expect(ranks == ranks.sorted())
        // Reviewer ≠ author: nothing is published or approved by the actor that registered or drafted it.
        for step in steps where ["publish", "approve"].contains(step.step) {
            let author = steps.first { $0.kind == step.kind && $0.record == step.record }!.actor
            #expect(step.actor != author, "\(step.kind) \(step.record) reviewed by its author")
            #expect(step.actor.isHuman)
        }
    }

    @Test func derivedValuesMatchSHA256TestVectors() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let checksum = SeedIdentity.mediaChecksum(item: "zili-mingshilou", media: "m1")
        #expect(ArchiveItem.isSHA256Hex(checksum))
        let id = SeedIdentity.commandID(file: "item", record: "zili-mingshilou", step: "register")
        #expect(id == SeedIdentity.commandID(file: "item", record: "zili-mingshilou", step: "register"))
        #expect(id.uuidString.dropFirst(14).first == "8")  // version 8
    }
}
